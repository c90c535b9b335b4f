/**
 * First start of an embedded database: the same admin account and #general room as
 * prisma/seed.ts, but with a generated password, written to `<stateDir>/admin.txt` (0600).
 * Runs in-process (the seed script needs tsx, a dev dependency). Node only.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { createPrismaClient } from "../db";
import { DEFAULT_ROOM_SLUG } from "../services/users";
import { writePrivateFile } from "./files";

export interface FirstAdmin {
  email: string;
  password: string;
  /** Where the sign-in was saved. */
  file: string;
}

/** Seeds an empty database; returns the new admin's sign-in, or null when there are users already. */
export async function seedFirstRun(databaseUrl: string, stateDir: string, appUrl: string): Promise<FirstAdmin | null> {
  const db = createPrismaClient(databaseUrl, { poolMax: 1, preparedStatements: false });
  try {
    if ((await db.user.count()) > 0) return null;
    const email = (process.env.SEED_ADMIN_EMAIL || "admin@parley.local").trim().toLowerCase();
    const password = process.env.SEED_ADMIN_PASSWORD || randomBytes(15).toString("base64url");
    const file = path.join(stateDir, "admin.txt");
    const passwordHash = await hash(password);
    // Saved before the commit: if the process dies in between, the file still holds the password
    // of the account that exists; if the commit fails, the next start (no users yet) overwrites it.
    writePrivateFile(
      file,
      ["Parley admin account (embedded database), created on first start.", `url: ${appUrl}`, `email: ${email}`, `password: ${password}`, ""].join("\n"),
    );
    await db.$transaction(async (tx) => {
      const admin = await tx.user.create({ data: { email, name: "Admin", role: "ADMIN", passwordHash } });
      const general = await tx.room.upsert({
        where: { slug: DEFAULT_ROOM_SLUG },
        update: {},
        create: { slug: DEFAULT_ROOM_SLUG, name: DEFAULT_ROOM_SLUG, topic: "Everyone, everything", visibility: "PUBLIC", creatorId: admin.id },
      });
      await tx.membership.create({ data: { userId: admin.id, roomId: general.id, role: "OWNER" } });
    });
    return { email, password, file };
  } finally {
    await db.$disconnect();
  }
}
