import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AdminShell } from "@/components/admin/AdminShell";
import { CurrentUserProvider } from "@/components/providers/CurrentUserProvider";
import { SocketProvider } from "@/components/providers/SocketProvider";
import { getSessionUser } from "@/server/auth";
import { currentRuntime } from "@/server/runtime";
import { can } from "@/server/services/policy";
import { twoFactorRequiredFor } from "@/server/services/two-factor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.shell"))("documentTitle") };
}

/** The dashboard: global admins and moderators only; everyone else is sent back to the chat. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  if (!can("admin.access", { globalRole: user.role, roomRole: null })) redirect("/chat?denied=admin");
  // "Require two-factor for staff": set it up first (the settings page says why).
  if (await twoFactorRequiredFor(currentRuntime(), user)) redirect("/settings/security?required=staff");
  return (
    <CurrentUserProvider user={user}>
      <SocketProvider>
        <AdminShell>{children}</AdminShell>
      </SocketProvider>
    </CurrentUserProvider>
  );
}
