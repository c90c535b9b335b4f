"use client";

import { useTranslations } from "next-intl";
import { useMemo, type ReactNode } from "react";
import { Avatar } from "@/components/ui/Avatar";
import { IconButton } from "@/components/ui/Button";
import { XIcon } from "@/components/ui/icons";
import type { MemberDTO, RoomRole } from "@/lib/shared/types";
import { usePeople } from "@/components/providers/PeopleProvider";
import { ChatBubbleIcon } from "@/components/ui/icons";
import { PersonButton } from "../people/ProfileCard";

const roleOrder: Record<RoomRole, number> = { OWNER: 0, MODERATOR: 1, MEMBER: 2 };

interface MemberListProps {
  members: MemberDTO[] | null;
  online: readonly string[];
  selfId: string;
  error: string | null;
  /** Narrow screens, where the list is an overlay: close it. */
  onClose?: () => void;
  /** Per-member controls (room moderation), shown at the end of each row. */
  memberActions?: (member: MemberDTO) => ReactNode;
  /** Open a DM with this member. */
  onMessage?: (userId: string) => void;
}

export function MemberList({ members, online, selfId, error, onClose, memberActions, onMessage }: MemberListProps) {
  const t = useTranslations("room.members");
  const people = usePeople();
  const onlineSet = useMemo(() => new Set(online), [online]);
  const sorted = useMemo(
    () =>
      [...(members ?? [])].sort(
        (a, b) =>
          Number(onlineSet.has(b.user.id)) - Number(onlineSet.has(a.user.id)) ||
          roleOrder[a.role] - roleOrder[b.role] ||
          a.user.name.localeCompare(b.user.name),
      ),
    [members, onlineSet],
  );
  const onlineCount = sorted.filter((m) => onlineSet.has(m.user.id)).length;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex h-14 shrink-0 items-center justify-between gap-2 border-b border-slate-200 px-4">
        <h2 className="text-sm font-semibold text-slate-900">
          {t("title")}
          {members && (
            <span className="ml-2 font-normal text-slate-500">
              {t("counts", { online: onlineCount, total: members.length })}
            </span>
          )}
        </h2>
        {onClose && (
          <IconButton label={t("close")} onClick={onClose} className="-mr-2 lg:hidden">
            <XIcon />
          </IconButton>
        )}
      </div>
      {error && !members && <p className="p-4 text-sm text-rose-600">{error}</p>}
      {!members && !error && <p className="p-4 text-sm text-slate-500">{t("loading")}</p>}
      <ul className="min-h-0 flex-1 space-y-0.5 overflow-y-auto p-2" data-testid="member-list" aria-label={t("title")}>
        {sorted.map((m) => {
          const isOnline = onlineSet.has(m.user.id);
          return (
            <li
              key={m.user.id}
              data-testid="member"
              data-user-id={m.user.id}
              data-online={isOnline ? "true" : "false"}
              className="flex items-center gap-3 rounded-md px-2 py-1.5"
            >
              <Avatar id={m.user.id} name={people.nameOf(m.user.id, m.user.name)} avatarUrl={m.user.avatarUrl} size="sm" online={isOnline} status={people.statusOf(m.user.id, m.status)} />
              <span className={`min-w-0 flex-1 truncate text-sm ${isOnline ? "text-slate-900" : "text-slate-500"}`} data-testid="member-name">
                <PersonButton userId={m.user.id} name={people.nameOf(m.user.id, m.user.name)}>
                  {people.nameOf(m.user.id, m.user.name)}
                </PersonButton>
                {m.user.id === selfId && <span className="text-slate-400">{t("you")}</span>}
              </span>
              {m.role !== "MEMBER" && (
                <span
                  data-testid="role-badge"
                  className={`rounded px-1.5 py-0.5 text-[10px] font-semibold tracking-wide uppercase ${m.role === "OWNER" ? "bg-amber-100 text-amber-800" : "bg-sky-100 text-sky-800"}`}
                >
                  {m.role === "OWNER" ? t("owner") : t("mod")}
                </span>
              )}
              {onMessage && m.user.id !== selfId && (
                <button
                  type="button"
                  onClick={() => onMessage(m.user.id)}
                  aria-label={t("message", { name: people.nameOf(m.user.id, m.user.name) })}
                  title={t("messageTitle")}
                  className="inline-flex size-7 shrink-0 items-center justify-center rounded-md text-slate-400 hover:bg-slate-200/70 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  <ChatBubbleIcon className="size-4" />
                </button>
              )}
              {memberActions?.(m)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
