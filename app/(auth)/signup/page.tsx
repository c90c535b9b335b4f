import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignUpForm } from "@/components/auth/SignUpForm";
import { currentRuntime } from "@/server/runtime";
import { readInstanceSettings } from "@/server/services/instance-settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.signUp"))("documentTitle") };
}
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  // Single sign-on only: there are no passwords to sign up with or reset.
  if (currentRuntime().env.AUTH_SSO_ONLY) redirect("/signin?error=SsoOnly");
  const settings = await readInstanceSettings(currentRuntime());
  return <SignUpForm emailVerification={settings.emailVerification} inviteOnly={settings.signupPolicy === "INVITE_ONLY"} />;
}
