"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { SIGNIN_RATE_LIMITED } from "@/lib/shared/auth";
import { useState, useSyncExternalStore, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";
import { useHydrated } from "@/components/ui/useHydrated";
import { forgetBan, rememberedBanMessage, signInErrorMessage } from "@/components/moderation/signInNotice";
import { SIGNIN_EMAIL_UNVERIFIED } from "@/lib/shared/accounts";
import { AuthCard } from "./AuthCard";
import { UnverifiedNotice } from "./UnverifiedNotice";

const noSubscription = () => () => undefined;

/** `banned`: the page was opened for a ban; the reason, if this tab was redirected here by its own session ending, is in its storage. */
/** `sso`: the single sign-on button, under the password form. */
export function SignInForm({ initialError = null, banned = false, initialEmail = "", sso }: { initialError?: string | null; banned?: boolean; initialEmail?: string; sso?: ReactNode }) {
  const router = useRouter();
  // Before hydration a submit would be a plain form post: keep the button off until then.
  const hydrated = useHydrated();
  const [email, setEmail] = useState(initialEmail);
  const [unverified, setUnverified] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(initialError);
  // Read after hydration (the server renders the fixed wording); dropped once the person tries again.
  const remembered = useSyncExternalStore(
    noSubscription,
    () => (banned ? rememberedBanMessage() : null),
    () => null,
  );
  const [showRemembered, setShowRemembered] = useState(true);
  const shownError = showRemembered && remembered ? remembered : error;

  async function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    setShowRemembered(false);
    setUnverified(null);
    forgetBan();
    // An explicit callbackUrl: next-auth reads `error` from the URL it answers with, which
    // defaults to this page's URL (possibly still carrying an old ?error=).
    const result = await signIn("credentials", { email, password, redirect: false, callbackUrl: "/chat" }).catch(() => undefined);
    if (result?.ok && !result.error) {
      router.replace("/chat");
      router.refresh();
      return;
    }
    if (result?.error === SIGNIN_EMAIL_UNVERIFIED) {
      setUnverified(email.trim().toLowerCase());
      setPending(false);
      return;
    }
    setError(
      !result
        ? "Could not reach the server. Try again."
        : signInErrorMessage(result.error ?? "")
          ? (signInErrorMessage(result.error ?? "") ?? "")
          : result.error === "CredentialsSignin"
          ? "That email and password don’t match an account."
          : result.status === 429 || result.error === SIGNIN_RATE_LIMITED
            ? "Too many sign-in attempts. Wait a few minutes and try again."
            : "Sign-in failed. Try again.",
    );
    setPending(false);
  }

  return (
    <AuthCard
      title="Sign in to Parley"
      subtitle="Welcome back. Pick up the conversation where you left it."
      below={sso}
      footer={
        <>
          New here?{" "}
          <Link href="/signup" className="font-semibold text-indigo-600 hover:text-indigo-500">
            Create an account
          </Link>
        </>
      }
    >
      <form method="post" onSubmit={handleSubmit} className="space-y-4" aria-label="Sign in">
        {shownError && <Alert>{shownError}</Alert>}
        {unverified && <UnverifiedNotice email={unverified} />}
        <TextField label="Email" name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus={!initialEmail} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} autoFocus={Boolean(initialEmail)} />
        <p className="-mt-2 text-right text-sm">
          <Link href="/forgot-password" className="font-semibold text-indigo-600 hover:text-indigo-500">
            Forgot password?
          </Link>
        </p>
        <Button type="submit" pending={pending} disabled={!hydrated} className="w-full">
          Sign in
        </Button>
      </form>
    </AuthCard>
  );
}
