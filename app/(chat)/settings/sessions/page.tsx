import type { Metadata } from "next";
import { SessionsPanel } from "@/components/settings/SessionsPanel";

export const metadata: Metadata = { title: "Sessions · Parley" };

/** `/settings/sessions`: where the user is signed in; revoke one or all others. */
export default function SessionsPage() {
  return <SessionsPanel />;
}
