import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/SignInForm";
import { signInErrorMessage } from "@/components/moderation/signInNotice";

export const metadata: Metadata = { title: "Sign in — Parley" };

/** next-auth sends people here with `?error=<code>` when a sign-in flow fails. */
const errorMessages: Record<string, string> = {
  CredentialsSignin: "That email and password don’t match an account.",
  SessionRequired: "Please sign in to continue.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const { error } = await searchParams;
  const code = Array.isArray(error) ? error[0] : error;
  const initialError = code ? (errorMessages[code] ?? signInErrorMessage(code) ?? "Sign-in failed. Try again.") : null;
  return <SignInForm initialError={initialError} />;
}
