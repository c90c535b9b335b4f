"use client";

import Link from "next/link";
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
      if (isApiError(err) && err.fieldErrors.password) setFieldError("That is not this account’s password.");
      else setError(isApiError(err) ? err.message : "Could not reach the server. Try again.");
    }
    setBusy(false);
  }

  return (
    <AuthCard title="Link your account" subtitle={`You signed in with ${providerName}.`} footer={<BackToSignIn />}>
      {!pending.ok ? (
        <Alert>{pending.message}</Alert>
      ) : (
        <form method="post" onSubmit={handleSubmit} className="space-y-4" aria-label="Link your account" noValidate>
          <p className="text-sm text-slate-700">
            A Parley account already uses <strong>{pending.email}</strong>. If it is yours, enter its password to sign in with {providerName} from now on.
          </p>
          {error && <Alert>{error}</Alert>}
          <TextField
            label="Parley password"
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
            Link and sign in
          </Button>
          <p className="text-sm text-slate-600">
            Not yours, or forgot the password?{" "}
            <Link href="/forgot-password" className="font-semibold text-indigo-600 hover:text-indigo-500">
              Reset it
            </Link>{" "}
            first.
          </p>
        </form>
      )}
    </AuthCard>
  );
}
