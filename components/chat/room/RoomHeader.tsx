"use client";

import type { ReactNode } from "react";
import { IconButton } from "@/components/ui/Button";
import { cx } from "@/components/ui/cx";
import { DoorIcon, HashIcon, LockIcon, MenuIcon, UsersIcon } from "@/components/ui/icons";
import type { RoomDTO } from "@/lib/shared/types";
import { PinIcon } from "../sidebar/conversationIcons";
import { useShell } from "@/components/providers/ShellContext";

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
}

export function RoomHeader({ room, memberCount, membersOpen, onToggleMembers, onLeave, leaving, actions, pinsOpen, onTogglePins, extra }: RoomHeaderProps) {
  const { openSidebar } = useShell();
  return (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b border-slate-200 px-2 sm:px-4" data-testid="room-header">
      <IconButton label="Open room list" onClick={openSidebar} className="md:hidden">
        <MenuIcon />
      </IconButton>
      <div className="flex min-w-0 flex-1 items-center gap-2">
        {room.kind === "DM" ? (
          <UsersIcon className="size-4 shrink-0 text-slate-400" />
        ) : room.visibility === "PRIVATE" ? (
          <LockIcon className="size-4 shrink-0 text-slate-400" />
        ) : (
          <HashIcon className="size-4 shrink-0 text-slate-400" />
        )}
        <div className="min-w-0 sm:flex sm:items-baseline sm:gap-3">
          <h1 className="truncate text-base font-semibold text-slate-900" data-testid="room-title">
            {room.name}
          </h1>
          {room.topic && (
            <p className="truncate text-xs text-slate-500 sm:text-sm" data-testid="room-topic">
              {room.topic}
            </p>
          )}
        </div>
      </div>
      {extra}
      {onTogglePins && (
        <IconButton label="Pinned messages" aria-pressed={pinsOpen} onClick={onTogglePins} className={pinsOpen ? "bg-slate-100 text-slate-900" : undefined}>
          <PinIcon className="size-[18px]" />
        </IconButton>
      )}
      {onToggleMembers && (
        <button
          type="button"
          onClick={onToggleMembers}
          aria-expanded={membersOpen}
          aria-controls="room-members"
          aria-label={`Members (${memberCount ?? 0})`}
          title={membersOpen ? "Hide members" : "Show members"}
          className={cx(
            "inline-flex h-9 items-center gap-1.5 rounded-lg px-2.5 text-sm transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600",
            membersOpen ? "bg-slate-100 text-slate-900" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
          )}
        >
          <UsersIcon className="size-[18px]" />
          <span data-testid="member-count" className="tabular-nums">
            {memberCount ?? "–"}
          </span>
        </button>
      )}
      {room.archived && (
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[10px] font-semibold tracking-wide text-slate-600 uppercase" data-testid="archived-badge">
          Archived
        </span>
      )}
      {actions}
      {onLeave && (
        <IconButton label="Leave room" onClick={onLeave} disabled={leaving}>
          <DoorIcon className="size-[18px]" />
        </IconButton>
      )}
    </header>
  );
}
