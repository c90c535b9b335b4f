"use client";

/** "Sign-up & accounts" (/admin/settings): who may join, allowed domains, verification, room owners' invitations. Admins only; every save is audited. */
import { useTranslations } from "next-intl";
import { useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { accountsApi } from "@/lib/client/accountsApi";
import { isApiError } from "@/lib/client/api";
import type { EmailVerificationMode, InstanceSettingsDTO, SignupPolicy } from "@/lib/shared/accounts";
import { ErrorLine, PanelHeader, useLoad } from "./kit";

const radio = "size-4 accent-indigo-600";
/** The grey aside of an option ("(within the allowed domains below)"). */
const muted = (chunks: ReactNode) => <span className="text-slate-500">{chunks}</span>;
const strong = (chunks: ReactNode) => <span className="font-semibold text-slate-900">{chunks}</span>;

export function SignupSettingsPanel() {
  const t = useTranslations("admin.signup");
  const { data, error } = useLoad(() => accountsApi.settings(), []);
  return (
    <section className="max-w-2xl">
      <PanelHeader title={t("title")} description={t("description")} />
      <ErrorLine error={error} />
      {data && <SettingsForm initial={data} />}
    </section>
  );
}

function SettingsForm({ initial }: { initial: InstanceSettingsDTO }) {
  const t = useTranslations("admin.signup");
  const [policy, setPolicy] = useState<SignupPolicy>(initial.signupPolicy);
  const [domains, setDomains] = useState(initial.allowedEmailDomains.join("\n"));
  const [verification, setVerification] = useState<EmailVerificationMode>(initial.emailVerification);
  const [ownersInvite, setOwnersInvite] = useState(initial.roomOwnersMayInvite);
  const [staffTwoFactor, setStaffTwoFactor] = useState(initial.requireTwoFactorForStaff);
  const [pending, setPending] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [domainErrors, setDomainErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  async function save(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setSaveError(null);
    setDomainErrors([]);
    setNotice(null);
    try {
      const allowedEmailDomains = domains
        .split(/[\s,]+/)
        .map((d) => d.trim())
        .filter(Boolean);
      const next = await accountsApi.saveSettings({ signupPolicy: policy, allowedEmailDomains, emailVerification: verification, roomOwnersMayInvite: ownersInvite, requireTwoFactorForStaff: staffTwoFactor });
      setDomains(next.allowedEmailDomains.join("\n"));
      setNotice(t("saved"));
    } catch (err) {
      const fields = isApiError(err) ? err.fieldErrors : {};
      const domainProblems = Object.entries(fields).filter(([k]) => k.startsWith("allowedEmailDomains"));
      if (domainProblems.length > 0) setDomainErrors(domainProblems.flatMap(([, m]) => m).map((m) => t("domainError", { message: m })));
      else setSaveError(isApiError(err) ? err.message : t("saveFailed"));
    }
    setPending(false);
  }

  return (
    <form onSubmit={save} className="space-y-6 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200 sm:p-6" aria-label={t("form")}>
      <fieldset className="space-y-2">
        <legend className="font-semibold text-slate-900">{t("who")}</legend>
        <label className="flex items-start gap-2">
          <input type="radio" name="signupPolicy" className={radio} checked={policy === "OPEN"} onChange={() => setPolicy("OPEN")} />
          <span>{t.rich("anyone", { muted })}</span>
        </label>
        <label className="flex items-start gap-2">
          <input type="radio" name="signupPolicy" className={radio} checked={policy === "INVITE_ONLY"} onChange={() => setPolicy("INVITE_ONLY")} />
          <span>{t.rich("inviteOnly", { muted })}</span>
        </label>
      </fieldset>
      <div className="space-y-1">
        <label htmlFor="allowed-domains" className="block font-semibold text-slate-900">
          {t("domains")}
        </label>
        <p id="allowed-domains-hint" className="text-slate-500">
          {t("domainsHint")}
        </p>
        <textarea
          id="allowed-domains"
          aria-describedby={domainErrors.length ? "allowed-domains-hint allowed-domains-error" : "allowed-domains-hint"}
          aria-invalid={domainErrors.length > 0 || undefined}
          rows={3}
          value={domains}
          onChange={(e) => setDomains(e.target.value)}
          className="w-full rounded-lg bg-white px-3 py-2 font-mono text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
        />
        {domainErrors.length > 0 && (
          <p id="allowed-domains-error" className="text-xs text-rose-700">
            {domainErrors.join(" ")}
          </p>
        )}
      </div>
      <fieldset className="space-y-2">
        <legend className="font-semibold text-slate-900">{t("verification")}</legend>
        <label className="flex items-start gap-2">
          <input type="radio" name="emailVerification" className={radio} checked={verification === "OPTIONAL"} onChange={() => setVerification("OPTIONAL")} />
          <span>{t.rich("optional", { muted })}</span>
        </label>
        <label className="flex items-start gap-2">
          <input type="radio" name="emailVerification" className={radio} checked={verification === "REQUIRED"} onChange={() => setVerification("REQUIRED")} />
          <span>{t.rich("required", { muted })}</span>
        </label>
      </fieldset>
      <label className="flex items-start gap-2">
        <input type="checkbox" className="mt-0.5 size-4 accent-indigo-600" checked={ownersInvite} onChange={(e) => setOwnersInvite(e.target.checked)} />
        <span>{t.rich("ownersInvite", { strong, muted })}</span>
      </label>
      <label className="flex items-start gap-2">
        <input type="checkbox" className="mt-0.5 size-4 accent-indigo-600" checked={staffTwoFactor} onChange={(e) => setStaffTwoFactor(e.target.checked)} />
        <span>{t.rich("staffTwoFactor", { strong, muted })}</span>
      </label>
      {saveError && <Alert>{saveError}</Alert>}
      {notice && <Alert tone="info">{notice}</Alert>}
      <Button type="submit" pending={pending}>
        {t("save")}
      </Button>
    </form>
  );
}
