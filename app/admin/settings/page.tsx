import { redirect } from "next/navigation";
import { SignupSettingsPanel } from "@/components/admin/SignupSettingsPanel";
import { getSessionUser } from "@/server/auth";

export const dynamic = "force-dynamic";

/** Admins only (moderators are sent to the overview). */
export default async function Page() {
  const user = await getSessionUser();
  if (user?.role !== "ADMIN") redirect("/admin");
  return <SignupSettingsPanel />;
}
