import { useFormatter, useTranslations } from "next-intl";
import type { LoggedMailDTO } from "@/lib/shared/types";

/** The log transport's last mails (no SMTP_URL): an admin can pass a reset link on by hand. */
export function OutgoingMailPanel({ transport, mails }: { transport: "smtp" | "log"; mails: LoggedMailDTO[] }) {
  const t = useTranslations("admin.mail");
  const format = useFormatter();
  return (
    <section aria-labelledby="mail-title" className="space-y-4">
      <h1 id="mail-title" className="text-lg font-semibold">
        {t("title")}
      </h1>
      {transport === "smtp" ? (
        <p className="text-sm text-slate-600">{t("smtp")}</p>
      ) : (
        <>
          <p className="text-sm text-slate-600">{t("log")}</p>
          {mails.length === 0 ? (
            <p className="text-sm text-slate-500">{t("none")}</p>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200" aria-label={t("title")}>
              {mails.map((m) => (
                <li key={m.id} className="space-y-1 p-3 text-sm">
                  <p>
                    <span className="font-semibold">{m.subject}</span> <span className="text-slate-500">{t("to", { to: m.to })}</span>{" "}
                    <time dateTime={m.createdAt} className="text-xs text-slate-400">
                      {format.dateTime(new Date(m.createdAt), { dateStyle: "medium", timeStyle: "short" })}
                    </time>
                  </p>
                  {m.link && (
                    <p className="break-all font-mono text-xs">
                      <a href={m.link} className="text-indigo-600 hover:text-indigo-500">
                        {m.link}
                      </a>
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
