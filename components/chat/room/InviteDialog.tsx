"use client";

/**
 * Invite people to a room: add someone by name at once, or make a link with an expiry and a use
 * limit; the room's active links are listed with their creator, expiry and uses, and can be revoked.
 */
import { useTranslations } from "next-intl";
import { useFormats } from "@/components/ui/useFormats";
import { useCallback, useEffect, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Avatar } from "@/components/ui/Avatar";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { api, isApiError } from "@/lib/client/api";
import type { InviteDTO, RoomDTO } from "@/lib/shared/types";
import { usePeopleSearch } from "../dialogs/NewMessageDialog";

export function InviteDialog({ open, room, onClose }: { open: boolean; room: RoomDTO; onClose: () => void }) {
  const t = useTranslations("invite.dialog");
  return (
    <Dialog open={open} onClose={onClose} title={t("title", { room: room.name })}>
      {open && <InviteForms room={room} />}
    </Dialog>
  );
}

const EXPIRY_CHOICES = [
  { hours: 1, unit: "hour", count: 1 },
  { hours: 24, unit: "day", count: 1 },
  { hours: 24 * 7, unit: "day", count: 7 },
  { hours: 24 * 30, unit: "day", count: 30 },
] as const;

function InviteForms({ room }: { room: RoomDTO }) {
  const t = useTranslations("invite.dialog");
  const formats = useFormats();
  const [query, setQuery] = useState("");
  const { results } = usePeopleSearch(query);
  const [added, setAdded] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hours, setHours] = useState<number>(24 * 7);
  const [maxUses, setMaxUses] = useState<string>("");
  const [invite, setInvite] = useState<InviteDTO | null>(null);

  async function add(userId: string) {
    setBusy(userId);
    setError(null);
    try {
      await api.addMember(room.id, userId);
      setAdded((s) => new Set(s).add(userId));
    } catch (e) {
      setError(isApiError(e) ? e.message : t("addFailed"));
    } finally {
      setBusy(null);
    }
  }

  async function makeLink() {
    setBusy("link");
    setError(null);
    try {
      const uses = maxUses.trim() === "" ? null : Number(maxUses);
      setInvite(await api.createInvite(room.id, { expiresInHours: hours, maxUses: uses }));
    } catch (e) {
      setError(isApiError(e) ? e.message : t("createFailed"));
    } finally {
      setBusy(null);
    }
  }

  const link = invite ? `${window.location.origin}/invite/${invite.token}` : null;
  return (
    <div className="space-y-5">
      {error && <Alert>{error}</Alert>}
      <section aria-label={t("byName")} className="space-y-2">
        <label className="block text-sm font-medium text-slate-800">
          {t("addByName")}
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t("searchPeople")}
            autoFocus
            className="mt-1.5 block w-full rounded-lg border-0 px-3 py-2 text-sm font-normal shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none"
          />
        </label>
        <ul className="max-h-48 divide-y divide-slate-100 overflow-y-auto" aria-label={t("peopleToInvite")}>
          {(results ?? []).map((p) => (
            <li key={p.id} className="flex items-center gap-3 py-1.5">
              <Avatar id={p.id} name={p.name} avatarUrl={p.avatarUrl} size="sm" />
              <span className="min-w-0 flex-1 truncate text-sm">{p.name}</span>
              {added.has(p.id) ? (
                <span className="text-xs text-emerald-700">{t("added")}</span>
              ) : (
                <Button size="sm" variant="secondary" onClick={() => void add(p.id)} pending={busy === p.id} aria-label={t("inviteName", { name: p.name })}>
                  {t("invite")}
                </Button>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-label={t("link")} className="space-y-2 border-t border-slate-200 pt-4">
        <h3 className="text-sm font-medium text-slate-800">{t("orShare")}</h3>
        <div className="flex flex-wrap items-end gap-3 text-sm">
          <label className="block">
            <span className="block text-xs text-slate-600">{t("expiresAfter")}</span>
            <select value={hours} onChange={(e) => setHours(Number(e.target.value))} className="mt-1 rounded-md px-2 py-1.5 ring-1 ring-slate-300">
              {EXPIRY_CHOICES.map((c) => (
                <option key={c.hours} value={c.hours}>
                  {t(c.unit === "hour" ? "hours" : "days", { count: c.count })}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className="block text-xs text-slate-600">{t("maxUses")}</span>
            <input
              type="number"
              min={1}
              max={1000}
              value={maxUses}
              onChange={(e) => setMaxUses(e.target.value)}
              className="mt-1 w-28 rounded-md px-2 py-1.5 ring-1 ring-slate-300"
            />
          </label>
          <Button size="sm" onClick={() => void makeLink()} pending={busy === "link"}>
            {t("create")}
          </Button>
        </div>
        {link && invite && (
          <div className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
            <label className="block text-xs text-slate-600">
              {t("link")}
              <input readOnly value={link} onFocus={(e) => e.target.select()} className="mt-1 block w-full rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-slate-300" data-testid="invite-link" />
            </label>
            <p className="mt-1 text-xs text-slate-500">
              {invite.maxUses !== null ? t("validUntilFor", { until: formats.dateTime(invite.expiresAt), count: invite.maxUses }) : t("validUntil", { until: formats.dateTime(invite.expiresAt) })}
            </p>
            <Button size="sm" variant="ghost" className="mt-1" onClick={() => void navigator.clipboard?.writeText(link)}>
              {t("copy")}
            </Button>
          </div>
        )}
      </section>
      <ActiveLinks roomId={room.id} latest={invite?.id ?? null} />
    </div>
  );
}

function ActiveLinks({ roomId, latest }: { roomId: string; latest: string | null }) {
  const t = useTranslations("invite.dialog");
  const formats = useFormats();
  const [links, setLinks] = useState<InviteDTO[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(() => {
    api.listInvites(roomId).then(
      (list) => {
        setLinks(list);
        setError(null);
      },
      (e: unknown) => setError(isApiError(e) ? e.message : t("loadFailed")),
    );
  }, [roomId, t]);
  // Again after each new link.
  useEffect(() => load(), [load, latest]);

  async function revoke(id: string) {
    setBusy(id);
    try {
      await api.revokeInvite(roomId, id);
      setLinks((l) => l?.filter((i) => i.id !== id) ?? null);
    } catch (e) {
      setError(isApiError(e) ? e.message : t("revokeFailed"));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-label={t("activeLabel")} className="space-y-2 border-t border-slate-200 pt-4">
      <h3 className="text-sm font-medium text-slate-800">{t("active")}</h3>
      {error && <Alert>{error}</Alert>}
      {links && links.length === 0 && <p className="text-xs text-slate-500">{t("noneActive")}</p>}
      <ul className="max-h-48 divide-y divide-slate-100 overflow-y-auto" data-testid="invite-list">
        {(links ?? []).map((i) => (
          <li key={i.id} className="flex items-center gap-3 py-1.5 text-xs" data-testid="invite-row">
            <span className="min-w-0 flex-1">
              <span className="block truncate font-mono text-slate-700">…{i.token.slice(-8)}</span>
              <span className="block text-slate-500">
                {t("row", { by: i.createdBy?.name ?? t("someone"), until: formats.dateTime(i.expiresAt) })} ·{" "}
                {i.maxUses !== null ? t("usesOf", { uses: i.uses, max: i.maxUses }) : t("uses", { count: i.uses })}
              </span>
            </span>
            <Button size="sm" variant="ghost" onClick={() => void revoke(i.id)} pending={busy === i.id} aria-label={t("revokeLabel", { ending: i.token.slice(-8) })}>
              {t("revoke")}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
