"use client";

import { useTranslations } from "next-intl";
import { cx } from "@/components/ui/cx";
import { countLabel } from "@/lib/client/unread";
import type { RoomDTO } from "@/lib/shared/types";

/** Whether a sidebar entry should stand out: unread messages in a room that is not muted. */
export function isUnread(room: RoomDTO): boolean {
  return !!room.membership && room.membership.unreadCount > 0 && !room.membership.notificationsMuted;
}

/** A sidebar entry's counts: `@n` for mentions (red), else the unread count; subdued when muted. */
export function UnreadBadge({ room }: { room: RoomDTO }) {
  const t = useTranslations("sidebar.badge");
  const m = room.membership;
  if (!m || (m.unreadCount === 0 && m.mentionCount === 0)) return null;
  const muted = m.notificationsMuted;
  if (m.mentionCount > 0) {
    return (
      <span
        data-testid="mention-badge"
        title={t("mentions", { count: m.mentionCount })}
        className={cx("ml-auto shrink-0 rounded-full px-1.5 text-[11px] leading-[18px] font-semibold tabular-nums", muted ? "bg-slate-200 text-slate-600" : "bg-rose-600 text-on-accent")}
      >
        @{countLabel(m.mentionCount)}
        <span className="sr-only">{t("mentionsSuffix", { count: m.mentionCount })}</span>
      </span>
    );
  }
  return (
    <span
      data-testid="unread-badge"
      title={t("unread", { count: m.unreadCount })}
      className={cx("ml-auto shrink-0 rounded-full px-1.5 text-[11px] leading-[18px] font-semibold tabular-nums", muted ? "bg-slate-200 text-slate-500" : "bg-indigo-600 text-on-accent")}
    >
      {countLabel(m.unreadCount)}
      <span className="sr-only">{t("unreadSuffix")}</span>
    </span>
  );
}
