"use client";

/**
 * The "Password and two-factor" settings page: change password (signs every other session out),
 * and two-factor sign-in (docs/two-factor.md).
 */
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";
import { NewPasswordField } from "@/components/auth/NewPasswordField";
import { SettingsHeader } from "./SettingsHeader";
import { useDocumentTitle } from "@/components/chat/shell/useDocumentTitle";
import { api } from "@/lib/client/api";
import { TwoFactorSection } from "./TwoFactorSection";
import { useFormAction } from "./useFormAction";

/** `staffRequired`: this server requires two-factor for staff and this staff member has none yet. */
export function SecurityPanel({ staffRequired = false }: { staffRequired?: boolean }) {
  const t = useTranslations("settings.security");
  useDocumentTitle(t("documentTitle"));
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <SettingsHeader title={t("title")} />
      <div className="min-h-0 flex-1 space-y-8 overflow-y-auto p-4 md:p-6">
        {staffRequired && (
          <Alert tone="info" className="max-w-2xl">
            {t("staffRequired")}
          </Alert>
        )}
        <ChangePasswordSection />
        <TwoFactorSection />
      </div>
    </div>
  );
}

function ChangePasswordSection() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const t = useTranslations("settings.security");
  const [done, setDone] = useState<string | null>(null);
  const action = useFormAction(t("changeFailed"));
  const submit = action.handler(async () => {
    setDone(null);
    const { sessionsRevoked } = await api.changePassword(current, next);
    setCurrent("");
    setNext("");
    setDone(sessionsRevoked ? t("changedSignedOut", { count: sessionsRevoked }) : t("changed"));
  });
  return (
    <section aria-labelledby="change-password-heading" className="max-w-md">
      <h2 id="change-password-heading" className="text-base font-semibold text-slate-900">
        {t("heading")}
      </h2>
      <p className="mt-1 text-sm text-slate-500">{t("intro")}</p>
      <form onSubmit={submit} noValidate className="mt-4 space-y-4" aria-label={t("form")}>
        {action.error && !action.fieldErrors.currentPassword && !action.fieldErrors.newPassword && <Alert>{action.error}</Alert>}
        {done && <Alert tone="info">{done}</Alert>}
        <TextField label={t("current")} name="currentPassword" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} errors={action.fieldErrors.currentPassword} />
        <NewPasswordField label={t("new")} name="newPassword" value={next} onChange={setNext} errors={action.fieldErrors.newPassword} />
        <Button type="submit" pending={action.pending} disabled={!current || !next}>
          {t("submit")}
        </Button>
      </form>
    </section>
  );
}
