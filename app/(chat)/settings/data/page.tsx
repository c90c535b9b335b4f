import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountDataPanel } from "@/components/accounts/AccountDataPanel";
import { currentRuntime } from "@/server/runtime";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts.data"))("documentTitle") };
}

/** `/settings/data`: download everything about you; delete the account. */
export default function AccountDataPage() {
  return <AccountDataPanel messagePolicy={currentRuntime().env.ACCOUNT_DELETION_MESSAGES} />;
}
