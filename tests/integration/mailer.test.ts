/** The Mailer (server/services/mailer.ts): real SMTP to a real server on loopback, and the log transport against real PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/server/db";
import type { Logger } from "@/server/log";
import { createMailer, LOGGED_MAIL_KEEP } from "@/server/services/mailer";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { mailBody, startSmtpServer, type TestSmtpServer } from "../helpers/smtp";

type Line = { level: string; msg: string; fields: Record<string, unknown> };
function recordingLogger(lines: Line[]): Logger {
  const at = (level: string) => (msg: string, fields: Record<string, unknown> = {}) => void lines.push({ level, msg, fields });
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

let smtp: TestSmtpServer;
let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  smtp = await startSmtpServer();
  database = await createTestDatabase();
  db = createPrismaClient(database.url, { poolMax: 2 });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
  await smtp?.stop();
});

describe("SMTP transport (SMTP_URL)", () => {
  it("delivers the mail, from MAIL_FROM, to a real SMTP server", async () => {
    const lines: Line[] = [];
    const mailer = createMailer({ smtpUrl: smtp.url, from: "Parley <noreply@parley.test>" }, db, recordingLogger(lines));
    expect(mailer.kind).toBe("smtp");
    const link = `http://localhost:3000/reset-password/${"a".repeat(43)}`;
    await mailer.send({ to: "ana@example.com", subject: "Reset your Parley password", text: `Open ${link}`, link });
    const mail = await smtp.nextMailTo("ana@example.com");
    expect(mail.from).toBe("noreply@parley.test");
    expect(mail.raw).toMatch(/^Subject: Reset your Parley password/m);
    expect(mailBody(mail.raw)).toContain(link);
    // Nothing kept for the dashboard: the mail left.
    expect(await mailer.recent()).toEqual([]);
    expect(await db.loggedMail.count()).toBe(0);
    mailer.close();
  });

  it("fails the send when the SMTP server is unreachable", async () => {
    const mailer = createMailer({ smtpUrl: "smtp://127.0.0.1:1", from: "x@parley.test" }, db, recordingLogger([]));
    await expect(mailer.send({ to: "b@example.com", subject: "s", text: "t" })).rejects.toThrow();
    mailer.close();
  });
});

describe("log transport (no SMTP_URL)", () => {
  it("writes the mail's recipient, subject and link to the log and lists it for admins", async () => {
    const lines: Line[] = [];
    const mailer = createMailer({ smtpUrl: undefined, from: "x@parley.test" }, db, recordingLogger(lines));
    expect(mailer.kind).toBe("log");
    const before = smtp.received.length;
    await mailer.send({ to: "cy@example.com", subject: "Reset", text: "Open http://h/reset-password/t1", link: "http://h/reset-password/t1" });
    expect(lines).toContainEqual(expect.objectContaining({ fields: expect.objectContaining({ to: "cy@example.com", subject: "Reset", link: "http://h/reset-password/t1" }) }));
    const [latest] = await mailer.recent();
    expect(latest).toMatchObject({ to: "cy@example.com", subject: "Reset", link: "http://h/reset-password/t1" });
    expect(smtp.received.length).toBe(before);
  });

  it(`keeps only the last ${LOGGED_MAIL_KEEP}`, async () => {
    const mailer = createMailer({ smtpUrl: undefined, from: "x@parley.test" }, db, recordingLogger([]));
    for (let i = 0; i < LOGGED_MAIL_KEEP + 5; i++) await mailer.send({ to: `n${i}@example.com`, subject: `#${i}`, text: "t" });
    const recent = await mailer.recent();
    expect(recent).toHaveLength(LOGGED_MAIL_KEEP);
    expect(recent[0]?.subject).toBe(`#${LOGGED_MAIL_KEEP + 4}`);
    expect(recent.at(-1)?.subject).toBe("#5");
    expect(await db.loggedMail.count()).toBe(LOGGED_MAIL_KEEP);
  });
});
