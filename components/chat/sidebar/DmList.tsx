"use client";

/** The sidebar's "Direct messages" section: our DMs, latest activity first, and "new message". */
import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useCurrentUser } from "@/components/providers/CurrentUserProvider";
import { Avatar } from "@/components/ui/Avatar";
import { cx } from "@/components/ui/cx";
import { DoorIcon, PlusIcon, UsersIcon } from "@/components/ui/icons";
import { api, isApiError } from "@/lib/client/api";
import { dmOthers, roomTitle } from "@/lib/client/rooms";
import { usePeople } from "@/components/providers/PeopleProvider";
import { useRooms } from "@/components/providers/RoomsProvider";
import { DraftMark } from "./DraftMark";
import { isUnread, UnreadBadge } from "./UnreadBadge";

export function DmList({ onNavigate, onNewMessage }: { onNavigate: () => void; onNewMessage: () => void }) {
  const t = useTranslations("sidebar.dms");
  const user = useCurrentUser();
  const { rooms, myDms, markLeft } = useRooms();
  const people = usePeople();
  const pathname = usePathname();
  const router = useRouter();

  /** Group DMs can be left (a 1:1 DM cannot): it leaves our sidebar, the others see us go. */
  async function leave(roomId: string, title: string) {
    if (!window.confirm(t("leaveConfirm", { title }))) return;
    try {
      await api.leaveRoom(roomId);
      markLeft(roomId);
      if (pathname === `/chat/${roomId}`) router.push("/chat");
    } catch (e) {
      window.alert(isApiError(e) ? e.message : t("leaveFailed"));
    }
  }
  return (
    <section className="mt-5" aria-labelledby="dm-heading">
      <div className="flex items-center justify-between px-2">
        <h2 id="dm-heading" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          {t("heading")}
        </h2>
        <button
          type="button"
          onClick={onNewMessage}
          aria-label={t("newMessage")}
          title={t("newMessage")}
          className="inline-flex size-6 items-center justify-center rounded text-slate-500 hover:bg-slate-200/70 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <PlusIcon className="size-4" />
        </button>
      </div>
      {rooms !== null && myDms.length === 0 && <p className="mt-1 px-2 text-sm text-slate-500">{t("none")}</p>}
      <ul aria-labelledby="dm-heading" className="mt-1.5 space-y-0.5" data-testid="dm-list">
        {myDms.map((room) => {
          const active = pathname === `/chat/${room.id}`;
          const others = dmOthers(room, user.id);
          const title = roomTitle(room, user.id, (u) => people.nameOf(u.id, u.name));
          const first = others[0];
          return (
            <li key={room.id} className="group relative">
              <Link
                href={`/chat/${room.id}`}
                onClick={onNavigate}
                data-testid="dm-link"
                data-unread={isUnread(room) || undefined}
                aria-current={active ? "page" : undefined}
                className={cx(
                  "flex items-center gap-2 rounded-md px-2 py-1 text-sm transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600",
                  active ? "bg-indigo-100 font-semibold text-indigo-900" : "text-slate-700 hover:bg-slate-200/70 hover:text-slate-900",
                  !active && isUnread(room) && "font-semibold text-slate-900",
                  room.membership?.notificationsMuted && "opacity-70",
                )}
              >
                {others.length === 1 && first ? (
                  <Avatar id={first.id} name={people.nameOf(first.id, first.name)} avatarUrl={first.avatarUrl} size="xs" />
                ) : (
                  <span className="inline-flex size-5 shrink-0 items-center justify-center rounded bg-slate-200 text-slate-600" aria-hidden="true">
                    <UsersIcon className="size-3.5" />
                  </span>
                )}
                <span className="truncate">{title}</span>
                <span className="ml-auto flex shrink-0 items-center gap-1">
                  <DraftMark roomId={room.id} active={active} />
                  <UnreadBadge room={room} />
                </span>
              </Link>
              {others.length > 1 && (
                <button
                  type="button"
                  onClick={() => void leave(room.id, title)}
                  aria-label={t("leave", { title })}
                  title={t("leaveTitle")}
                  data-testid="dm-leave"
                  className="absolute top-1/2 right-1 hidden size-6 -translate-y-1/2 items-center justify-center rounded text-slate-500 group-focus-within:inline-flex group-hover:inline-flex hover:bg-slate-200 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  <DoorIcon className="size-3.5" />
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
