"use client";

/**
 * `/settings/email`: the account's address, whether it is confirmed, and changing it (the
 * current password required; the new address becomes the account's once its mailed link is used).
 */
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { useDocumentTitle } from "@/components/chat/shell/useDocumentTitle";
import { useShell } from "@/components/providers/ShellContext";
import { Alert } from "@/components/ui/Alert";
import { Button, IconButton } from "@/components/ui/Button";
import { MenuIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/Spinner";
import { TextField } from "@/components/ui/TextField";
import { accountsApi } from "@/lib/client/accountsApi";
import { isApiError } from "@/lib/client/api";
import type { EmailStatusDTO } from "@/lib/shared/accounts";

export function EmailPanel() {
  const t = useTranslations("accounts.email");
  const tCommon = useTranslations("common");
  const tAuth = useTranslations("auth");
  const { openSidebar } = useShell();
  useDocumentTitle(t("documentTitle"));
  const [status, setStatus] = useState<EmailStatusDTO | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [email, setEmail] = useState("");
  const [currentPassword, setCurrentPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<{ email?: string[]; currentPassword?: string[] }>({});
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    accountsApi.myEmail().then(
      (s) => live && setStatus(s),
      (e: unknown) => live && setLoadError(isApiError(e) ? e.message : t("loadFailed")),
    );
    return () => {
      live = false;
    };
  }, [version, t]);

  async function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      await accountsApi.changeEmail(email, currentPassword);
      setSentTo(email.trim().toLowerCase());
      setEmail("");
      setCurrentPassword("");
      setVersion((v) => v + 1);
    } catch (err) {
      const fields = isApiError(err) ? err.fieldErrors : {};
      if (fields.email || fields.currentPassword) {
        setFieldErrors({ email: fields.email?.map((m) => t("emailError", { message: m })), currentPassword: fields.currentPassword?.map((m) => t("currentPasswordError", { message: m })) });
      } else {
        setError(isApiError(err) ? err.message : tAuth("unreachable"));
      }
    }
    setPending(false);
  }

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <header className="flex h-14 shrink-0 items-center gap-2 border-b border-slate-200 px-2 md:px-6">
        <IconButton label={tCommon("openRoomList")} onClick={openSidebar} className="md:hidden">
          <MenuIcon />
        </IconButton>
        <h1 className="font-semibold text-slate-900">{t("title")}</h1>
      </header>
      <div className="min-h-0 flex-1 space-y-6 overflow-y-auto p-4 md:p-6">
        {loadError && <Alert className="max-w-md">{loadError}</Alert>}
        {!status ? (
          !loadError && <Spinner className="size-5 text-slate-400" />
        ) : (
          <section aria-labelledby="email-current" className="max-w-md space-y-1 text-sm">
            <h2 id="email-current" className="font-semibold text-slate-900">
              {t("current")}
            </h2>
            <p data-testid="current-email">
              {status.email}{" "}
              <span className={status.verified ? "text-emerald-700" : "text-amber-800"}>{status.verified ? t("confirmed") : t("notConfirmed")}</span>
            </p>
            {status.pendingEmail && <p className="text-slate-600">{t("pending", { email: status.pendingEmail })}</p>}
          </section>
        )}
        <form method="post" onSubmit={handleSubmit} className="max-w-md space-y-4" aria-label={t("form")} noValidate>
          <h2 className="text-sm font-semibold text-slate-900">{t("changeHeading")}</h2>
          {sentTo && <Alert tone="info">{t("sent", { email: sentTo })}</Alert>}
          {error && <Alert>{error}</Alert>}
          <TextField label={t("newEmail")} name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} errors={fieldErrors.email} />
          <TextField label={t("currentPassword")} name="currentPassword" type="password" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrentPassword(e.target.value)} errors={fieldErrors.currentPassword} />
          <Button type="submit" pending={pending} disabled={!email || !currentPassword}>
            {t("submit")}
          </Button>
        </form>
      </div>
    </div>
  );
}
