/**
 * `npm run admin:create -- --email someone@example.com [--name "Their Name"] [--password ...]`
 * Promotes an existing account to ADMIN (and lifts a ban on it), or creates an ADMIN account,
 * printing the generated password once when none is given. Needs DATABASE_URL. Audited.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { ZDisplayName, ZEmail, ZPassword } from "../lib/shared/schemas";
import { createPrismaClient } from "../server/db";
import { readScriptConfig } from "../server/env";
import { ensureAdmin, hashPassword, joinGeneralRoom } from "../server/setup/seed";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" } } });
  const email = ZEmail.safeParse(values.email ?? "");
  if (!email.success) fail("Usage: npm run admin:create -- --email someone@example.com [--name \"Name\"] [--password secret]");
  const url = readScriptConfig().databaseUrl;
  if (!url) fail("Invalid configuration: DATABASE_URL is required");
  const db = createPrismaClient(url, { poolMax: 2 });
  try {
    const existing = await db.user.findUnique({ where: { email: email.data }, select: { id: true, role: true } });
    if (existing) {
      await db.$transaction(async (tx) => {
        await tx.user.update({ where: { id: existing.id }, data: { role: "ADMIN", bannedAt: null, bannedUntil: null, banReason: null } });
        await tx.auditEntry.create({
          data: { actorId: existing.id, action: "user.setRole", targetType: "user", targetId: existing.id, reason: "admin:create (command line)", details: { from: existing.role, to: "ADMIN", via: "cli" } },
        });
      });
      console.log(`${email.data} is now an admin (was ${existing.role}).`);
      return;
    }
    const name = ZDisplayName.safeParse(values.name ?? email.data.split("@")[0] ?? "Admin");
    if (!name.success) fail("--name must be 1-50 characters.");
    const generated = values.password === undefined;
    const password = values.password ?? randomBytes(15).toString("base64url");
    if (!ZPassword.safeParse(password).success) fail("--password must be 8-200 characters.");
    const passwordHash = await hashPassword(password);
    await db.$transaction(async (tx) => {
      const user = await ensureAdmin(tx, { email: email.data, name: name.data, passwordHash });
      await tx.auditEntry.create({ data: { actorId: user.id, action: "user.create", targetType: "user", targetId: user.id, reason: "admin:create (command line)", details: { role: "ADMIN", via: "cli" } } });
      await joinGeneralRoom(tx, user.id);
    });
    console.log(`Created admin ${email.data}.`);
    if (generated) console.log(`Password (shown once): ${password}`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
