"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";
import { useHydrated } from "@/components/ui/useHydrated";
import { api, isApiError } from "@/lib/client/api";
import { AuthCard, BackToSignIn } from "./AuthCard";

/** Asks for a reset link; the answer is the same whether or not the email has an account. */
export function ForgotPasswordForm() {
  const t = useTranslations("auth.forgot");
  const tAuth = useTranslations("auth");
  const hydrated = useHydrated();
  const [email, setEmail] = useState("");
  const [pending, setPending] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await api.requestPasswordReset({ email });
      setSent(true);
    } catch (err) {
      setError(isApiError(err) && err.code === "VALIDATION_FAILED" ? t("invalidEmail") : isApiError(err) ? err.message : tAuth("unreachable"));
    }
    setPending(false);
  }

  return (
    <AuthCard
      title={t("title")}
      subtitle={t("subtitle")}
      footer={<BackToSignIn />}
    >
      {sent ? (
        <Alert tone="info">{t("sent", { email })}</Alert>
      ) : (
        <form method="post" onSubmit={handleSubmit} className="space-y-4" aria-label={t("form")} noValidate>
          {error && <Alert>{error}</Alert>}
          <TextField label={t("email")} name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
          <Button type="submit" pending={pending} disabled={!hydrated} className="w-full">
            {t("submit")}
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
