"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState, type ReactNode } from "react";
import { IconButton } from "@/components/ui/Button";
import { cx } from "@/components/ui/cx";
import { DoorIcon, HashIcon, LockIcon, MenuIcon, UsersIcon } from "@/components/ui/icons";
import type { RoomDTO, UserSummary } from "@/lib/shared/types";
import { DmFaces } from "./DmFaces";
import { PinIcon } from "../sidebar/conversationIcons";
import { useShell } from "@/components/providers/ShellContext";
import { useDismiss } from "@/components/ui/useDismiss";

interface RoomHeaderProps {
  /** Extra controls before the pins/members buttons (e.g. the moderation menu). */
  extra?: ReactNode;
  room: Pick<RoomDTO, "name" | "topic" | "visibility"> & Partial<Pick<RoomDTO, "kind" | "archived">>;
  memberCount?: number;
  membersOpen?: boolean;
  onToggleMembers?: () => void;
  onLeave?: () => void;
  leaving?: boolean;
  /** Extra header buttons (room settings, invites). */
  actions?: ReactNode;
  pinsOpen?: boolean;
  onTogglePins?: () => void;
  /** DMs: the other people, shown by face instead of a room icon; `online` marks who is connected. */
  /** `lastSeen`: when the other person of a one-to-one DM, offline, was last seen ("last seen 5 minutes ago"). */
  dm?: { people: readonly UserSummary[]; online: ReadonlySet<string>; lastSeen?: string | null };
}

/**
 * The room's title bar. On wide screens every control sits in the bar; on a phone the secondary
 * ones (notifications, moderation, pins, members, invite, settings, leave) collapse into one
 * overflow menu, so the room's name keeps its room.
 */
export function RoomHeader({ room, memberCount, membersOpen, onToggleMembers, onLeave, leaving, actions, pinsOpen, onTogglePins, extra, dm }: RoomHeaderProps) {
  const t = useTranslations("room.header");
  const tc = useTranslations("common");
  const ts = useTranslations("status");
  const { openSidebar } = useShell();
  const [more, setMore] = useState(false);
  const moreRef = useRef<HTMLDivElement>(null);
  const moreId = useId();
  useDismiss(moreRef, more, () => setMore(false));
  const hasSecondary = Boolean(extra || onTogglePins || onToggleMembers || actions || onLeave);
  return (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b border-slate-200 px-2 sm:px-4" data-testid="room-header">
      <IconButton label={tc("openRoomList")} onClick={openSidebar} className="md:hidden">
        <MenuIcon />
      </IconButton>
      <div className="flex min-w-0 flex-1 items-center gap-2">
        {room.kind === "DM" ? (
          dm && dm.people.length > 0 ? (
            <DmFaces people={dm.people} online={dm.online} />
          ) : (
            <UsersIcon className="size-4 shrink-0 text-slate-400" />
          )
        ) : room.visibility === "PRIVATE" ? (
          <LockIcon className="size-4 shrink-0 text-slate-400" />
        ) : (
          <HashIcon className="size-4 shrink-0 text-slate-400" />
        )}
        <div className="min-w-0 sm:flex sm:items-baseline sm:gap-3">
          <h1 className="truncate text-base font-semibold text-slate-900" data-testid="room-title">
            {room.name}
          </h1>
          {dm?.people.length === 1 && (
            <p className="truncate text-xs text-slate-500 sm:text-sm" data-testid="dm-presence">
              {dm.online.has(dm.people[0]!.id) ? ts("ONLINE") : dm.lastSeen ? t("offlineLastSeen", { lastSeen: dm.lastSeen }) : ts("OFFLINE")}
            </p>
          )}
          {room.topic && (
            <p className="truncate text-xs text-slate-500 sm:text-sm" data-testid="room-topic">
              {room.topic}
            </p>
          )}
        </div>
      </div>
      {room.archived && (
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[10px] font-semibold tracking-wide text-slate-600 uppercase" data-testid="archived-badge">
          {t("archived")}
        </span>
      )}
      {hasSecondary && (
        <div ref={moreRef} className="relative flex items-center">
          <IconButton label={t("more")} aria-expanded={more} aria-controls={moreId} onClick={() => setMore((m) => !m)} className="sm:hidden" data-testid="room-more">
            <svg viewBox="0 0 20 20" fill="currentColor" className="size-[18px]" aria-hidden="true">
              <circle cx="4.5" cy="10" r="1.6" />
              <circle cx="10" cy="10" r="1.6" />
              <circle cx="15.5" cy="10" r="1.6" />
            </svg>
          </IconButton>
          <div
            id={moreId}
            role="group"
            aria-label={t("actions")}
            data-testid="room-actions"
            onClickCapture={(e) => {
              // A choice closes the phone menu, unless it opened something that lives inside it (a dialog, a submenu).
              const button = (e.target as Element).closest("button");
              if (!button || button.hasAttribute("aria-haspopup") || button.closest("dialog")) return;
              requestAnimationFrame(() => {
                if (!moreRef.current?.querySelector("dialog[open]")) setMore(false);
              });
            }}
            className={cx(
              "header-overflow flex items-center gap-2",
              "max-sm:absolute max-sm:top-full max-sm:right-0 max-sm:z-30 max-sm:mt-2 max-sm:w-64 max-sm:flex-col max-sm:items-stretch max-sm:gap-0.5 max-sm:rounded-xl max-sm:bg-white max-sm:p-1.5 max-sm:shadow-lg max-sm:ring-1 max-sm:ring-slate-200",
              !more && "max-sm:hidden",
            )}
          >
            {extra}
            {onTogglePins && (
              <IconButton label={t("pins")} aria-pressed={pinsOpen} onClick={onTogglePins} className={pinsOpen ? "bg-slate-100 text-slate-900" : undefined}>
                <PinIcon className="size-[18px]" />
              </IconButton>
            )}
            {onToggleMembers && (
              <button
                type="button"
                onClick={onToggleMembers}
                aria-expanded={membersOpen}
                aria-controls="room-members"
                title={membersOpen ? t("hideMembers") : t("showMembers")}
                className={cx(
                  "inline-flex h-9 items-center gap-1.5 rounded-lg px-2.5 text-sm transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600",
                  membersOpen ? "bg-slate-100 text-slate-900" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                )}
              >
                <UsersIcon className="size-[18px]" />
                {/* The name is the visible text ("Members 3"); on a phone's overflow menu the word shows. */}
                <span className="sr-only max-sm:not-sr-only">{t("members")}</span>
                <span data-testid="member-count" className="tabular-nums">
                  {memberCount ?? "–"}
                </span>
              </button>
            )}
            {actions}
            {onLeave && (
              <IconButton label={t("leave")} onClick={onLeave} disabled={leaving}>
                <DoorIcon className="size-[18px]" />
              </IconButton>
            )}
          </div>
        </div>
      )}
    </header>
  );
}
