import type { Metadata } from "next";
import { SignUpForm } from "@/components/auth/SignUpForm";
import { currentRuntime } from "@/server/runtime";
import { readInstanceSettings } from "@/server/services/instance-settings";

export const metadata: Metadata = { title: "Create your account — Parley" };
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  const settings = await readInstanceSettings(currentRuntime());
  return <SignUpForm emailVerification={settings.emailVerification} inviteOnly={settings.signupPolicy === "INVITE_ONLY"} />;
}
