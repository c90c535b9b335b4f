"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";
import { useHydrated } from "@/components/ui/useHydrated";
import { api, isApiError } from "@/lib/client/api";
import { AuthCard } from "./AuthCard";
import { NewPasswordField } from "./NewPasswordField";

type Field = "name" | "email" | "password";
const labels: Record<Field, string> = { name: "Name", email: "Email", password: "Password" };

export function SignUpForm() {
  const router = useRouter();
  // Before hydration a submit would be a plain form post: keep the button off until then.
  const hydrated = useHydrated();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string[]>>>({});
  const [error, setError] = useState<string | null>(null);

  async function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      await api.register({ name, email, password });
    } catch (err) {
      if (isApiError(err) && err.code === "CONFLICT") {
        setFieldErrors({ email: ["An account with this email already exists."] });
      } else if (isApiError(err) && err.code === "VALIDATION_FAILED") {
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
    const result = await signIn("credentials", { email, password, redirect: false, callbackUrl: "/chat" }).catch(() => undefined);
    // The account exists either way; if the automatic sign-in failed, sign in by hand.
    router.replace(result?.ok && !result.error ? "/chat" : "/signin");
    router.refresh();
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
