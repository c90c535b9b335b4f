"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { api, isApiError } from "@/lib/client/api";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { HashIcon, LockIcon, SearchIcon } from "@/components/ui/icons";
import type { RoomDTO } from "@/lib/shared/types";
import { useRooms } from "@/components/providers/RoomsProvider";

export function BrowseRoomsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("dialogs.browse");
  return (
    <Dialog open={open} onClose={onClose} title={t("title")} description={t("description")}>
      {open && <RoomDirectory onDone={onClose} />}
    </Dialog>
  );
}

/** How long the search box waits for typing to pause before asking the server. */
const SEARCH_DEBOUNCE_MS = 250;

/** The public directory, a page at a time from `GET /api/rooms/directory`, searched by name on the server. */
function RoomDirectory({ onDone }: { onDone: () => void }) {
  const t = useTranslations("dialogs.browse");
  const router = useRouter();
  const { upsert } = useRooms();
  const [query, setQuery] = useState("");
  const [rooms, setRooms] = useState<RoomDTO[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [joining, setJoining] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The first page for this search, asked afresh on every open and every (paused) keystroke.
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.roomDirectory(query.trim(), null, controller.signal).then(
        (page) => {
          setRooms(page.rooms);
          setNextCursor(page.nextCursor);
          setError(null);
        },
        (e: unknown) => {
          if (!controller.signal.aborted) setError(isApiError(e) ? e.message : t("loadFailed"));
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, t]);

  async function loadMore() {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await api.roomDirectory(query.trim(), nextCursor);
      setRooms((list) => [...(list ?? []), ...page.rooms.filter((r) => !list?.some((l) => l.id === r.id))]);
      setNextCursor(page.nextCursor);
    } catch (e) {
      setError(isApiError(e) ? e.message : t("loadMoreFailed"));
    } finally {
      setLoadingMore(false);
    }
  }

  const visible = rooms ?? [];

  function open(room: RoomDTO) {
    onDone();
    router.push(`/chat/${room.id}`);
  }

  async function join(room: RoomDTO) {
    setJoining(room.id);
    setError(null);
    try {
      const joined = await api.joinRoom(room.id);
      upsert(joined);
      open(joined);
    } catch (e) {
      setError(isApiError(e) ? e.message : t("joinFailed"));
      setJoining(null);
    }
  }

  return (
    <div className="space-y-3">
      <label className="relative block">
        <span className="sr-only">{t("search")}</span>
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" />
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t("search")}
          autoFocus
          className="block w-full rounded-lg border-0 py-2 pr-3 pl-9 text-sm shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
        />
      </label>
      {error && <Alert>{error}</Alert>}
      {rooms === null ? (
        <p className="py-6 text-center text-sm text-slate-500">{t("loading")}</p>
      ) : visible.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-500">{query ? t("noMatch") : t("none")}</p>
      ) : (
        <ul className="-mx-2 max-h-[55vh] divide-y divide-slate-100 overflow-y-auto" aria-label={t("list")} data-testid="room-directory">
          {visible.map((room) => (
            <li key={room.id} className="flex items-center gap-3 px-2 py-3" data-testid="directory-room">
              <span className="inline-flex size-9 shrink-0 items-center justify-center rounded-lg bg-slate-100 text-slate-500">
                {room.visibility === "PRIVATE" ? <LockIcon className="size-4" /> : <HashIcon className="size-4" />}
              </span>
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-semibold text-slate-900">{room.name}</p>
                <p className="truncate text-xs text-slate-500">
                  {t("members", { count: room.memberCount })}
                  {room.topic ? ` · ${room.topic}` : ""}
                </p>
              </div>
              {room.membership ? (
                <Button size="sm" variant="secondary" onClick={() => open(room)} aria-label={t("openName", { name: room.name })}>
                  {t("open")}
                </Button>
              ) : (
                <Button size="sm" onClick={() => join(room)} pending={joining === room.id} disabled={joining !== null} aria-label={t("joinName", { name: room.name })}>
                  {t("join")}
                </Button>
              )}
            </li>
          ))}
          {nextCursor && (
            <li className="px-2 py-3 text-center">
              <Button size="sm" variant="secondary" onClick={() => void loadMore()} pending={loadingMore}>
                {t("loadMore")}
              </Button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
