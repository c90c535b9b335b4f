"use client";

import Link from "next/link";
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
      setError(isApiError(err) ? err.message : "Could not reach the server. Try again.");
    }
    setPending(false);
  }

  const next = signedIn ? { href: "/chat", label: "Go to Parley" } : { href: "/signin", label: "Sign in" };
  return (
    <AuthCard
      title="Confirm your email"
      subtitle="One click, and this address is confirmed for your Parley account."
      footer={
        <Link href={next.href} className="font-semibold text-indigo-600 hover:text-indigo-500">
          {next.label}
        </Link>
      }
    >
      {confirmed ? (
        <Alert tone="info">
          {confirmed} is confirmed.{" "}
          <Link href={next.href} className="font-semibold text-indigo-600">
            {next.label}
          </Link>
        </Alert>
      ) : (
        <div className="space-y-4">
          {error && <Alert>{error}</Alert>}
          <Button type="button" pending={pending} disabled={!hydrated} className="w-full" onClick={() => void confirm()}>
            Confirm my email
          </Button>
        </div>
      )}
    </AuthCard>
  );
}
