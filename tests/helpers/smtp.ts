/**
 * A real SMTP server on a free loopback port (the smtp-server package), recording every mail it
 * receives, for tests of outgoing mail. No TLS and no authentication: it listens on 127.0.0.1 only.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";
import { waitFor } from "./wait";

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw message (headers and body) as it arrived. */
  raw: string;
}

export interface TestSmtpServer {
  url: string;
  received: ReceivedMail[];
  /** The first mail to `to` received after `since` mails, whose raw text matches `match` if given (waits for it). */
  nextMailTo(to: string, since?: number, match?: RegExp): Promise<ReceivedMail>;
  stop(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async nextMailTo(to, since = 0, match) {
      let found: ReceivedMail | undefined;
      await waitFor(`a mail to ${to}${match ? ` matching ${match}` : ""}`, () => {
        found = received.slice(since).find((m) => m.to.includes(to) && (!match || match.test(m.raw)));
        return Boolean(found);
      });
      return found as ReceivedMail;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The body of a raw mail with quoted-printable soft breaks undone (nodemailer wraps long lines). */
export function mailBody(raw: string): string {
  const body = raw.slice(raw.indexOf("\r\n\r\n") + 4);
  return body.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
}

/**
 * A file's SMTP server: started before the file's app (so `env.SMTP_URL` reaches it; declare this
 * before `serverFixture({ env })`), stopped after. `env` gets SMTP_URL and MAIL_FROM.
 */
export function smtpFixture(env: Record<string, string>): { readonly server: TestSmtpServer } {
  const holder: { server?: TestSmtpServer } = {};
  env.MAIL_FROM = "Parley <noreply@parley.test>";
  beforeAll(async () => {
    holder.server = await startSmtpServer();
    env.SMTP_URL = holder.server.url;
  });
  afterAll(async () => {
    await holder.server?.stop();
  });
  return {
    get server(): TestSmtpServer {
      if (!holder.server) throw new Error("the SMTP server is not started yet");
      return holder.server;
    },
  };
}
