"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";
import { useHydrated } from "@/components/ui/useHydrated";
import { api, isApiError } from "@/lib/client/api";
import type { EmailVerificationMode } from "@/lib/shared/accounts";
import { AuthCard, BackToSignIn } from "./AuthCard";
import { NewPasswordField } from "./NewPasswordField";

type Field = "name" | "email" | "password";
const labels: Record<Field, string> = { name: "Name", email: "Email", password: "Password" };

/**
 * The answer is "Check your email" for every address (docs/accounts.md): the page never tells
 * whether an account exists. With verification OPTIONAL it also offers signing in at once.
 */
export function SignUpForm({ emailVerification = "OPTIONAL", inviteOnly = false }: { emailVerification?: EmailVerificationMode; inviteOnly?: boolean }) {
  // Before hydration a submit would be a plain form post: keep the button off until then.
  const hydrated = useHydrated();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string[]>>>({});
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      await api.register({ name, email, password });
    } catch (err) {
      if (isApiError(err) && err.code === "VALIDATION_FAILED") {
        const fields: Partial<Record<Field, string[]>> = {};
        const other: string[] = [];
        for (const [key, messages] of Object.entries(err.fieldErrors)) {
          if (key === "name" || key === "email" || key === "password") fields[key] = messages.map((m) => `${labels[key]} ${m}.`);
          else other.push(...messages);
        }
        setFieldErrors(fields);
        if (other.length > 0 || Object.keys(fields).length === 0) setError(other.join(" ") || err.message);
      } else {
        setError(isApiError(err) ? err.message : "Could not create the account.");
      }
      setPending(false);
      return;
    }
    // No automatic sign-in: whether it worked would tell whether the address was new.
    setPending(false);
    setSentTo(email.trim().toLowerCase());
  }

  if (sentTo) {
    return (
      <AuthCard title="Check your email" subtitle={`We sent a mail to ${sentTo}.`} footer={<BackToSignIn />}>
        <div className="space-y-4 text-sm text-slate-600">
          <p>It tells you what to do next: a link to confirm your address, or, if this address can’t be used for a new account here, why.</p>
          {emailVerification === "OPTIONAL" ? (
            <p>
              If your account was created, you can sign in now and confirm your address later.{" "}
              <Link href={`/signin?email=${encodeURIComponent(sentTo)}`} className="font-semibold text-indigo-600 hover:text-indigo-500">
                Sign in now
              </Link>
            </p>
          ) : (
            <p>Confirm your address with the link in the mail, then sign in.</p>
          )}
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Create your account"
      subtitle="Join the conversation in a few seconds."
      footer={
        <>
          Already have an account?{" "}
          <Link href="/signin" className="font-semibold text-indigo-600 hover:text-indigo-500">
            Sign in
          </Link>
        </>
      }
    >
      <form method="post" onSubmit={handleSubmit} className="space-y-4" aria-label="Sign up" noValidate>
        {inviteOnly && <Alert tone="info">This server takes new members by invitation. If you were invited, use the link in your invitation mail.</Alert>}
        {error && <Alert>{error}</Alert>}
        <TextField label="Name" name="name" autoComplete="name" required maxLength={50} value={name} onChange={(e) => setName(e.target.value)} errors={fieldErrors.name} autoFocus />
        <TextField label="Email" name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} errors={fieldErrors.email} />
        <NewPasswordField label="Password" value={password} onChange={setPassword} errors={fieldErrors.password} />
        <Button type="submit" pending={pending} disabled={!hydrated} className="w-full">
          Create account
        </Button>
      </form>
    </AuthCard>
  );
}
