"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { useHydrated } from "@/components/ui/useHydrated";
import { api, isApiError } from "@/lib/client/api";
import { AuthCard, BackToSignIn } from "./AuthCard";
import { NewPasswordField } from "./NewPasswordField";

/** Sets a new password with the token from the mailed link. */
export function ResetPasswordForm({ token }: { token: string }) {
  const hydrated = useHydrated();
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);
  const [passwordErrors, setPasswordErrors] = useState<string[] | undefined>();
  const [error, setError] = useState<string | null>(null);

  async function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    setPasswordErrors(undefined);
    try {
      await api.confirmPasswordReset({ token, password });
      setDone(true);
    } catch (err) {
      const fields = isApiError(err) ? err.fieldErrors : {};
      if (fields.password) setPasswordErrors(fields.password.map((m) => `Password ${m}.`));
      else setError(isApiError(err) ? err.message : "Could not reach the server. Try again.");
    }
    setPending(false);
  }

  return (
    <AuthCard
      title="Choose a new password"
      subtitle="Every device signed in to your account will be signed out."
      footer={<BackToSignIn />}
    >
      {done ? (
        <Alert tone="info">
          Your password has been changed.{" "}
          <Link href="/signin" className="font-semibold text-indigo-600">
            Sign in
          </Link>{" "}
          with it.
        </Alert>
      ) : (
        <form method="post" onSubmit={handleSubmit} className="space-y-4" aria-label="Set a new password" noValidate>
          {error && (
            <Alert>
              {error}{" "}
              <Link href="/forgot-password" className="font-semibold underline">
                Get a new link
              </Link>
            </Alert>
          )}
          <NewPasswordField label="New password" value={password} onChange={setPassword} errors={passwordErrors} autoFocus />
          <Button type="submit" pending={pending} disabled={!hydrated} className="w-full">
            Set new password
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
