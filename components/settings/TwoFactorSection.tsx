"use client";

/**
 * Two-factor sign-in on the settings page (docs/two-factor.md): set up an authenticator app (QR
 * code or the secret typed in, confirmed by a first code), then the ten recovery codes, shown
 * once; later new recovery codes (needs a code) or turning it off (needs the password and a code).
 */
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Spinner } from "@/components/ui/Spinner";
import { TextField } from "@/components/ui/TextField";
import { api, isApiError } from "@/lib/client/api";
import type { TwoFactorSetup, TwoFactorStatus } from "@/lib/shared/two-factor";
import { useFormAction } from "./useFormAction";

export function TwoFactorSection() {
  const t = useTranslations("settings.twoFactor");
  const [status, setStatus] = useState<TwoFactorStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);

  useEffect(() => {
    let live = true;
    api.twoFactorStatus().then(
      (s) => live && setStatus(s),
      (e: unknown) => live && setLoadError(isApiError(e) ? e.message : t("loadFailed")),
    );
    return () => {
      live = false;
    };
  }, [version, t]);

  const start = useFormAction(t("startFailed"));
  const begin = start.handler(async () => setSetup(await api.beginTwoFactorSetup()));

  return (
    <section aria-labelledby="two-factor-heading" className="max-w-xl">
      <h2 id="two-factor-heading" className="text-base font-semibold text-slate-900">
        {t("heading")}
      </h2>
      <p className="mt-1 text-sm text-slate-500">{t("intro")}</p>
      {loadError && <Alert className="mt-4">{loadError}</Alert>}
      {codes ? (
        <RecoveryCodes
          codes={codes}
          onDone={() => {
            setCodes(null);
            reload();
          }}
        />
      ) : status === null ? (
        !loadError && <Spinner className="mt-4 size-5 text-slate-400" />
      ) : status.enabled ? (
        <EnabledControls status={status} onCodes={setCodes} onDisabled={reload} />
      ) : setup ? (
        <ConfirmSetup
          setup={setup}
          onCancel={() => setSetup(null)}
          onEnabled={(c) => {
            setSetup(null);
            setCodes(c);
          }}
        />
      ) : (
        <div className="mt-4 space-y-3">
          <p className="text-sm text-slate-700" data-testid="two-factor-state">
            {t("off")}
          </p>
          {start.error && <Alert>{start.error}</Alert>}
          <Button onClick={() => void begin()} pending={start.pending}>
            {t("setUp")}
          </Button>
        </div>
      )}
    </section>
  );
}

