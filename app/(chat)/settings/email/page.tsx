import type { Metadata } from "next";
import { EmailPanel } from "@/components/accounts/EmailPanel";

export const metadata: Metadata = { title: "Email address · Parley" };

/** `/settings/email`: the account's address, confirmed or not, and changing it. */
export default function EmailPage() {
  return <EmailPanel />;
}
