import type { Metadata } from "next";
import { AccountDataPanel } from "@/components/accounts/AccountDataPanel";
import { currentRuntime } from "@/server/runtime";

export const metadata: Metadata = { title: "Your data · Parley" };

/** `/settings/data`: download everything about you; delete the account. */
export default function AccountDataPage() {
  return <AccountDataPanel messagePolicy={currentRuntime().env.ACCOUNT_DELETION_MESSAGES} />;
}
