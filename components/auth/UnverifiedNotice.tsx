"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { accountsApi } from "@/lib/client/accountsApi";
import { isApiError } from "@/lib/client/api";

/** The sign-in form's answer for an unconfirmed account when verification is required: confirm first, or get a new link. */
export function UnverifiedNotice({ email }: { email: string }) {
  const [state, setState] = useState<"idle" | "pending" | "sent">("idle");
  const [error, setError] = useState<string | null>(null);

  async function resend() {
    setState("pending");
    setError(null);
    try {
      await accountsApi.resendVerification(email);
      setState("sent");
    } catch (err) {
      setError(isApiError(err) ? err.message : "Could not send the link. Try again.");
      setState("idle");
    }
  }

  return (
    <div className="space-y-2" data-testid="unverified-notice">
      <Alert>Confirm your email address first: open the link we mailed to {email}. Then sign in.</Alert>
      {state === "sent" ? (
        <Alert tone="info">A new confirmation link is on its way to {email}.</Alert>
      ) : (
        <Button type="button" variant="ghost" size="sm" pending={state === "pending"} onClick={() => void resend()}>
          Send a new confirmation link
        </Button>
      )}
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
