import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentRuntime } from "@/server/runtime";
import { SignUpForm } from "@/components/auth/SignUpForm";

export const metadata: Metadata = { title: "Create your account — Parley" };

export default function SignUpPage() {
  // Single sign-on only: there are no passwords to sign up with or reset.
  if (currentRuntime().env.AUTH_SSO_ONLY) redirect("/signin?error=SsoOnly");
  return <SignUpForm />;
}
