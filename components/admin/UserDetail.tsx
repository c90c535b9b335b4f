"use client";

import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { Button } from "@/components/ui/Button";
import { adminApi } from "@/lib/client/adminApi";
import type { GlobalRole } from "@/lib/shared/types";
import { Badge, ErrorLine, inputClass, useAction, useLoad, useWhen } from "./kit";

const DURATIONS: { label: "hour1" | "day1" | "days7" | "days30" | "permanent"; minutes: number | null }[] = [
  { label: "hour1", minutes: 60 },
  { label: "day1", minutes: 24 * 60 },
  { label: "days7", minutes: 7 * 24 * 60 },
  { label: "days30", minutes: 30 * 24 * 60 },
  { label: "permanent", minutes: null },
];

interface UserDetailProps {
  userId: string;
  isAdmin: boolean;
  selfId: string;
  onChanged: () => void;
}

export function UserDetail({ userId, isAdmin, selfId, onChanged }: UserDetailProps) {
  const t = useTranslations("admin.user");
  const tc = useTranslations("common");
  const when = useWhen();
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
  if (!data) return <p className="text-sm text-slate-500">{tc("loading")}</p>;
  const u = data.user;
  const minutes = DURATIONS[duration]?.minutes ?? null;
  const self = u.id === selfId;

  return (
    <div className="space-y-4 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200" data-testid="user-detail">
      <div>
        <h2 className="text-lg font-semibold">{u.name}</h2>
        <p className="text-slate-500">
          {u.email} · {t("messages", { count: u.messageCount ?? 0 })}
        </p>
        <div className="mt-1 space-x-1">
          {u.ban && <Badge tone="rose">{u.ban.until ? t("bannedUntil", { until: when(u.ban.until) }) : t("bannedForever")}</Badge>}
          {u.mute && <Badge tone="amber">{t("mutedUntil", { until: when(u.mute.until) })}</Badge>}
          {data.twoFactorEnabled && <Badge tone="emerald">{t("twoFactorOn")}</Badge>}
          {data.emailVerifiedAt ? <Badge tone="emerald">{t("emailVerified")}</Badge> : <Badge tone="amber">{t("emailUnverified")}</Badge>}
        </div>
        {u.ban && <p className="mt-1 text-slate-600">{t("banReason", { reason: u.ban.reason })}</p>}
      </div>

      <ErrorLine error={action.error} />
      {!self && (
        <div className="space-y-2">
          <label className="block">
            <span className="text-xs font-medium text-slate-500">{t("reason")}</span>
            <input className={`${inputClass} w-full`} value={reason} onChange={(e) => setReason(e.target.value)} aria-label={t("reason")} maxLength={500} />
          </label>
          <label className="block">
            <span className="text-xs font-medium text-slate-500">{t("duration")}</span>
            <select className={`${inputClass} w-full`} value={duration} onChange={(e) => setDuration(Number(e.target.value))} aria-label={t("duration")}>
              {DURATIONS.map((d, i) => (
                <option key={d.label} value={i}>
                  {t(d.label)}
                </option>
              ))}
            </select>
          </label>
          <div className="flex flex-wrap gap-2">
            {u.ban ? (
              <Button size="sm" variant="secondary" pending={action.pending} onClick={() => action.run(() => adminApi.unban(u.id))}>
                {t("unban")}
              </Button>
            ) : (
              <Button size="sm" variant="danger" pending={action.pending} disabled={!reason.trim()} onClick={() => action.run(() => adminApi.ban(u.id, reason.trim(), minutes))}>
                {t("ban")}
              </Button>
            )}
            {u.mute ? (
              <Button size="sm" variant="secondary" pending={action.pending} onClick={() => action.run(() => adminApi.unmute(u.id))}>
                {t("unmute")}
              </Button>
            ) : (
              <Button size="sm" variant="secondary" pending={action.pending} onClick={() => action.run(() => adminApi.mute(u.id, minutes ?? 365 * 24 * 60, reason.trim() || undefined))}>
                {t("mute")}
              </Button>
            )}
            <Button size="sm" variant="secondary" pending={action.pending} onClick={() => action.run(() => adminApi.signOut(u.id))}>
              {t("signOut")}
            </Button>
            {isAdmin && data.twoFactorEnabled && (
              <Button
                size="sm"
                variant="secondary"
                pending={action.pending}
                onClick={() => {
                  if (window.confirm(t("resetTwoFactorConfirm", { name: u.name }))) void action.run(() => adminApi.resetTwoFactor(u.id, reason.trim() || undefined));
                }}
              >
                {t("resetTwoFactor")}
              </Button>
            )}
          </div>
          <div className="flex items-center gap-2">
            <span className="text-slate-600">{t("purgeBefore")}</span>
            <input type="number" min={1} max={720} className={`${inputClass} w-20`} value={hours} onChange={(e) => setHours(Number(e.target.value))} aria-label={t("hoursLabel")} />
            <span className="text-slate-600">{t("purgeAfter")}</span>
            <Button
              size="sm"
              variant="danger"
              pending={action.pending}
              onClick={() => {
                if (window.confirm(t("purgeConfirm", { name: u.name, hours }))) void action.run(() => adminApi.purge(u.id, hours, reason.trim() || undefined));
              }}
            >
              {t("purge")}
            </Button>
          </div>
          {isAdmin && (
            <label className="flex items-center gap-2">
              <span className="text-slate-600">{t("globalRole")}</span>
              <select
                className={inputClass}
                aria-label={t("globalRole")}
                value={u.role}
                onChange={(e) => void action.run(() => adminApi.setRole(u.id, e.target.value as GlobalRole))}
              >
                <option value="MEMBER">{t("member")}</option>
                <option value="MODERATOR">{t("moderator")}</option>
                <option value="ADMIN">{t("admin")}</option>
              </select>
            </label>
          )}
        </div>
      )}

      <div data-testid="user-account">
        <h3 className="font-semibold">{t("account")}</h3>
        <ul className="mt-1 space-y-1 text-slate-600">
          {data.invitedBy && <li>{t("invitedBy", { name: data.invitedBy.name, at: when(data.invitedBy.at) })}</li>}
          <li>{data.identities.length ? t("identities", { list: data.identities.map((i) => `${i.provider} (${i.email})`).join(", ") }) : t("noIdentities")}</li>
          <li>{t("sessions", { count: data.sessions.length })}</li>
          {data.sessions.map((s, i) => (
            <li key={i} className="pl-3 text-xs text-slate-500">
              {t("sessionLine", { agent: s.userAgent.slice(0, 80) || "?", ip: s.ip || "?", at: when(s.lastActiveAt) })}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className="font-semibold">{t("rooms")}</h3>
        <p className="text-slate-600">{data.rooms.length ? data.rooms.map((r) => (r.role === "MEMBER" ? `#${r.name}` : t("roomWithRole", { room: r.name, role: r.role }))).join(", ") : t("none")}</p>
      </div>
      <div>
        <h3 className="font-semibold">{t("recent")}</h3>
        <ul className="mt-1 max-h-48 space-y-1 overflow-y-auto">
          {data.recentMessages.map((m) => (
            <li key={m.id} className="text-slate-700">
              <span className="text-xs text-slate-400">#{m.roomName} · {when(m.createdAt)}</span>
              <br />
              {m.deleted ? <em className="text-slate-400">{t("deleted")}</em> : m.body}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className="font-semibold">{t("history")}</h3>
        <ul className="mt-1 space-y-1" data-testid="user-history">
          {data.history.length === 0 && <li className="text-slate-500">{t("nothingYet")}</li>}
          {data.history.map((h) => (
            <li key={h.id} className="text-slate-700">
              {t.rich("historyEntry", { action: h.action, name: h.actor.name, at: when(h.createdAt), code: (chunks) => <span className="font-mono text-xs">{chunks}</span> })}
              {h.reason && <span className="text-slate-500"> — {h.reason}</span>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
