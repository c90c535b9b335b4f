"use client";

/** "New message": find people by name, pick one (or up to 8), open the DM with them. */
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Avatar } from "@/components/ui/Avatar";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { SearchIcon, XIcon } from "@/components/ui/icons";
import { api, isApiError, type Person } from "@/lib/client/api";
import { DM_MAX_PEOPLE } from "@/lib/shared/schemas";
import { useRooms } from "@/components/providers/RoomsProvider";

export function NewMessageDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("dialogs.newMessage");
  return (
    <Dialog open={open} onClose={onClose} title={t("title")} description={t("description", { max: DM_MAX_PEOPLE })}>
      {open && <NewMessageForm onDone={onClose} />}
    </Dialog>
  );
}

/** Search as you type (debounced); results exclude yourself. Shared with the invite dialog. */
export function usePeopleSearch(query: string): { results: Person[] | null; error: string | null } {
  const t = useTranslations("dialogs.newMessage");
  const [results, setResults] = useState<Person[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.searchUsers(query.trim(), controller.signal).then(
        (list) => {
          setResults(list);
          setError(null);
        },
        (e: unknown) => {
          if (!controller.signal.aborted) setError(isApiError(e) ? e.message : t("searchFailed"));
        },
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, t]);
  return { results, error };
}

function NewMessageForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations("dialogs.newMessage");
  const tc = useTranslations("common");
  const router = useRouter();
  const { upsert } = useRooms();
  const [query, setQuery] = useState("");
  const [picked, setPicked] = useState<Person[]>([]);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { results, error: searchError } = usePeopleSearch(query);
  const full = picked.length >= DM_MAX_PEOPLE - 1;

  const start = async () => {
    setPending(true);
    setError(null);
    try {
      const room = await api.openDm(picked.map((p) => p.id));
      upsert(room);
      onDone();
      router.push(`/chat/${room.id}`);
    } catch (e) {
      setError(isApiError(e) ? e.message : t("failed"));
      setPending(false);
    }
  };

  const candidates = (results ?? []).filter((p) => !picked.some((q) => q.id === p.id));

  return (
    <div className="space-y-3">
      {picked.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label={t("picked")}>
          {picked.map((p) => (
            <li key={p.id} className="inline-flex items-center gap-1 rounded-full bg-indigo-50 py-0.5 pr-1 pl-2.5 text-sm text-indigo-900" data-testid="dm-pick">
              {p.name}
              <button
                type="button"
                aria-label={t("remove", { name: p.name })}
                onClick={() => setPicked((list) => list.filter((q) => q.id !== p.id))}
                className="inline-flex size-5 items-center justify-center rounded-full hover:bg-indigo-100"
              >
                <XIcon className="size-3" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <label className="relative block">
        <span className="sr-only">{t("search")}</span>
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" />
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t("searchPlaceholder")}
          autoFocus
          className="block w-full rounded-lg border-0 py-2 pr-3 pl-9 text-sm shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
        />
      </label>
      {(error ?? searchError) && <Alert>{error ?? searchError}</Alert>}
      <ul className="-mx-2 max-h-[40vh] divide-y divide-slate-100 overflow-y-auto" aria-label={t("people")} data-testid="people-results">
        {results === null && <li className="px-2 py-4 text-center text-sm text-slate-500">{t("searching")}</li>}
        {results !== null && candidates.length === 0 && <li className="px-2 py-4 text-center text-sm text-slate-500">{t("nobody")}</li>}
        {candidates.map((p) => (
          <li key={p.id} className="flex items-center gap-3 px-2 py-2">
            <Avatar id={p.id} name={p.name} avatarUrl={p.avatarUrl} size="sm" />
            <span className="min-w-0 flex-1 truncate text-sm text-slate-900">{p.name}</span>
            <Button size="sm" variant="secondary" disabled={full} onClick={() => setPicked((list) => [...list, p])} aria-label={t("addName", { name: p.name })}>
              {t("add")}
            </Button>
          </li>
        ))}
      </ul>
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onDone}>
          {tc("cancel")}
        </Button>
        <Button onClick={() => void start()} disabled={picked.length === 0} pending={pending}>
          {t("start")}
        </Button>
      </div>
    </div>
  );
}
