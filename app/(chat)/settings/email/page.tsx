import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmailPanel } from "@/components/accounts/EmailPanel";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts.email"))("documentTitle") };
}

/** `/settings/email`: the account's address, confirmed or not, and changing it. */
export default function EmailPage() {
  return <EmailPanel />;
}
