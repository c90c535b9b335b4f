/**
 * `npm run db:seed`: a first admin account and the #general room. Idempotent: running it again
 * leaves existing rows alone (an existing account with the admin email is promoted to ADMIN).
 */
import { hash } from "@node-rs/argon2";
import { createPrismaClient } from "../server/db";
import { DEFAULT_ROOM_SLUG } from "../server/services/users";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Invalid configuration: DATABASE_URL is required");
  const email = (process.env.SEED_ADMIN_EMAIL ?? "admin@parley.local").trim().toLowerCase();
  let password = process.env.SEED_ADMIN_PASSWORD;
  if (!password) {
    if (process.env.NODE_ENV === "production") throw new Error("Invalid configuration: SEED_ADMIN_PASSWORD is required in production");
    password = "parley-admin";
  }
  const db = createPrismaClient(url);
  try {
    const admin = await db.user.upsert({
      where: { email },
      update: { role: "ADMIN" },
      create: { email, name: "Admin", role: "ADMIN", passwordHash: await hash(password) },
    });
    const general = await db.room.upsert({
      where: { slug: DEFAULT_ROOM_SLUG },
      update: {},
      create: { slug: DEFAULT_ROOM_SLUG, name: DEFAULT_ROOM_SLUG, topic: "Everyone, everything", visibility: "PUBLIC", creatorId: admin.id },
    });
    await db.membership.upsert({
      where: { userId_roomId: { userId: admin.id, roomId: general.id } },
      update: {},
      create: { userId: admin.id, roomId: general.id, role: "OWNER" },
    });
    console.log(`Seeded admin ${email} and #general (${general.id}).`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
