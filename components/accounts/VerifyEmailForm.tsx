"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { AuthCard } from "@/components/auth/AuthCard";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { useHydrated } from "@/components/ui/useHydrated";
import { accountsApi } from "@/lib/client/accountsApi";
import { isApiError } from "@/lib/client/api";

/**
 * The mailed confirmation link lands here. Confirming takes a click (a POST), not the page load,
 * so a mail scanner that opens links does not spend the token.
 */
export function VerifyEmailForm({ token, signedIn }: { token: string; signedIn: boolean }) {
  const t = useTranslations("accounts.verify");
  const tAuth = useTranslations("auth");
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      setConfirmed((await accountsApi.confirmEmail(token)).email);
    } catch (err) {
      setError(isApiError(err) ? err.message : tAuth("unreachable"));
    }
    setPending(false);
  }

  const next = signedIn ? { href: "/chat", label: t("goToParley") } : { href: "/signin", label: t("signIn") };
  return (
    <AuthCard
      title={t("title")}
      subtitle={t("subtitle")}
      footer={
        <Link href={next.href} className="font-semibold text-indigo-600 hover:text-indigo-500">
          {next.label}
        </Link>
      }
    >
      {confirmed ? (
        <Alert tone="info">
          {t("confirmed", { email: confirmed })}{" "}
          <Link href={next.href} className="font-semibold text-indigo-600">
            {next.label}
          </Link>
        </Alert>
      ) : (
        <div className="space-y-4">
          {error && <Alert>{error}</Alert>}
          <Button type="button" pending={pending} disabled={!hydrated} className="w-full" onClick={() => void confirm()}>
            {t("submit")}
          </Button>
        </div>
      )}
    </AuthCard>
  );
}
