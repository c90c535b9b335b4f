"use client";

/**
 * The Sessions page: every browser the user is signed in with (device, browser, IP, when it
 * signed in and was last used), this one marked; sign out any other one, or all of them at once.
 * A revoked session's open tabs are sent to the sign-in page within a second.
 */
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Spinner } from "@/components/ui/Spinner";
import { SettingsHeader } from "./SettingsHeader";
import { useDocumentTitle } from "@/components/chat/shell/useDocumentTitle";
import { api, isApiError } from "@/lib/client/api";
import { useFormats } from "@/components/ui/useFormats";
import type { SessionDTO } from "@/lib/shared/sessions";

export function SessionsPanel() {
  const t = useTranslations("settings.sessions");
  const dates = useFormats();
  const [sessions, setSessions] = useState<SessionDTO[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  useDocumentTitle(t("documentTitle"));

  // Bumped after each revoke: the list is read again.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    api.listSessions().then(
      (list) => live && setSessions(list),
      (e: unknown) => live && setError(isApiError(e) ? e.message : t("loadFailed")),
    );
    return () => {
      live = false;
    };
  }, [version, t]);

  async function run(key: string, action: () => Promise<unknown>) {
    setPending(key);
    setError(null);
    try {
      await action();
      setVersion((v) => v + 1);
    } catch (e) {
      setError(isApiError(e) ? e.message : t("revokeFailed"));
    } finally {
      setPending(null);
    }
  }

  const others = sessions?.filter((s) => !s.current) ?? [];
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <SettingsHeader title={t("title")} />
      <div className="min-h-0 flex-1 overflow-y-auto p-4 md:p-6">
        <p className="max-w-2xl text-sm text-slate-500">{t("intro")}</p>
        {error && <Alert className="mt-4 max-w-2xl">{error}</Alert>}
        {sessions === null ? (
          !error && <Spinner className="mt-6 size-5 text-slate-400" />
        ) : (
          <>
            <ul className="mt-4 max-w-2xl divide-y divide-slate-200 rounded-lg border border-slate-200" aria-label={t("title")}>
              {sessions.map((s) => (
                <li key={s.id} data-testid="session" data-current={s.current || undefined} className="flex items-center gap-4 p-4">
                  <div className="min-w-0 flex-1 text-sm">
                    <p className="font-medium text-slate-900">
                      <span data-testid="session-device">
                        {t("device", { browser: s.browser, device: s.device })}
                      </span>
                      {s.current && <span className="ml-2 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700">{t("thisDevice")}</span>}
                    </p>
                    <p className="mt-0.5 text-slate-500">
                      {t("details", { ip: s.ip || t("unknownAddress"), signedIn: dates.dateTime(s.createdAt), lastActive: dates.relative(s.lastActiveAt) })}
                    </p>
                  </div>
                  {!s.current && (
                    <Button size="sm" variant="secondary" pending={pending === s.id} onClick={() => void run(s.id, () => api.revokeSession(s.id))}>
                      {t("signOut")}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
            <Button className="mt-4" variant="secondary" disabled={others.length === 0} pending={pending === "others"} onClick={() => void run("others", () => api.revokeOtherSessions())}>
              {t("signOutOthers")}
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
