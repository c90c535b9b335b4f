"use client";

/** Small building blocks of the dashboard panels: headings, search, pager, badges, loading state. */
import { useTranslations } from "next-intl";
import { useFormats } from "@/components/ui/useFormats";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { cx } from "@/components/ui/cx";
import { isApiError } from "@/lib/client/api";
import { formatUntil } from "@/lib/shared/moderation";

/** A table that scrolls sideways inside its own box on a narrow screen, never the page. */
/**
 * A table in a box that scrolls sideways on narrow screens. The box is focusable (a named
 * region), so keyboard users can scroll it too.
 */
export function AdminTable({ label, children }: { label?: string; children: ReactNode }) {
  const t = useTranslations("admin.kit");
  return (
    <div
      role="region"
      aria-label={label ?? t("table")}
      tabIndex={0}
      className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-600"
      data-testid="admin-table-scroll"
    >
      <table className="w-full text-sm">{children}</table>
    </div>
  );
}

export function PanelHeader({ title, description, children }: { title: string; description?: string; children?: ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        {description && <p className="mt-0.5 text-sm text-slate-500">{description}</p>}
      </div>
      {children}
    </div>
  );
}

export function SearchBox({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <input
      type="search"
      aria-label={label}
      placeholder={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className="h-9 w-64 rounded-lg bg-white px-3 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
    />
  );
}

export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (p: number) => void }) {
  const t = useTranslations("admin.kit");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="mt-3 flex items-center justify-between text-sm text-slate-500">
      <span>
        {t("pager", { total, page, pages })}
      </span>
      <div className="flex gap-2">
        <Button size="sm" variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          {t("previous")}
        </Button>
        <Button size="sm" variant="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          {t("next")}
        </Button>
      </div>
    </div>
  );
}

export function Badge({ tone = "slate", children }: { tone?: "slate" | "rose" | "amber" | "sky" | "emerald"; children: ReactNode }) {
  const tones = {
    slate: "bg-slate-100 text-slate-700",
    rose: "bg-rose-100 text-rose-800",
    amber: "bg-amber-100 text-amber-800",
    sky: "bg-sky-100 text-sky-800",
    emerald: "bg-emerald-100 text-emerald-800",
  };
  return <span className={cx("inline-flex rounded px-1.5 py-0.5 text-[11px] font-semibold", tones[tone])}>{children}</span>;
}

export const when = (iso: string) => formatUntil(iso);

/** A date and time of the dashboard, in the active language and the user's time zone. */
export function useWhen(): (iso: string) => string {
  return useFormats().dateTime;
}

/** Load with `load` whenever `deps` change; `reload` re-runs it. Errors become a message. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const t = useTranslations("admin.kit");
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    let cancelled = false;
    loadRef.current().then(
      (d) => {
        if (!cancelled) {
          setData(d);
          setError(null);
        }
      },
      (e: unknown) => {
        if (!cancelled) setError(isApiError(e) ? e.message : t("loadFailed"));
      },
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the load depends on
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, reload };
}

/** Run a moderation action: confirm-free, shows the server's error in place, then reloads. */
export function useAction(after: () => void) {
  const t = useTranslations("admin.kit");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (fn: () => Promise<unknown>) => {
      setPending(true);
      setError(null);
      try {
        await fn();
        after();
      } catch (e) {
        setError(isApiError(e) ? e.message : t("failed"));
      } finally {
        setPending(false);
      }
    },
    [after, t],
  );
  return { pending, error, run };
}

export function ErrorLine({ error }: { error: string | null }) {
  return error ? <Alert className="my-2">{error}</Alert> : null;
}

export const inputClass = "h-9 rounded-lg bg-white px-3 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none";
