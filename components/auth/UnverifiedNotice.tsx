"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { accountsApi } from "@/lib/client/accountsApi";
import { isApiError } from "@/lib/client/api";

/** The sign-in form's answer for an unconfirmed account when verification is required: confirm first, or get a new link. */
export function UnverifiedNotice({ email }: { email: string }) {
  const t = useTranslations("auth.unverified");
  const [state, setState] = useState<"idle" | "pending" | "sent">("idle");
  const [error, setError] = useState<string | null>(null);

  async function resend() {
    setState("pending");
    setError(null);
    try {
      await accountsApi.resendVerification(email);
      setState("sent");
    } catch (err) {
      setError(isApiError(err) ? err.message : t("failed"));
      setState("idle");
    }
  }

  return (
    <div className="space-y-2" data-testid="unverified-notice">
      <Alert>{t("notice", { email })}</Alert>
      {state === "sent" ? (
        <Alert tone="info">{t("sent", { email })}</Alert>
      ) : (
        <Button type="button" variant="ghost" size="sm" pending={state === "pending"} onClick={() => void resend()}>
          {t("resend")}
        </Button>
      )}
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
