import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/SignInForm";
import { signInPageCode, signInPageMessage } from "@/components/moderation/signInNotice";

export const metadata: Metadata = { title: "Sign in — Parley" };

/** next-auth (and the session-ended redirect) send people here with `?error=<code>`: only the code picks the (fixed) message. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const { error } = await searchParams;
  const code = Array.isArray(error) ? error[0] : error;
  return <SignInForm initialError={code ? signInPageMessage(code) : null} banned={code ? signInPageCode(code) === "BANNED" : false} />;
}
