import { redirect } from "next/navigation";
import { OutgoingMailPanel } from "@/components/admin/OutgoingMailPanel";
import { getSessionUser } from "@/server/auth";
import { currentRuntime } from "@/server/runtime";

export const dynamic = "force-dynamic";

/** "Outgoing mail": admins only (moderators see the rest of the dashboard, not reset links). */
export default async function Page() {
  const user = await getSessionUser();
  if (user?.role !== "ADMIN") redirect("/admin");
  const { mailer } = currentRuntime();
  return <OutgoingMailPanel transport={mailer.kind} mails={await mailer.recent()} />;
}
