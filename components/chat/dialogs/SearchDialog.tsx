"use client";

/**
 * "Search messages" (Ctrl/Cmd+K): full-text search of the user's rooms and DMs as they type,
 * filtered by conversation and author, a page at a time. A result opens its room at the message
 * (`/chat/<roomId>?m=<seq>`, see useMessageJump). Snippets are rendered as text with <mark>ed
 * matches: never as HTML.
 */
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { useCurrentUser } from "@/components/providers/CurrentUserProvider";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { HashIcon, LockIcon, SearchIcon, UsersIcon } from "@/components/ui/icons";
import { api, isApiError } from "@/lib/client/api";
import { roomTitle } from "@/lib/client/rooms";
import { searchHitHref, snippetParts } from "@/lib/client/search";
import { useFormats } from "@/components/ui/useFormats";
import type { SearchHit, UserSummary } from "@/lib/shared/types";
import { usePeople } from "@/components/providers/PeopleProvider";
import { useRooms } from "@/components/providers/RoomsProvider";

const DEBOUNCE_MS = 250;

export function SearchDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("dialogs.search");
  return (
    <Dialog open={open} onClose={onClose} title={t("title")} description={t("description")}>
      {open && <SearchForm onDone={onClose} />}
    </Dialog>
  );
}

/** Ctrl+K / Cmd+K opens the search from anywhere in the chat. */
export function useSearchShortcut(openSearch: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        openSearch();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [openSearch]);
}

interface Filters {
  q: string;
  roomId: string;
  authorId: string;
}

interface Results {
  /** The filters these results are for (older answers are not shown for newer filters). */
  key: string;
  hits: SearchHit[];
  nextCursor: string | null;
  error: string | null;
  loadingMore: boolean;
}

const keyOf = (f: Filters) => JSON.stringify([f.q.trim(), f.roomId, f.authorId]);

function SearchForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations("dialogs.search");
  const errorText = useCallback((e: unknown) => (isApiError(e) ? e.message : t("failed")), [t]);
  const router = useRouter();
  const self = useCurrentUser();
  const people = usePeople();
  const { myRooms, myDms } = useRooms();
  const [filters, setFilters] = useState<Filters>({ q: "", roomId: "", authorId: "" });
  const [results, setResults] = useState<Results | null>(null);
  /** Everyone seen as an author so far, so the author filter keeps its options. */
  const [authors, setAuthors] = useState<Map<string, UserSummary>>(() => new Map());
  const key = keyOf(filters);
  const query = filters.q.trim();

  const remember = useCallback(
    (hits: SearchHit[]) =>
      setAuthors((known) => {
        if (hits.every((h) => known.has(h.author.id))) return known;
        const next = new Map(known);
        for (const h of hits) next.set(h.author.id, h.author);
        return next;
      }),
    [],
  );

  useEffect(() => {
    if (query === "") return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.search({ q: query, roomId: filters.roomId || undefined, authorId: filters.authorId || undefined }, controller.signal).then(
        (page) => {
          setResults({ key, hits: page.results, nextCursor: page.nextCursor, error: null, loadingMore: false });
          remember(page.results);
        },
        (e: unknown) => {
          if (!controller.signal.aborted) setResults({ key, hits: [], nextCursor: null, error: errorText(e), loadingMore: false });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, query, filters.roomId, filters.authorId, remember, errorText]);

  const current = results?.key === key ? results : null;

  const loadMore = async () => {
    if (!current?.nextCursor) return;
    setResults({ ...current, loadingMore: true });
    try {
      const page = await api.search({ q: query, roomId: filters.roomId || undefined, authorId: filters.authorId || undefined, cursor: current.nextCursor });
      setResults((r) => (r?.key === key ? { ...r, hits: [...r.hits, ...page.results], nextCursor: page.nextCursor, loadingMore: false } : r));
      remember(page.results);
    } catch (e) {
      setResults((r) => (r?.key === key ? { ...r, error: errorText(e), loadingMore: false } : r));
    }
  };

  const conversations = useMemo(
    () => [...myRooms, ...myDms].map((r) => ({ id: r.id, label: r.kind === "DM" ? roomTitle(r, self.id, (u) => people.nameOf(u.id, u.name)) : `#${r.name}` })),
    [myRooms, myDms, self.id, people],
  );
  const dmTitles = useMemo(() => new Map(myDms.map((r) => [r.id, roomTitle(r, self.id, (u) => people.nameOf(u.id, u.name))])), [myDms, self.id, people]);
  const authorOptions = [...authors.values()].filter((u) => u.id !== self.id).sort((a, b) => a.name.localeCompare(b.name));

  const open = (hit: SearchHit) => {
    onDone();
    router.push(searchHitHref(hit));
  };

  return (
    <div className="space-y-3" data-testid="search-dialog">
      <label className="relative block">
        <span className="sr-only">{t("title")}</span>
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" />
        <input
          type="search"
          value={filters.q}
          onChange={(e) => setFilters({ ...filters, q: e.target.value })}
          placeholder={t("title")}
          maxLength={200}
          autoFocus
          data-testid="search-input"
          className="block w-full rounded-lg border-0 py-2 pr-3 pl-9 text-sm shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
        />
      </label>
      <div className="flex gap-2">
        <FilterSelect label={t("in")} value={filters.roomId} onChange={(roomId) => setFilters({ ...filters, roomId })} testId="search-room">
          <option value="">{t("all")}</option>
          {conversations.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect label={t("from")} value={filters.authorId} onChange={(authorId) => setFilters({ ...filters, authorId })} testId="search-author">
          <option value="">{t("anyone")}</option>
          <option value={self.id}>{t("me")}</option>
          {authorOptions.map((u) => (
            <option key={u.id} value={u.id}>
              {people.nameOf(u.id, u.name)}
            </option>
          ))}
        </FilterSelect>
      </div>
      {current?.error && <Alert>{current.error}</Alert>}
      <ul className="-mx-2 max-h-[50vh] divide-y divide-slate-100 overflow-y-auto" aria-label={t("results")} data-testid="search-results">
        {query === "" && <li className="px-2 py-4 text-center text-sm text-slate-500">{t("prompt")}</li>}
        {query !== "" && !current && <li className="px-2 py-4 text-center text-sm text-slate-500">{t("searching")}</li>}
        {current && !current.error && current.hits.length === 0 && <li className="px-2 py-4 text-center text-sm text-slate-500">{t("none")}</li>}
        {current?.hits.map((hit) => (
          <li key={hit.messageId}>
            <SearchResult hit={hit} roomLabel={hit.room.kind === "DM" ? (dmTitles.get(hit.room.id) ?? t("dm")) : hit.room.name} onOpen={open} />
          </li>
        ))}
      </ul>
      {current?.nextCursor && (
        <div className="flex justify-center">
          <Button size="sm" variant="secondary" onClick={() => void loadMore()} pending={current.loadingMore} data-testid="search-more">
            {t("more")}
          </Button>
        </div>
      )}
    </div>
  );
}

function FilterSelect({ label, value, onChange, testId, children }: { label: string; value: string; onChange: (v: string) => void; testId: string; children: ReactNode }) {
  return (
    <label className="flex min-w-0 flex-1 items-center gap-1.5 text-xs text-slate-600">
      {label}
      <select
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
        className="min-w-0 flex-1 truncate rounded-md border-0 bg-white py-1 pr-7 pl-2 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none"
      >
        {children}
      </select>
    </label>
  );
}

function SearchResult({ hit, roomLabel, onOpen }: { hit: SearchHit; roomLabel: string; onOpen: (hit: SearchHit) => void }) {
  const t = useTranslations("dialogs.search");
  const formats = useFormats();
  const people = usePeople();
  const Icon = hit.room.kind === "DM" ? UsersIcon : hit.room.visibility === "PRIVATE" ? LockIcon : HashIcon;
  return (
    <button
      type="button"
      onClick={() => onOpen(hit)}
      data-testid="search-result"
      data-seq={hit.seq}
      className="block w-full rounded-md px-2 py-2 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <span className="flex items-baseline gap-2 text-xs text-slate-500">
        <span className="inline-flex min-w-0 items-center gap-1 font-medium text-slate-700">
          <Icon className="size-3 shrink-0" />
          <span className="truncate" data-testid="search-result-room">
            {roomLabel}
          </span>
        </span>
        <span className="truncate font-semibold text-slate-900" data-testid="search-result-author">
          {people.nameOf(hit.author.id, hit.author.name)}
        </span>
        <time dateTime={hit.createdAt} className="ml-auto shrink-0">
          {formats.full(hit.createdAt)}
        </time>
      </span>
      <span className="mt-0.5 line-clamp-3 block text-sm break-words text-slate-800" data-testid="search-result-snippet">
        {hit.threadRootId && !hit.inMainTimeline && <span className="mr-1 text-xs text-slate-500">{t("inThread")}</span>}
        {snippetParts(hit.snippet, hit.highlights).map((part, i) =>
          part.match ? (
            <mark key={i} className="rounded-sm bg-yellow-200 px-0.5 text-slate-900">
              {part.text}
            </mark>
          ) : (
            <span key={i}>{part.text}</span>
          ),
        )}
      </span>
    </button>
  );
}
