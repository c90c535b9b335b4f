"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
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
/** Each field's error line: the server's message after the field's name ("Password is too short."). */
const ERROR_KEYS = { name: "nameError", email: "emailError", password: "passwordError" } as const satisfies Record<Field, string>;

/**
 * The answer is "Check your email" for every address (docs/accounts.md): the page never tells
 * whether an account exists. With verification OPTIONAL it also offers signing in at once.
 */
export function SignUpForm({ emailVerification = "OPTIONAL", inviteOnly = false }: { emailVerification?: EmailVerificationMode; inviteOnly?: boolean }) {
  // Before hydration a submit would be a plain form post: keep the button off until then.
  const t = useTranslations("auth.signUp");
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
          if (key === "name" || key === "email" || key === "password") fields[key] = messages.map((m) => t(ERROR_KEYS[key], { message: m }));
          else other.push(...messages);
        }
        setFieldErrors(fields);
        if (other.length > 0 || Object.keys(fields).length === 0) setError(other.join(" ") || err.message);
      } else {
        setError(isApiError(err) ? err.message : t("createFailed"));
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
      <AuthCard title={t("checkTitle")} subtitle={t("checkSubtitle", { email: sentTo })} footer={<BackToSignIn />}>
        <div className="space-y-4 text-sm text-slate-600">
          <p>{t("checkText")}</p>
          {emailVerification === "OPTIONAL" ? (
            <p>
              {t.rich("optionalText", {
                link: (chunks) => (
                  <Link href={`/signin?email=${encodeURIComponent(sentTo)}`} className="font-semibold text-indigo-600 hover:text-indigo-500">
                    {chunks}
                  </Link>
                ),
              })}
            </p>
          ) : (
            <p>{t("requiredText")}</p>
          )}
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title={t("title")}
      subtitle={t("subtitle")}
      footer={
        t.rich("haveAccount", {
          link: (chunks) => (
            <Link href="/signin" className="font-semibold text-indigo-600 hover:text-indigo-500">
              {chunks}
            </Link>
          ),
        })
      }
    >
      <form method="post" onSubmit={handleSubmit} className="space-y-4" aria-label={t("form")} noValidate>
        {inviteOnly && <Alert tone="info">{t("inviteOnly")}</Alert>}
        {error && <Alert>{error}</Alert>}
        <TextField label={t("name")} name="name" autoComplete="name" required maxLength={50} value={name} onChange={(e) => setName(e.target.value)} errors={fieldErrors.name} autoFocus />
        <TextField label={t("email")} name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} errors={fieldErrors.email} />
        <NewPasswordField label={t("password")} value={password} onChange={setPassword} errors={fieldErrors.password} />
        <Button type="submit" pending={pending} disabled={!hydrated} className="w-full">
          {t("submit")}
        </Button>
      </form>
    </AuthCard>
  );
}
