"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { signInUrlFor } from "@/components/moderation/ModerationListener";
import { useCurrentUser } from "@/components/providers/CurrentUserProvider";
import { useSocket } from "@/components/providers/SocketProvider";
import { cx } from "@/components/ui/cx";
import type { SessionEnded } from "@/lib/shared/moderation";

const NAV = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/rooms", label: "Rooms" },
  { href: "/admin/messages", label: "Messages" },
  { href: "/admin/reports", label: "Reports" },
  { href: "/admin/word-filter", label: "Word filter" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/mail", label: "Outgoing mail", adminOnly: true },
];

export function AdminShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const user = useCurrentUser();
  const { socket } = useSocket();

  // Staff can be signed out or banned too (by an admin): leave the dashboard at once.
  useEffect(() => {
    if (!socket) return;
    const onEnded = (payload: SessionEnded) => {
      socket.disconnect();
      window.location.assign(signInUrlFor(payload));
    };
    socket.on("session:ended", onEnded);
    return () => {
      socket.off("session:ended", onEnded);
    };
  }, [socket]);

  return (
    <div className="flex min-h-dvh bg-slate-50 text-slate-900">
      <nav aria-label="Admin" className="flex w-52 shrink-0 flex-col border-r border-slate-200 bg-white p-3">
        <p className="px-2 pb-3 text-sm font-semibold">
          Parley <span className="text-slate-400">admin</span>
        </p>
        <ul className="space-y-0.5">
          {NAV.filter((item) => !("adminOnly" in item) || user.role === "ADMIN").map((item) => {
            const active = item.href === "/admin" ? pathname === "/admin" : pathname?.startsWith(item.href);
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={active ? "page" : undefined}
                  className={cx("block rounded-md px-2 py-1.5 text-sm", active ? "bg-indigo-50 font-semibold text-indigo-700" : "text-slate-600 hover:bg-slate-100")}
                >
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
        <div className="mt-auto space-y-1 px-2 pt-4 text-xs text-slate-500">
          <p data-testid="admin-user">
            {user.name} · {user.role === "ADMIN" ? "Admin" : "Moderator"}
          </p>
          <Link href="/chat" className="font-semibold text-indigo-600 hover:text-indigo-500">
            ← Back to chat
          </Link>
        </div>
      </nav>
      <main className="min-w-0 flex-1 p-6">{children}</main>
    </div>
  );
}
