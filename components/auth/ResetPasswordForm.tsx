"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { useHydrated } from "@/components/ui/useHydrated";
import { api, isApiError } from "@/lib/client/api";
import { AuthCard, BackToSignIn } from "./AuthCard";
import { NewPasswordField } from "./NewPasswordField";

/** Sets a new password with the token from the mailed link. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("auth.reset");
  const tAuth = useTranslations("auth");
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
      if (fields.password) setPasswordErrors(fields.password.map((m) => t("passwordError", { message: m })));
      else setError(isApiError(err) ? err.message : tAuth("unreachable"));
    }
    setPending(false);
  }

  return (
    <AuthCard
      title={t("title")}
      subtitle={t("subtitle")}
      footer={<BackToSignIn />}
    >
      {done ? (
        <Alert tone="info">
          {t.rich("done", {
            link: (chunks) => (
              <Link href="/signin" className="font-semibold text-indigo-600">
                {chunks}
              </Link>
            ),
          })}
        </Alert>
      ) : (
        <form method="post" onSubmit={handleSubmit} className="space-y-4" aria-label={t("form")} noValidate>
          {error && (
            <Alert>
              {error}{" "}
              <Link href="/forgot-password" className="font-semibold underline">
                {t("newLink")}
              </Link>
            </Alert>
          )}
          <NewPasswordField label={t("label")} value={password} onChange={setPassword} errors={passwordErrors} autoFocus />
          <Button type="submit" pending={pending} disabled={!hydrated} className="w-full">
            {t("submit")}
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
