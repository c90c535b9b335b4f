/**
 * First start of an embedded database: the same admin account and #general room as
 * prisma/seed.ts (server/setup/seed.ts), but with a generated password unless
 * SEED_ADMIN_PASSWORD is set, written to `<stateDir>/admin.txt` (0600).
 * Runs in-process (the seed script needs tsx, a dev dependency). Node only.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createPrismaClient } from "../db";
import type { EmbeddedConfig } from "../env";
import { seedAdminAndGeneral } from "../setup/seed";
import { writePrivateFile } from "./files";

export interface FirstAdmin {
  email: string;
  password: string;
  /** Where the sign-in was saved. */
  file: string;
}

/** Seeds an empty database; returns the new admin's sign-in, or null when there are users already. */
export async function seedFirstRun(databaseUrl: string, stateDir: string, appUrl: string, seed: EmbeddedConfig["seed"]): Promise<FirstAdmin | null> {
  const db = createPrismaClient(databaseUrl, { poolMax: 1, preparedStatements: false });
  try {
    if ((await db.user.count()) > 0) return null;
    const email = seed.email;
    const password = seed.password ?? randomBytes(15).toString("base64url");
    const file = path.join(stateDir, "admin.txt");
    // Saved before the commit: if the process dies in between, the file still holds the password
    // of the account that exists; if the commit fails, the next start (no users yet) overwrites it.
    writePrivateFile(
      file,
      ["Parley admin account (embedded database), created on first start.", `url: ${appUrl}`, `email: ${email}`, `password: ${password}`, ""].join("\n"),
    );
    await seedAdminAndGeneral(db, { email, password });
    return { email, password, file };
  } finally {
    await db.$disconnect();
  }
}
