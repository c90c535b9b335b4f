"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useEffect, useState, type ReactNode } from "react";
import { IconButton } from "@/components/ui/Button";
import { cx } from "@/components/ui/cx";
import { CompassIcon, HashIcon, LockIcon, Logo, LogOutIcon, PlusIcon, SearchIcon, ShieldIcon, XIcon } from "@/components/ui/icons";
import { DmList } from "./DmList";
import { ProfileMenu } from "./ProfileMenu";
import { useRooms } from "@/components/providers/RoomsProvider";
import { useSocket } from "@/components/providers/SocketProvider";
import { NotificationPrompt } from "../shell/NotificationPrompt";
import { DraftMark } from "./DraftMark";
import { isUnread, UnreadBadge } from "./UnreadBadge";

interface SidebarProps {
  /** Phone only: the drawer is showing. */
  open: boolean;
  onClose: () => void;
  onCreateRoom: () => void;
  onBrowseRooms: () => void;
  onNewMessage: () => void;
  onSearch: () => void;
  /** Show the link to the admin dashboard (staff who may use it). */
  dashboard: boolean;
}

export function Sidebar({ open, onClose, onCreateRoom, onBrowseRooms, onNewMessage, onSearch, dashboard }: SidebarProps) {
  const t = useTranslations("sidebar");
  const { rooms, myRooms, error } = useRooms();
  const pathname = usePathname();
  const [signingOut, setSigningOut] = useState(false);
  const { socket } = useSocket();

  // The phone drawer closes with Escape, like a dialog.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open, onClose]);

  async function handleSignOut() {
    setSigningOut(true);
    // Closed from here first: the server closes a signed-out session's sockets, and this tab must
    // not take that for a session ended elsewhere (ModerationListener) and race the redirect.
    socket?.disconnect();
    // A full page load: nothing of this user's session stays in memory.
    await signOut({ callbackUrl: "/signin" }).catch(() => {
      setSigningOut(false);
      socket?.connect();
    });
  }

  return (
    <>
      {open && <div className="fixed inset-0 z-30 bg-black/50 md:hidden" aria-hidden="true" onClick={onClose} />}
      <nav
        aria-label={t("navLabel")}
        data-testid="sidebar"
        className={cx(
          "fixed inset-y-0 left-0 z-40 flex w-72 flex-col border-r border-slate-200 bg-slate-50 transition-transform duration-200 md:static md:z-auto md:w-64 md:translate-x-0 lg:w-72",
          open ? "translate-x-0 shadow-xl" : "max-md:invisible max-md:-translate-x-full",
        )}
      >
        <div className="flex h-14 shrink-0 items-center justify-between px-4">
          <Link href="/chat" onClick={onClose} className="rounded-md focus-visible:outline-2 focus-visible:outline-indigo-600">
            <Logo />
          </Link>
          <IconButton label={t("closeRoomList")} onClick={onClose} className="md:hidden">
            <XIcon />
          </IconButton>
        </div>

        <div className="space-y-0.5 px-3 pt-1">
          <SidebarAction onClick={onSearch} icon={<SearchIcon className="size-4" />}>
            {t("search")}
          </SidebarAction>
          <SidebarAction onClick={onCreateRoom} icon={<PlusIcon className="size-4" />}>
            {t("createRoom")}
          </SidebarAction>
          <SidebarAction onClick={onBrowseRooms} icon={<CompassIcon className="size-4" />}>
            {t("browseRooms")}
          </SidebarAction>
          {dashboard && (
            <Link
              href="/admin"
              data-testid="admin-link"
              className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 transition-colors hover:bg-slate-200/70 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <span className="inline-flex size-5 items-center justify-center rounded bg-white text-slate-500 ring-1 ring-slate-200">
                <ShieldIcon className="size-4" />
              </span>
              {t("adminDashboard")}
            </Link>
          )}
        </div>

        <div className="mt-5 min-h-0 flex-1 overflow-y-auto px-3 pb-4">
          <h2 id="my-rooms-heading" className="px-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
            {t("yourRooms")}
          </h2>
          {error && rooms === null && <p className="mt-2 px-2 text-sm text-rose-600">{error}</p>}
          {rooms === null && !error && (
            <ul className="mt-2 space-y-2 px-2" aria-hidden="true">
              {[0, 1, 2].map((i) => (
                <li key={i} className="h-5 animate-pulse rounded bg-slate-200" />
              ))}
            </ul>
          )}
          {rooms !== null && myRooms.length === 0 && (
            <p className="mt-2 px-2 text-sm text-slate-500">{t("noRooms")}</p>
          )}
          <ul aria-labelledby="my-rooms-heading" className="mt-1.5 space-y-0.5">
            {myRooms.map((room) => {
              const active = pathname === `/chat/${room.id}`;
              return (
                <li key={room.id}>
                  <Link
                    href={`/chat/${room.id}`}
                    onClick={onClose}
                    data-testid="room-link"
                    data-unread={isUnread(room) || undefined}
                    aria-current={active ? "page" : undefined}
                    className={cx(
                      "group flex items-center gap-2 rounded-md px-2 py-1.5 text-sm transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600",
                      active ? "bg-indigo-100 font-semibold text-indigo-900" : "text-slate-700 hover:bg-slate-200/70 hover:text-slate-900",
                      !active && isUnread(room) && "font-semibold text-slate-900",
                      room.membership?.notificationsMuted && "opacity-70",
                    )}
                  >
                    {room.visibility === "PRIVATE" ? (
                      <LockIcon className={cx("size-4 shrink-0", active ? "text-indigo-600" : "text-slate-400")} />
                    ) : (
                      <HashIcon className={cx("size-4 shrink-0", active ? "text-indigo-600" : "text-slate-400")} />
                    )}
                    <span className="truncate">{room.name}</span>
                    {room.visibility === "PRIVATE" && <span className="sr-only">{t("private")}</span>}
                    <span className="ml-auto flex shrink-0 items-center gap-1">
                      <DraftMark roomId={room.id} active={active} />
                      <UnreadBadge room={room} />
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
          <DmList onNavigate={onClose} onNewMessage={onNewMessage} />
        </div>
        <NotificationPrompt />

        <div className="flex shrink-0 items-center gap-3 border-t border-slate-200 px-3 py-3">
          <ProfileMenu />
          <IconButton label={t("signOut")} onClick={handleSignOut} disabled={signingOut} data-testid="sign-out">
            <LogOutIcon />
          </IconButton>
        </div>
      </nav>
    </>
  );
}

function SidebarAction({ onClick, icon, children }: { onClick: () => void; icon: ReactNode; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 transition-colors hover:bg-slate-200/70 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <span className="inline-flex size-5 items-center justify-center rounded bg-white text-slate-500 ring-1 ring-slate-200">{icon}</span>
      {children}
    </button>
  );
}
