import type { LoggedMailDTO } from "@/lib/shared/types";

/** The log transport's last mails (no SMTP_URL): an admin can pass a reset link on by hand. */
export function OutgoingMailPanel({ transport, mails }: { transport: "smtp" | "log"; mails: LoggedMailDTO[] }) {
  return (
    <section aria-labelledby="mail-title" className="space-y-4">
      <h1 id="mail-title" className="text-lg font-semibold">
        Outgoing mail
      </h1>
      {transport === "smtp" ? (
        <p className="text-sm text-slate-600">Mail is sent through SMTP (SMTP_URL); nothing is kept here.</p>
      ) : (
        <>
          <p className="text-sm text-slate-600">No SMTP server is configured (SMTP_URL), so mail is not sent: the last 50 are listed here and written to the server log.</p>
          {mails.length === 0 ? (
            <p className="text-sm text-slate-500">No mail yet.</p>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200" aria-label="Outgoing mail">
              {mails.map((m) => (
                <li key={m.id} className="space-y-1 p-3 text-sm">
                  <p>
                    <span className="font-semibold">{m.subject}</span> <span className="text-slate-500">to {m.to}</span>{" "}
                    <time dateTime={m.createdAt} className="text-xs text-slate-400">
                      {new Date(m.createdAt).toISOString().replace("T", " ").slice(0, 16)} UTC
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
