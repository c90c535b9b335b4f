import type { Metadata } from "next";
import { SecurityPanel } from "@/components/settings/SecurityPanel";

export const metadata: Metadata = { title: "Password and two-factor · Parley" };

/** `/settings/security`: change password; set up, use and turn off two-factor sign-in. */
export default function SecurityPage() {
  return <SecurityPanel />;
}
