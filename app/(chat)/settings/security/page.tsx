import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SecurityPanel } from "@/components/settings/SecurityPanel";
import { getSessionUser } from "@/server/auth";
import { currentRuntime } from "@/server/runtime";
import { twoFactorRequiredFor } from "@/server/services/two-factor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.security"))("documentTitle") };
}

/** `/settings/security`: change password; set up, use and turn off two-factor sign-in. */
export default async function SecurityPage() {
  const user = await getSessionUser();
  return <SecurityPanel staffRequired={user ? await twoFactorRequiredFor(currentRuntime(), user) : false} />;
}
