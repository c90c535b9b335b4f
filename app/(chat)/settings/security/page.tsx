import type { Metadata } from "next";
import { SecurityPanel } from "@/components/settings/SecurityPanel";
import { getSessionUser } from "@/server/auth";
import { currentRuntime } from "@/server/runtime";
import { twoFactorRequiredFor } from "@/server/services/two-factor";

export const metadata: Metadata = { title: "Password and two-factor · Parley" };

/** `/settings/security`: change password; set up, use and turn off two-factor sign-in. */
export default async function SecurityPage() {
  const user = await getSessionUser();
  return <SecurityPanel staffRequired={user ? await twoFactorRequiredFor(currentRuntime(), user) : false} />;
}
