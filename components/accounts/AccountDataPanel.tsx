"use client";

/**
 * "Your data": download everything Parley holds about you as one JSON file, or delete the
 * account (typing its email, and its password when it has one). What happens to the messages is
 * the instance's policy, said here before anyone clicks.
 */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button, IconButton } from "@/components/ui/Button";
import { MenuIcon } from "@/components/ui/icons";
import { TextField } from "@/components/ui/TextField";
import { useShell } from "@/components/providers/ShellContext";
import { useCurrentUser } from "@/components/providers/CurrentUserProvider";
import { useDocumentTitle } from "@/components/chat/shell/useDocumentTitle";
import { api, isApiError } from "@/lib/client/api";

export function AccountDataPanel({ messagePolicy }: { messagePolicy: "keep" | "remove" }) {
  const t = useTranslations("accounts.data");
  const tCommon = useTranslations("common");
  const tAuth = useTranslations("auth");
  const { openSidebar } = useShell();
  const user = useCurrentUser();
  const router = useRouter();
  useDocumentTitle(t("documentTitle"));
  const [confirmEmail, setConfirmEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});

  async function handleDelete(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      await api.deleteAccount({ confirmEmail, ...(password ? { password } : {}) });
      // Every session ended with the account: off to the front page.
      router.replace("/");
      router.refresh();
      return;
    } catch (err) {
      if (isApiError(err) && Object.keys(err.fieldErrors).length) setFieldErrors(err.fieldErrors);
      else setError(isApiError(err) ? err.message : tAuth("unreachable"));
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
      <div className="min-h-0 flex-1 space-y-8 overflow-y-auto p-4 md:p-6">
        <section aria-labelledby="export-heading" className="max-w-2xl">
          <h2 id="export-heading" className="font-semibold text-slate-900">
            {t("exportHeading")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            {t("exportText")}
          </p>
          <a
            href="/api/me/export"
            download
            className="mt-3 inline-flex h-10 items-center rounded-lg bg-white px-4 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            {t("download")}
          </a>
        </section>
        <section aria-labelledby="delete-heading" className="max-w-2xl">
          <h2 id="delete-heading" className="font-semibold text-slate-900">
            {t("deleteHeading")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            {t("deleteText")} {messagePolicy === "remove" ? t("messagesRemoved") : t("messagesKept")}
          </p>
          <form onSubmit={handleDelete} className="mt-4 space-y-4" aria-label={t("form")} noValidate>
            {error && <Alert>{error}</Alert>}
            <TextField
              label={t("confirmEmail", { email: user.email })}
              name="confirmEmail"
              type="email"
              autoComplete="off"
              value={confirmEmail}
              onChange={(e) => setConfirmEmail(e.target.value)}
              errors={fieldErrors.confirmEmail}
            />
            <TextField
              label={t("password")}
              name="password"
              type="password"
              autoComplete="current-password"
              hint={t("passwordHint")}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              errors={fieldErrors.password}
            />
            <Button type="submit" variant="danger" pending={pending} disabled={confirmEmail.trim().toLowerCase() !== user.email}>
              {t("submit")}
            </Button>
          </form>
        </section>
      </div>
    </div>
  );
}
