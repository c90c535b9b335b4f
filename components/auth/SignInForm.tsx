"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("auth.signIn");
  const tAuth = useTranslations("auth");
  const tNotice = useTranslations("auth.notices");
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
    () => (banned ? rememberedBanMessage(tNotice) : null),
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
        ? tAuth("unreachable")
        : signInErrorMessage(tNotice, result.error ?? "")
          ? (signInErrorMessage(tNotice, result.error ?? "") ?? "")
          : result.error === TWO_FACTOR_INVALID
          ? useRecovery
            ? t("recoveryInvalid")
            : t("codeInvalid")
          : result.error === "CredentialsSignin"
          ? tNotice("credentials")
          : result.status === 429 || result.error === SIGNIN_RATE_LIMITED
            ? tNotice("rateLimited")
            : tNotice("failed"),
    );
    setPending(false);
  }

  return (
    <AuthCard
      title={t("title")}
      subtitle={t("subtitle")}
      below={step === "password" && recoveryLeft === null ? sso : undefined}
      footer={
        t.rich("newHere", {
          link: (chunks) => (
            <Link href="/signup" className="font-semibold text-indigo-600 hover:text-indigo-500">
              {chunks}
            </Link>
          ),
        })
      }
    >
      {recoveryLeft !== null ? (
        <div className="space-y-4">
          <Alert tone="info">
            {t("recoveryUsed", { count: recoveryLeft, low: recoveryLeft <= 3 ? "yes" : "no" })}
          </Alert>
          <div className="flex flex-wrap gap-2">
            <Button
              onClick={() => {
                router.replace("/chat");
                router.refresh();
              }}
            >
              {t("continue")}
            </Button>
            <Link href="/settings/security" className="inline-flex items-center rounded-lg px-3 py-2 text-sm font-semibold text-indigo-600 hover:text-indigo-500">
              {t("securityLink")}
            </Link>
          </div>
        </div>
      ) : step === "code" ? (
        <form method="post" onSubmit={handleSubmit} className="space-y-4" aria-label={t("codeForm")}>
          {shownError && <Alert>{shownError}</Alert>}
          {useRecovery ? (
            <TextField key="recovery" label={t("recoveryCode")} name="recoveryCode" autoComplete="off" required value={code} onChange={(e) => setCode(e.target.value)} autoFocus hint={t("recoveryHint")} />
          ) : (
            <TextField key="otp" label={t("otp")} name="otp" autoComplete="one-time-code" inputMode="numeric" required value={code} onChange={(e) => setCode(e.target.value)} autoFocus hint={t("otpHint")} />
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
              {useRecovery ? t("useApp") : t("useRecovery")}
            </button>
          </p>
          <Button type="submit" pending={pending} disabled={!hydrated || !code.trim()} className="w-full">
            {t("verify")}
          </Button>
        </form>
      ) : (
        <form method="post" onSubmit={handleSubmit} className="space-y-4" aria-label={t("form")}>
          {shownError && <Alert>{shownError}</Alert>}
          {unverified && <UnverifiedNotice email={unverified} />}
          <TextField label={t("email")} name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus={!initialEmail} />
          <TextField label={t("password")} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} autoFocus={Boolean(initialEmail)} />
          <p className="-mt-2 text-right text-sm">
            <Link href="/forgot-password" className="font-semibold text-indigo-600 hover:text-indigo-500">
              {t("forgot")}
            </Link>
          </p>
          <Button type="submit" pending={pending} disabled={!hydrated} className="w-full">
            {t("submit")}
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
