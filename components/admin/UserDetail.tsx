"use client";

import { useCallback, useState } from "react";
import { Button } from "@/components/ui/Button";
import { adminApi } from "@/lib/client/adminApi";
import type { GlobalRole } from "@/lib/shared/types";
import { Badge, ErrorLine, inputClass, useAction, useLoad, when } from "./kit";

const DURATIONS: { label: string; minutes: number | null }[] = [
  { label: "1 hour", minutes: 60 },
  { label: "1 day", minutes: 24 * 60 },
  { label: "7 days", minutes: 7 * 24 * 60 },
  { label: "30 days", minutes: 30 * 24 * 60 },
  { label: "Permanent", minutes: null },
];

interface UserDetailProps {
  userId: string;
  isAdmin: boolean;
  selfId: string;
  onChanged: () => void;
}

export function UserDetail({ userId, isAdmin, selfId, onChanged }: UserDetailProps) {
  const { data, error, reload } = useLoad(() => adminApi.user(userId), [userId]);
  const after = useCallback(() => {
    reload();
    onChanged();
  }, [reload, onChanged]);
  const action = useAction(after);
  const [reason, setReason] = useState("");
  const [duration, setDuration] = useState(1);
  const [hours, setHours] = useState(24);

  if (error) return <ErrorLine error={error} />;
  if (!data) return <p className="text-sm text-slate-500">Loading…</p>;
  const u = data.user;
  const minutes = DURATIONS[duration]?.minutes ?? null;
  const self = u.id === selfId;

  return (
    <div className="space-y-4 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200" data-testid="user-detail">
      <div>
        <h2 className="text-lg font-semibold">{u.name}</h2>
        <p className="text-slate-500">
          {u.email} · {u.messageCount ?? 0} messages
        </p>
        <div className="mt-1 space-x-1">
          {u.ban && <Badge tone="rose">Banned{u.ban.until ? ` until ${when(u.ban.until)}` : " permanently"}</Badge>}
          {u.mute && <Badge tone="amber">Muted until {when(u.mute.until)}</Badge>}
          {data.twoFactorEnabled && <Badge tone="emerald">Two-factor on</Badge>}
        </div>
        {u.ban && <p className="mt-1 text-slate-600">Ban reason: {u.ban.reason}</p>}
      </div>

      <ErrorLine error={action.error} />
      {!self && (
        <div className="space-y-2">
          <label className="block">
            <span className="text-xs font-medium text-slate-500">Reason</span>
            <input className={`${inputClass} w-full`} value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Reason" maxLength={500} />
          </label>
          <label className="block">
            <span className="text-xs font-medium text-slate-500">Duration</span>
            <select className={`${inputClass} w-full`} value={duration} onChange={(e) => setDuration(Number(e.target.value))} aria-label="Duration">
              {DURATIONS.map((d, i) => (
                <option key={d.label} value={i}>
                  {d.label}
                </option>
              ))}
            </select>
          </label>
          <div className="flex flex-wrap gap-2">
            {u.ban ? (
              <Button size="sm" variant="secondary" pending={action.pending} onClick={() => action.run(() => adminApi.unban(u.id))}>
                Unban
              </Button>
            ) : (
              <Button size="sm" variant="danger" pending={action.pending} disabled={!reason.trim()} onClick={() => action.run(() => adminApi.ban(u.id, reason.trim(), minutes))}>
                Ban
              </Button>
            )}
            {u.mute ? (
              <Button size="sm" variant="secondary" pending={action.pending} onClick={() => action.run(() => adminApi.unmute(u.id))}>
                Unmute
              </Button>
            ) : (
              <Button size="sm" variant="secondary" pending={action.pending} onClick={() => action.run(() => adminApi.mute(u.id, minutes ?? 365 * 24 * 60, reason.trim() || undefined))}>
                Mute
              </Button>
            )}
            <Button size="sm" variant="secondary" pending={action.pending} onClick={() => action.run(() => adminApi.signOut(u.id))}>
              Force sign-out
            </Button>
            {isAdmin && data.twoFactorEnabled && (
              <Button
                size="sm"
                variant="secondary"
                pending={action.pending}
                onClick={() => {
                  if (window.confirm(`Reset ${u.name}'s two-factor sign-in? They will sign in with their password alone until they set it up again.`)) void action.run(() => adminApi.resetTwoFactor(u.id, reason.trim() || undefined));
                }}
              >
                Reset two-factor
              </Button>
            )}
          </div>
          <div className="flex items-center gap-2">
            <span className="text-slate-600">Remove their messages of the last</span>
            <input type="number" min={1} max={720} className={`${inputClass} w-20`} value={hours} onChange={(e) => setHours(Number(e.target.value))} aria-label="Hours" />
            <span className="text-slate-600">hours</span>
            <Button
              size="sm"
              variant="danger"
              pending={action.pending}
              onClick={() => {
                if (window.confirm(`Remove every message ${u.name} wrote in the last ${hours} hours?`)) void action.run(() => adminApi.purge(u.id, hours, reason.trim() || undefined));
              }}
            >
              Remove
            </Button>
          </div>
          {isAdmin && (
            <label className="flex items-center gap-2">
              <span className="text-slate-600">Global role</span>
              <select
                className={inputClass}
                aria-label="Global role"
                value={u.role}
                onChange={(e) => void action.run(() => adminApi.setRole(u.id, e.target.value as GlobalRole))}
              >
                <option value="MEMBER">Member</option>
                <option value="MODERATOR">Moderator</option>
                <option value="ADMIN">Admin</option>
              </select>
            </label>
          )}
        </div>
      )}

      <div>
        <h3 className="font-semibold">Rooms</h3>
        <p className="text-slate-600">{data.rooms.length ? data.rooms.map((r) => `#${r.name}${r.role !== "MEMBER" ? ` (${r.role.toLowerCase()})` : ""}`).join(", ") : "None"}</p>
      </div>
      <div>
        <h3 className="font-semibold">Recent messages</h3>
        <ul className="mt-1 max-h-48 space-y-1 overflow-y-auto">
          {data.recentMessages.map((m) => (
            <li key={m.id} className="text-slate-700">
              <span className="text-xs text-slate-400">#{m.roomName} · {when(m.createdAt)}</span>
              <br />
              {m.deleted ? <em className="text-slate-400">deleted</em> : m.body}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className="font-semibold">Moderation history</h3>
        <ul className="mt-1 space-y-1" data-testid="user-history">
          {data.history.length === 0 && <li className="text-slate-500">Nothing yet.</li>}
          {data.history.map((h) => (
            <li key={h.id} className="text-slate-700">
              <span className="font-mono text-xs">{h.action}</span> by {h.actor.name} · {when(h.createdAt)}
              {h.reason && <span className="text-slate-500"> — {h.reason}</span>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
