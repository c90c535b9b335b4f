import { redirect } from "next/navigation";
import { InvitationsPanel } from "@/components/admin/InvitationsPanel";
import { getSessionUser } from "@/server/auth";

export const dynamic = "force-dynamic";

/** Admins only (moderators are sent to the overview). */
export default async function Page() {
  const user = await getSessionUser();
  if (user?.role !== "ADMIN") redirect("/admin");
  return <InvitationsPanel />;
}
