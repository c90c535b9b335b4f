"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { accountsApi } from "@/lib/client/accountsApi";
import { isApiError } from "@/lib/client/api";
import type { EmailStatusDTO } from "@/lib/shared/accounts";

/** Shown in the chat to an account whose email is not confirmed yet: where the link went, and a resend. */
export function EmailVerificationBanner() {
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
      setMessage(isApiError(err) ? err.message : "Could not send the link.");
      setSent("failed");
    }
  }

  return (
    <div role="status" data-testid="verify-email-banner" className="flex flex-wrap items-center justify-center gap-x-3 gap-y-1 bg-sky-50 px-4 py-1.5 text-sm text-sky-900">
      <span>
        Confirm your email address: we mailed a link to <strong className="font-semibold">{status.email}</strong>.
      </span>
      {sent === "sent" ? (
        <span>A new link is on its way.</span>
      ) : (
        <button type="button" disabled={sent === "pending"} className="font-semibold underline underline-offset-2 hover:no-underline disabled:opacity-60" onClick={() => void resend()}>
          Send a new link
        </button>
      )}
      <Link href="/settings/email" className="font-semibold underline underline-offset-2 hover:no-underline">
        Wrong address?
      </Link>
      {sent === "failed" && message && <span role="alert">{message}</span>}
    </div>
  );
}
