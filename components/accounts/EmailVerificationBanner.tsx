"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { accountsApi } from "@/lib/client/accountsApi";
import { isApiError } from "@/lib/client/api";
import type { EmailStatusDTO } from "@/lib/shared/accounts";

/** Shown in the chat to an account whose email is not confirmed yet: where the link went, and a resend. */
export function EmailVerificationBanner() {
  const t = useTranslations("accounts.banner");
  const [status, setStatus] = useState<EmailStatusDTO | null>(null);
  const [sent, setSent] = useState<"idle" | "pending" | "sent" | "failed">("idle");
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    accountsApi.myEmail().then(
      (s) => live && setStatus(s),
      () => undefined, // cosmetic: no banner when the lookup fails
    );
    return () => {
      live = false;
    };
  }, []);

  if (!status || status.verified) return null;

  async function resend() {
    setSent("pending");
    try {
      await accountsApi.resendMyVerification();
      setSent("sent");
    } catch (err) {
      setMessage(isApiError(err) ? err.message : t("failed"));
      setSent("failed");
    }
  }

  return (
    <div role="status" data-testid="verify-email-banner" className="flex flex-wrap items-center justify-center gap-x-3 gap-y-1 bg-sky-50 px-4 py-1.5 text-sm text-sky-900">
      <span>
        {t.rich("text", { email: status.email, strong: (chunks) => <strong className="font-semibold">{chunks}</strong> })}
      </span>
      {sent === "sent" ? (
        <span>{t("sent")}</span>
      ) : (
        <button type="button" disabled={sent === "pending"} className="font-semibold underline underline-offset-2 hover:no-underline disabled:opacity-60" onClick={() => void resend()}>
          {t("resend")}
        </button>
      )}
      <Link href="/settings/email" className="font-semibold underline underline-offset-2 hover:no-underline">
        {t("wrongAddress")}
      </Link>
      {sent === "failed" && message && <span role="alert">{message}</span>}
    </div>
  );
}