function ConfirmSetup({ setup, onCancel, onEnabled }: { setup: TwoFactorSetup; onCancel: () => void; onEnabled: (codes: string[]) => void }) {
  const t = useTranslations("settings.twoFactor");
  const tCommon = useTranslations("common");
  const [code, setCode] = useState("");
  const action = useFormAction(t("enableFailed"));
  const submit = action.handler(async () => onEnabled((await api.enableTwoFactor(code)).recoveryCodes));
  return (
    <div className="mt-4 space-y-4">
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>{t("stepScan")}</li>
        <li>{t("stepCode")}</li>
      </ol>
      <div className="flex flex-wrap items-center gap-4">
        {/* A data URL made by the server: next/image has nothing to optimise. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={setup.qrCode} alt={t("qrAlt")} width={200} height={200} className="rounded-lg bg-white p-2 ring-1 ring-slate-200" />
        <div className="min-w-0 text-sm">
          <p className="font-medium text-slate-800">{t("setupKey")}</p>
          <code className="mt-1 block break-all rounded bg-slate-100 px-2 py-1 font-mono text-slate-900" data-testid="two-factor-secret">
            {setup.secret}
          </code>
        </div>
      </div>
      <form onSubmit={submit} noValidate className="max-w-xs space-y-4" aria-label={t("confirmForm")}>
        {action.error && !action.fieldErrors.code && <Alert>{action.error}</Alert>}
        <CodeField value={code} onChange={setCode} errors={action.fieldErrors.code} />
        <div className="flex gap-2">
          <Button type="submit" pending={action.pending} disabled={!code.trim()}>
            {t("turnOn")}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {tCommon("cancel")}
          </Button>
        </div>
      </form>
    </div>
  );
}

function CodeField({ value, onChange, errors }: { value: string; onChange: (v: string) => void; errors?: string[] }) {
  const t = useTranslations("settings.twoFactor");
  return <TextField label={t("authCode")} name="code" autoComplete="one-time-code" inputMode="numeric" required value={value} onChange={(e) => onChange(e.target.value)} errors={errors} />;
}

function EnabledControls({ status, onCodes, onDisabled }: { status: TwoFactorStatus; onCodes: (codes: string[]) => void; onDisabled: () => void }) {
  const t = useTranslations("settings.twoFactor");
  const [regenCode, setRegenCode] = useState("");
  const [password, setPassword] = useState("");
  const [offCode, setOffCode] = useState("");
  const regen = useFormAction(t("regenFailed"));
  const off = useFormAction(t("offFailed"));
  const submitRegen = regen.handler(async () => onCodes((await api.regenerateRecoveryCodes(regenCode)).recoveryCodes));
  const submitOff = off.handler(async () => {
    await api.disableTwoFactor(password, offCode);
    onDisabled();
  });
  const codeHint = t("codeHint");
  return (
    <div className="mt-4 space-y-6">
      <p className="text-sm text-slate-700" data-testid="two-factor-state">
        {t("on", { count: status.recoveryCodesLeft })}
      </p>
      <form onSubmit={submitRegen} noValidate className="max-w-xs space-y-3" aria-label={t("regenForm")}>
        <h3 className="text-sm font-semibold text-slate-900">{t("regenHeading")}</h3>
        <p className="text-sm text-slate-500">{t("regenIntro")}</p>
        {regen.error && !regen.fieldErrors.code && <Alert>{regen.error}</Alert>}
        <TextField label={t("code")} name="code" autoComplete="one-time-code" required value={regenCode} onChange={(e) => setRegenCode(e.target.value)} errors={regen.fieldErrors.code} hint={codeHint} />
        <Button type="submit" variant="secondary" pending={regen.pending} disabled={!regenCode.trim()}>
          {t("regenSubmit")}
        </Button>
      </form>
      <form onSubmit={submitOff} noValidate className="max-w-xs space-y-3" aria-label={t("offForm")}>
        <h3 className="text-sm font-semibold text-slate-900">{t("offHeading")}</h3>
        {off.error && !off.fieldErrors.code && !off.fieldErrors.password && <Alert>{off.error}</Alert>}
        <TextField label={t("password")} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} errors={off.fieldErrors.password} />
        <TextField label={t("code")} name="code" autoComplete="one-time-code" required value={offCode} onChange={(e) => setOffCode(e.target.value)} errors={off.fieldErrors.code} hint={codeHint} />
        <Button type="submit" variant="danger" pending={off.pending} disabled={!password || !offCode.trim()}>
          {t("turnOff")}
        </Button>
      </form>
    </div>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useTranslations("settings.twoFactor");
  const [copied, setCopied] = useState(false);
  const text = `${t("fileHeading")}\n\n${codes.join("\n")}\n`;
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
  return (
    <div className="mt-4 space-y-4" data-testid="recovery-codes">
      <Alert tone="info">
        {t("codesIntro")}
      </Alert>
      <ul aria-label={t("codesList")} className="grid max-w-sm grid-cols-2 gap-2 rounded-lg bg-slate-100 p-3 font-mono text-sm text-slate-900">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          onClick={() =>
            void navigator.clipboard.writeText(text).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? t("copied") : t("copy")}
        </Button>
        <a href={download} download="parley-recovery-codes.txt" className="inline-flex items-center rounded-lg px-3 py-2 text-sm font-medium text-indigo-600 ring-1 ring-slate-300 hover:bg-slate-50">
          {t("download")}
        </a>
        <Button onClick={onDone}>{t("saved")}</Button>
      </div>
    </div>
  );
}
