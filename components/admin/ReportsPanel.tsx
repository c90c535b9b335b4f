"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { cx } from "@/components/ui/cx";
import { adminApi } from "@/lib/client/adminApi";
import type { ReportDTO, TReportResolution } from "@/lib/shared/moderation";
import { ErrorLine, PanelHeader, Pager, useAction, useLoad, useWhen } from "./kit";
import { MessageLine } from "./MessagesPanel";

const STATUSES = ["OPEN", "RESOLVED", "DISMISSED"] as const;

export function ReportsPanel() {
  const t = useTranslations("admin.reports");
  const [status, setStatus] = useState<(typeof STATUSES)[number]>("OPEN");
  const [page, setPage] = useState(1);
  const { data, error, reload } = useLoad(() => adminApi.reports(status, page), [status, page]);

  return (
    <section>
      <PanelHeader title={t("title")} description={t("description")}>
        <div role="tablist" className="flex gap-1">
          {STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              role="tab"
              aria-selected={status === s}
              onClick={() => {
                setStatus(s);
                setPage(1);
              }}
              className={cx("rounded-md px-2.5 py-1 text-sm", status === s ? "bg-indigo-600 text-on-accent" : "text-slate-600 hover:bg-slate-100")}
            >
              {t(`status.${s}`)}
            </button>
          ))}
        </div>
      </PanelHeader>
      <ErrorLine error={error} />
      {data?.items.length === 0 && <p className="text-sm text-slate-500">{t(`none.${status}`)}</p>}
      <ul className="space-y-3">
        {data?.items.map((r) => (
          <ReportCard key={r.id} report={r} onDone={reload} />
        ))}
      </ul>
      {data && data.total > 0 && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
    </section>
  );
}

const ACTIONS: { action: TReportResolution; label: "removeMessage" | "muteAuthor" | "banAuthor" | "dismiss"; danger?: boolean }[] = [
  { action: "delete_message", label: "removeMessage", danger: true },
  { action: "mute_author", label: "muteAuthor" },
  { action: "ban_author", label: "banAuthor", danger: true },
  { action: "dismiss", label: "dismiss" },
];

function ReportCard({ report, onDone }: { report: ReportDTO; onDone: () => void }) {
  const t = useTranslations("admin.reports");
  const when = useWhen();
  const action = useAction(onDone);
  const [note, setNote] = useState("");
  return (
    <li className="rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200" data-testid="report">
      <p className="text-slate-500">
        {t.rich("reportedBy", { name: report.reporter.name, strong: (chunks) => <span className="font-medium text-slate-800">{chunks}</span> })} · {when(report.createdAt)}
      </p>
      <p className="mt-1 font-medium" data-testid="report-reason">
        “{report.reason}”
      </p>
      <ol className="mt-2 space-y-1.5 border-l-2 border-slate-200 pl-3" aria-label={t("context")}>
        {report.context.map((m) => (
          <li key={m.id} className={cx(m.id === report.message.id && "-ml-3 border-l-2 border-rose-500 bg-rose-50 pl-2.5")} data-testid={m.id === report.message.id ? "reported-message" : undefined}>
            <MessageLine m={m} highlight={m.id === report.message.id} />
          </li>
        ))}
      </ol>
      {report.status === "OPEN" ? (
        <div className="mt-3 space-y-2">
          <ErrorLine error={action.error} />
          <input className="h-9 w-full rounded-lg px-3 ring-1 ring-slate-300" placeholder={t("notePlaceholder")} aria-label={t("note")} value={note} onChange={(e) => setNote(e.target.value)} />
          <div className="flex flex-wrap gap-2">
            {ACTIONS.map((a) => (
              <Button key={a.action} size="sm" variant={a.danger ? "danger" : "secondary"} pending={action.pending} onClick={() => action.run(() => adminApi.resolveReport(report.id, a.action, note.trim() || undefined))}>
                {t(a.label)}
              </Button>
            ))}
          </div>
        </div>
      ) : (
        <p className="mt-2 text-slate-500">
          {t(report.status === "DISMISSED" ? "dismissedBy" : "resolvedBy", { name: report.resolvedBy?.name ?? "?" })} · {report.resolution}
        </p>
      )}
    </li>
  );
}
