"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { signInUrlFor } from "@/components/moderation/ModerationListener";
import { useCurrentUser } from "@/components/providers/CurrentUserProvider";
import { useSocket } from "@/components/providers/SocketProvider";
import { cx } from "@/components/ui/cx";
import type { SessionEnded } from "@/lib/shared/moderation";

const NAV = [
  { href: "/admin", label: "overview" },
  { href: "/admin/users", label: "users" },
  { href: "/admin/rooms", label: "rooms" },
  { href: "/admin/messages", label: "messages" },
  { href: "/admin/reports", label: "reports" },
  { href: "/admin/word-filter", label: "wordFilter" },
  { href: "/admin/audit", label: "audit" },
  { href: "/admin/mail", label: "mail", adminOnly: true },
  { href: "/admin/settings", label: "settings", adminOnly: true },
  { href: "/admin/invitations", label: "invitations", adminOnly: true },
] as const;

export function AdminShell({ children }: { children: ReactNode }) {
  const t = useTranslations("admin.shell");
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
    <div className="flex min-h-dvh flex-col bg-slate-50 text-slate-900 md:flex-row">
      {/* A compact top bar on phones (its links scroll sideways inside it); a side column from md up. */}
      <nav
        aria-label={t("nav")}
        data-testid="admin-nav"
        className="sticky top-0 z-10 flex shrink-0 flex-col border-b border-slate-200 bg-white px-3 py-2 md:static md:w-52 md:border-r md:border-b-0 md:p-3"
      >
        <div className="flex items-center justify-between gap-3 px-2 md:pb-3">
          <p className="text-sm font-semibold">
            Parley <span className="text-slate-400">{t("admin")}</span>
          </p>
          <Link href="/chat" className="text-xs font-semibold text-indigo-600 hover:text-indigo-500 md:hidden">
            {t("chat")}
          </Link>
        </div>
        <ul className="-mx-1 mt-1 flex gap-0.5 overflow-x-auto px-1 md:mx-0 md:mt-0 md:block md:space-y-0.5 md:overflow-visible md:px-0">
          {NAV.filter((item) => !("adminOnly" in item) || user.role === "ADMIN").map((item) => {
            const active = item.href === "/admin" ? pathname === "/admin" : pathname?.startsWith(item.href);
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={active ? "page" : undefined}
                  className={cx("block rounded-md px-2 py-1.5 text-sm whitespace-nowrap", active ? "bg-indigo-50 font-semibold text-indigo-700" : "text-slate-600 hover:bg-slate-100")}
                >
                  {t(item.label)}
                </Link>
              </li>
            );
          })}
        </ul>
        <div className="mt-auto space-y-1 px-2 pt-4 text-xs text-slate-500 max-md:hidden">
          <p data-testid="admin-user">
            {user.name} · {user.role === "ADMIN" ? t("roleAdmin") : t("roleModerator")}
          </p>
          <Link href="/chat" className="font-semibold text-indigo-600 hover:text-indigo-500">
            {t("back")}
          </Link>
        </div>
      </nav>
      <main className="min-w-0 flex-1 p-3 sm:p-6">{children}</main>
    </div>
  );
}
