/**
 * The first admin and the #general room, written once for the three places that create them:
 * `npm run db:seed` (prisma/seed.ts), the embedded database's first start
 * (server/embedded/first-run.ts) and `npm run admin:create` (scripts/admin-create.ts). The
 * Prisma client (or transaction) is a parameter; nothing here keeps state. Node only.
 */
import { hash } from "@node-rs/argon2";
import type { Db, Prisma } from "../db";
import { DEFAULT_ROOM_SLUG } from "../services/users";

type Tx = Prisma.TransactionClient;

export interface AdminSpec {
  /** Already normalised (trimmed, lower case). */
  email: string;
  /** From hashPassword. */
  passwordHash: string;
  name?: string;
}

/** argon2 with the library's defaults, as sign-up (server/services/users.ts) hashes. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/**
 * The admin account `spec.email`: created with role ADMIN, or, when the email exists already,
 * promoted to ADMIN (its password left alone). `created` tells which.
 */
export async function ensureAdmin(db: Tx, spec: AdminSpec): Promise<{ id: string; created: boolean }> {
  const existing = await db.user.findUnique({ where: { email: spec.email }, select: { id: true, role: true, emailVerifiedAt: true } });
  if (existing) {
    // An admin made from the command line counts as verified (docs/accounts.md).
    if (existing.role !== "ADMIN" || !existing.emailVerifiedAt) await db.user.update({ where: { id: existing.id }, data: { role: "ADMIN", emailVerifiedAt: existing.emailVerifiedAt ?? new Date() } });
    return { id: existing.id, created: false };
  }
  const user = await db.user.create({
    data: { email: spec.email, name: spec.name ?? "Admin", role: "ADMIN", passwordHash: spec.passwordHash, emailVerifiedAt: new Date() },
    select: { id: true },
  });
  return { id: user.id, created: true };
}

/** The public #general room, created by `creatorId` when it does not exist yet. */
export async function ensureGeneralRoom(db: Tx, creatorId: string): Promise<{ id: string }> {
  return db.room.upsert({
    where: { slug: DEFAULT_ROOM_SLUG },
    update: {},
    create: { slug: DEFAULT_ROOM_SLUG, name: DEFAULT_ROOM_SLUG, topic: "Everyone, everything", visibility: "PUBLIC", creatorId },
    select: { id: true },
  });
}

/** Makes `userId` a member of #general (left as it is when already one); false when there is no #general. */
export async function joinGeneralRoom(db: Tx, userId: string, role: "OWNER" | "MEMBER" = "MEMBER"): Promise<boolean> {
  const general = await db.room.findUnique({ where: { slug: DEFAULT_ROOM_SLUG }, select: { id: true } });
  if (!general) return false;
  await db.membership.upsert({
    where: { userId_roomId: { userId, roomId: general.id } },
    update: {},
    create: { userId, roomId: general.id, role },
  });
  return true;
}

/**
 * The seed: the admin (see ensureAdmin), #general and the admin in it as owner, in one
 * transaction. Idempotent. The password is hashed before the transaction opens.
 */
export async function seedAdminAndGeneral(db: Db, spec: { email: string; password: string }): Promise<{ adminCreated: boolean; generalId: string }> {
  const passwordHash = await hashPassword(spec.password);
  return db.$transaction(async (tx) => {
    const admin = await ensureAdmin(tx, { email: spec.email, passwordHash });
    const general = await ensureGeneralRoom(tx, admin.id);
    await tx.membership.upsert({
      where: { userId_roomId: { userId: admin.id, roomId: general.id } },
      update: {},
      create: { userId: admin.id, roomId: general.id, role: "OWNER" },
    });
    return { adminCreated: admin.created, generalId: general.id };
  });
}
