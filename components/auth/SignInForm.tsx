"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { SIGNIN_RATE_LIMITED } from "@/lib/shared/auth";
import { TWO_FACTOR_INVALID, TWO_FACTOR_REQUIRED } from "@/lib/shared/two-factor";
import { api } from "@/lib/client/api";
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
  // Two-factor (docs/two-factor.md): after a right password, the code step; the password is sent again with the code.
  const [step, setStep] = useState<"password" | "code">("password");
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState("");
  const [recoveryLeft, setRecoveryLeft] = useState<number | null>(null);
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
    const second = step === "code" ? (useRecovery ? { recoveryCode: code } : { otp: code }) : {};
    const result = await signIn("credentials", { email, password, ...second, redirect: false, callbackUrl: "/chat" }).catch(() => undefined);
    if (result?.ok && !result.error) {
      if (step === "code" && useRecovery) {
        // Tell the person how many recovery codes are left before going on.
        const left = await api.twoFactorStatus().then((s) => s.recoveryCodesLeft, () => null);
        if (left !== null) {
          setRecoveryLeft(left);
          return;
        }
      }
      router.replace("/chat");
      router.refresh();
      return;
    }
    if (result?.error === SIGNIN_EMAIL_UNVERIFIED) {
      setUnverified(email.trim().toLowerCase());
      setPending(false);
      return;
    }
    if (result?.error === TWO_FACTOR_REQUIRED) {
      setStep("code");
      setPending(false);
      return;
    }
    if (step === "code" && result?.error === "CredentialsSignin") setStep("password");
    setError(
      !result
        ? "Could not reach the server. Try again."
        : signInErrorMessage(result.error ?? "")
          ? (signInErrorMessage(result.error ?? "") ?? "")
          : result.error === TWO_FACTOR_INVALID
          ? useRecovery
            ? "That recovery code is not right, or was already used."
            : "That code is not right, or was already used. Wait for the next one and try again."
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
      below={step === "password" && recoveryLeft === null ? sso : undefined}
      footer={
        <>
          New here?{" "}
          <Link href="/signup" className="font-semibold text-indigo-600 hover:text-indigo-500">
            Create an account
          </Link>
        </>
      }
    >
      {recoveryLeft !== null ? (
        <div className="space-y-4">
          <Alert tone="info">
            You signed in with a recovery code. {recoveryLeft === 1 ? "1 recovery code is" : `${recoveryLeft} recovery codes are`} left
            {recoveryLeft <= 3 ? ": make new ones in Password and two-factor." : "."}
          </Alert>
          <div className="flex flex-wrap gap-2">
            <Button
              onClick={() => {
                router.replace("/chat");
                router.refresh();
              }}
            >
              Continue
            </Button>
            <Link href="/settings/security" className="inline-flex items-center rounded-lg px-3 py-2 text-sm font-semibold text-indigo-600 hover:text-indigo-500">
              Password and two-factor
            </Link>
          </div>
        </div>
      ) : step === "code" ? (
        <form method="post" onSubmit={handleSubmit} className="space-y-4" aria-label="Two-factor sign-in">
          {shownError && <Alert>{shownError}</Alert>}
          {useRecovery ? (
            <TextField key="recovery" label="Recovery code" name="recoveryCode" autoComplete="off" required value={code} onChange={(e) => setCode(e.target.value)} autoFocus hint="One of the ten codes you saved when you set up two-factor sign-in." />
          ) : (
            <TextField key="otp" label="Authentication code" name="otp" autoComplete="one-time-code" inputMode="numeric" required value={code} onChange={(e) => setCode(e.target.value)} autoFocus hint="The 6-digit code your authenticator app shows." />
          )}
          <p className="-mt-2 text-right text-sm">
            <button
              type="button"
              className="font-semibold text-indigo-600 hover:text-indigo-500"
              onClick={() => {
                setUseRecovery((v) => !v);
                setCode("");
                setError(null);
              }}
            >
              {useRecovery ? "Use your authenticator app" : "Use a recovery code"}
            </button>
          </p>
          <Button type="submit" pending={pending} disabled={!hydrated || !code.trim()} className="w-full">
            Verify
          </Button>
        </form>
      ) : (
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
      )}
    </AuthCard>
  );
}
