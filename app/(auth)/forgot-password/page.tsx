import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentRuntime } from "@/server/runtime";
import { ForgotPasswordForm } from "@/components/auth/ForgotPasswordForm";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.forgot"))("documentTitle") };
}

export default function ForgotPasswordPage() {
  // Single sign-on only: there are no passwords to sign up with or reset.
  if (currentRuntime().env.AUTH_SSO_ONLY) redirect("/signin?error=SsoOnly");
  return <ForgotPasswordForm />;
}
