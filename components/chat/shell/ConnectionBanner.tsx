"use client";

import { useTranslations } from "next-intl";
import { signOut } from "next-auth/react";
import { useSocket } from "@/components/providers/SocketProvider";
import { Spinner } from "@/components/ui/Spinner";

/** "Reconnecting…" while the socket is down after having connected; an explanation if refused. */
export function ConnectionBanner() {
  const t = useTranslations("connection");
  const { state, refusal } = useSocket();
  if (state === "reconnecting") {
    return (
      <div role="status" data-testid="connection-banner" className="flex items-center justify-center gap-2 bg-amber-100 px-4 py-1.5 text-sm font-medium text-amber-900">
        <Spinner className="size-3.5" />
        {t("reconnecting")}
      </div>
    );
  }
  if (state === "refused") {
    const signedOut = refusal === "UNAUTHENTICATED";
    return (
      <div role="alert" data-testid="connection-banner" className="flex flex-wrap items-center justify-center gap-x-3 gap-y-1 bg-rose-100 px-4 py-1.5 text-sm font-medium text-rose-900">
        {signedOut ? t("ended") : t("refused")}
        {signedOut && (
          <button
            type="button"
            className="underline underline-offset-2 hover:no-underline"
            onClick={() => void signOut({ callbackUrl: "/signin" })}
          >
            {t("signInAgain")}
          </button>
        )}
      </div>
    );
  }
  return null;
}
