"use client";

/**
 * Invite people to a room: add someone by name at once, or make a link with an expiry and a use
 * limit; the room's active links are listed with their creator, expiry and uses, and can be revoked.
 */
import { useCallback, useEffect, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Avatar } from "@/components/ui/Avatar";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { api, isApiError } from "@/lib/client/api";
import type { InviteDTO, RoomDTO } from "@/lib/shared/types";
import { usePeopleSearch } from "../dialogs/NewMessageDialog";

export function InviteDialog({ open, room, onClose }: { open: boolean; room: RoomDTO; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title={`Invite people to #${room.name}`}>
      {open && <InviteForms room={room} />}
    </Dialog>
  );
}

const EXPIRY_CHOICES = [
  { hours: 1, label: "1 hour" },
  { hours: 24, label: "1 day" },
  { hours: 24 * 7, label: "7 days" },
  { hours: 24 * 30, label: "30 days" },
] as const;

function InviteForms({ room }: { room: RoomDTO }) {
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
      setError(isApiError(e) ? e.message : "Could not add them.");
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
      setError(isApiError(e) ? e.message : "Could not create the link.");
    } finally {
      setBusy(null);
    }
  }

  const link = invite ? `${window.location.origin}/invite/${invite.token}` : null;
  return (
    <div className="space-y-5">
      {error && <Alert>{error}</Alert>}
      <section aria-label="Invite by name" className="space-y-2">
        <label className="block text-sm font-medium text-slate-800">
          Add people by name
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Search people"
            autoFocus
            className="mt-1.5 block w-full rounded-lg border-0 px-3 py-2 text-sm font-normal shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none"
          />
        </label>
        <ul className="max-h-48 divide-y divide-slate-100 overflow-y-auto" aria-label="People to invite">
          {(results ?? []).map((p) => (
            <li key={p.id} className="flex items-center gap-3 py-1.5">
              <Avatar id={p.id} name={p.name} avatarUrl={p.avatarUrl} size="sm" />
              <span className="min-w-0 flex-1 truncate text-sm">{p.name}</span>
              {added.has(p.id) ? (
                <span className="text-xs text-emerald-700">Added</span>
              ) : (
                <Button size="sm" variant="secondary" onClick={() => void add(p.id)} pending={busy === p.id} aria-label={`Invite ${p.name}`}>
                  Invite
                </Button>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Invite link" className="space-y-2 border-t border-slate-200 pt-4">
        <h3 className="text-sm font-medium text-slate-800">Or share an invite link</h3>
        <div className="flex flex-wrap items-end gap-3 text-sm">
          <label className="block">
            <span className="block text-xs text-slate-600">Expires after</span>
            <select value={hours} onChange={(e) => setHours(Number(e.target.value))} className="mt-1 rounded-md px-2 py-1.5 ring-1 ring-slate-300">
              {EXPIRY_CHOICES.map((c) => (
                <option key={c.hours} value={c.hours}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className="block text-xs text-slate-600">Max uses (empty: no limit)</span>
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
            Create link
          </Button>
        </div>
        {link && invite && (
          <div className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
            <label className="block text-xs text-slate-600">
              Invite link
              <input readOnly value={link} onFocus={(e) => e.target.select()} className="mt-1 block w-full rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-slate-300" data-testid="invite-link" />
            </label>
            <p className="mt-1 text-xs text-slate-500">
              Valid until {new Date(invite.expiresAt).toLocaleString()}
              {invite.maxUses !== null ? `, for ${invite.maxUses} ${invite.maxUses === 1 ? "person" : "people"}` : ""}.
            </p>
            <Button size="sm" variant="ghost" className="mt-1" onClick={() => void navigator.clipboard?.writeText(link)}>
              Copy link
            </Button>
          </div>
        )}
      </section>
      <ActiveLinks roomId={room.id} latest={invite?.id ?? null} />
    </div>
  );
}

function ActiveLinks({ roomId, latest }: { roomId: string; latest: string | null }) {
  const [links, setLinks] = useState<InviteDTO[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(() => {
    api.listInvites(roomId).then(
      (list) => {
        setLinks(list);
        setError(null);
      },
      (e: unknown) => setError(isApiError(e) ? e.message : "Could not load the links."),
    );
  }, [roomId]);
  // Again after each new link.
  useEffect(() => load(), [load, latest]);

  async function revoke(id: string) {
    setBusy(id);
    try {
      await api.revokeInvite(roomId, id);
      setLinks((l) => l?.filter((i) => i.id !== id) ?? null);
    } catch (e) {
      setError(isApiError(e) ? e.message : "Could not revoke the link.");
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-label="Active invite links" className="space-y-2 border-t border-slate-200 pt-4">
      <h3 className="text-sm font-medium text-slate-800">Active links</h3>
      {error && <Alert>{error}</Alert>}
      {links && links.length === 0 && <p className="text-xs text-slate-500">No link is active.</p>}
      <ul className="max-h-48 divide-y divide-slate-100 overflow-y-auto" data-testid="invite-list">
        {(links ?? []).map((i) => (
          <li key={i.id} className="flex items-center gap-3 py-1.5 text-xs" data-testid="invite-row">
            <span className="min-w-0 flex-1">
              <span className="block truncate font-mono text-slate-700">…{i.token.slice(-8)}</span>
              <span className="block text-slate-500">
                by {i.createdBy?.name ?? "someone"} · until {new Date(i.expiresAt).toLocaleString()} · {i.uses}
                {i.maxUses !== null ? ` of ${i.maxUses}` : ""} {i.uses === 1 && i.maxUses === null ? "use" : "uses"}
              </span>
            </span>
            <Button size="sm" variant="ghost" onClick={() => void revoke(i.id)} pending={busy === i.id} aria-label={`Revoke link ending ${i.token.slice(-8)}`}>
              Revoke
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
