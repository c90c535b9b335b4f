/**
 * Outgoing mail. One Mailer per runtime (built in createApplication): with SMTP_URL, nodemailer's
 * SMTP transport; without it (the embedded default), a log transport that writes each mail (to,
 * subject, link) to the server log and keeps the last 50 in the database, where admins read them
 * on the dashboard page "Outgoing mail" — so a reset link can still reach its owner by hand.
 * Kept in PostgreSQL, not memory, so every instance of a cluster lists the same mail.
 */
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "../db";
import type { Logger } from "../log";
import type { LoggedMailDTO } from "@/lib/shared/types";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** The one link the mail exists to carry (logged and listed by the log transport). */
  link?: string;
}


/** How many logged mails the database keeps. */
export const LOGGED_MAIL_KEEP = 50;

export interface Mailer {
  /** "smtp": mail leaves through SMTP_URL; "log": it is only logged and listed for admins. */
  readonly kind: "smtp" | "log";
  send(mail: MailMessage): Promise<void>;
  /** The log transport's last mails, newest first (empty with SMTP). */
  recent(): Promise<LoggedMailDTO[]>;
  close(): void;
}

export interface MailerConfig {
  smtpUrl: string | undefined;
  from: string;
}

class SmtpMailer implements Mailer {
  readonly kind = "smtp";
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
    private readonly log: Logger,
  ) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(mail: MailMessage): Promise<void> {
    const info = await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text });
    this.log.info("mail sent", { to: mail.to, subject: mail.subject, messageId: info.messageId });
  }

  recent(): Promise<LoggedMailDTO[]> {
    return Promise.resolve([]);
  }

  close(): void {
    this.transport.close();
  }
}

class LogMailer implements Mailer {
  readonly kind = "log";

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  async send(mail: MailMessage): Promise<void> {
    this.log.warn("mail not sent (no SMTP_URL): logged instead", { to: mail.to, subject: mail.subject, link: mail.link });
    await this.db.loggedMail.create({ data: { to: mail.to, subject: mail.subject, text: mail.text, link: mail.link ?? null } });
    const beyond = await this.db.loggedMail.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: LOGGED_MAIL_KEEP, take: 500, select: { id: true } });
    if (beyond.length > 0) await this.db.loggedMail.deleteMany({ where: { id: { in: beyond.map((r) => r.id) } } });
  }

  async recent(): Promise<LoggedMailDTO[]> {
    const rows = await this.db.loggedMail.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: LOGGED_MAIL_KEEP });
    return rows.map((r) => ({ id: r.id, to: r.to, subject: r.subject, link: r.link, createdAt: r.createdAt.toISOString() }));
  }

  close(): void {}
}

export function createMailer(config: MailerConfig, db: Db, log: Logger): Mailer {
  return config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.from, log) : new LogMailer(db, log);
}
