import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/SignInForm";
import { signInPageCode, signInPageMessage } from "@/components/moderation/signInNotice";

export const metadata: Metadata = { title: "Sign in — Parley" };

/** next-auth (and the session-ended redirect) send people here with `?error=<code>`: only the code picks the (fixed) message. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string | string[]; email?: string | string[] }> }) {
  const { error, email } = await searchParams;
  const code = Array.isArray(error) ? error[0] : error;
  // `?email=` (from "Check your email"): only pre-fills the field, capped like an address.
  const initialEmail = (Array.isArray(email) ? email[0] : email)?.slice(0, 254) ?? "";
  return <SignInForm initialError={code ? signInPageMessage(code) : null} banned={code ? signInPageCode(code) === "BANNED" : false} initialEmail={initialEmail} />;
}
