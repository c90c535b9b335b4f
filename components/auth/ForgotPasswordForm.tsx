"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";
import { useHydrated } from "@/components/ui/useHydrated";
import { api, isApiError } from "@/lib/client/api";
import { AuthCard, BackToSignIn } from "./AuthCard";

/** Asks for a reset link; the answer is the same whether or not the email has an account. */
export function ForgotPasswordForm() {
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
      setError(isApiError(err) && err.code === "VALIDATION_FAILED" ? "Enter the email address of your account." : isApiError(err) ? err.message : "Could not reach the server. Try again.");
    }
    setPending(false);
  }

  return (
    <AuthCard
      title="Reset your password"
      subtitle="We’ll mail you a link to set a new one."
      footer={<BackToSignIn />}
    >
      {sent ? (
        <Alert tone="info">If an account uses {email}, a reset link is on its way. It works once, for 30 minutes.</Alert>
      ) : (
        <form method="post" onSubmit={handleSubmit} className="space-y-4" aria-label="Reset password" noValidate>
          {error && <Alert>{error}</Alert>}
          <TextField label="Email" name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
          <Button type="submit" pending={pending} disabled={!hydrated} className="w-full">
            Send reset link
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
