"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";
import { useHydrated } from "@/components/ui/useHydrated";
import { api, isApiError } from "@/lib/client/api";
import { AuthCard, BackToSignIn } from "./AuthCard";

type Pending = { ok: true; email: string } | { ok: false; message: string };

/**
 * The owner of an existing account confirms, with its password, that a single sign-on identity
 * with the same email may sign in as it; then the sign-on runs again and lands in the chat.
 */
export function LinkAccountForm({ token, providerName, pending }: { token: string; providerName: string; pending: Pending }) {
  const t = useTranslations("auth.link");
  const tAuth = useTranslations("auth");
  const hydrated = useHydrated();
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();

  async function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    try {
      await api.confirmSsoLink({ token, password });
      // Linked: the provider's session is still open, so this comes straight back signed in.
      await signIn("oidc", { callbackUrl: "/chat" });
      return;
    } catch (err) {
      if (isApiError(err) && err.fieldErrors.password) setFieldError(t("wrongPassword"));
      else setError(isApiError(err) ? err.message : tAuth("unreachable"));
    }
    setBusy(false);
  }

  return (
    <AuthCard title={t("title")} subtitle={t("subtitle", { provider: providerName })} footer={<BackToSignIn />}>
      {!pending.ok ? (
        <Alert>{pending.message}</Alert>
      ) : (
        <form method="post" onSubmit={handleSubmit} className="space-y-4" aria-label={t("title")} noValidate>
          <p className="text-sm text-slate-700">
            {t.rich("intro", { email: pending.email, provider: providerName, strong: (chunks) => <strong>{chunks}</strong> })}
          </p>
          {error && <Alert>{error}</Alert>}
          <TextField
            label={t("password")}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            errors={fieldError ? [fieldError] : undefined}
            autoFocus
          />
          <Button type="submit" pending={busy} disabled={!hydrated} className="w-full">
            {t("submit")}
          </Button>
          <p className="text-sm text-slate-600">
            {t.rich("notYours", {
              link: (chunks) => (
                <Link href="/forgot-password" className="font-semibold text-indigo-600 hover:text-indigo-500">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        </form>
      )}
    </AuthCard>
  );
}
