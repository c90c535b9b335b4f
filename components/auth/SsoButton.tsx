"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { useHydrated } from "@/components/ui/useHydrated";

/** next-auth's id of the OpenID Connect provider (server/services/sso.ts OIDC_PROVIDER_ID). */
const PROVIDER = "oidc";

/** "Continue with <provider>": off to the identity provider, back signed in (or to the link confirmation). */
export function SsoButton({ providerName, separator = true }: { providerName: string; separator?: boolean }) {
  const t = useTranslations("auth.sso");
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  return (
    <div className="space-y-4">
      {separator && (
        <div className="flex items-center gap-3 text-xs text-slate-500" aria-hidden="true">
          <span className="h-px flex-1 bg-slate-200" />
          {t("or")}
          <span className="h-px flex-1 bg-slate-200" />
        </div>
      )}
      <Button
        type="button"
        variant="secondary"
        className="w-full"
        pending={pending}
        disabled={!hydrated}
        onClick={() => {
          setPending(true);
          void signIn(PROVIDER, { callbackUrl: "/chat" }).catch(() => setPending(false));
        }}
      >
        {t("continue", { provider: providerName })}
      </Button>
    </div>
  );
}
