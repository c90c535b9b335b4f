/**
 * `npm run db:seed`: a first admin account and the #general room (server/setup/seed.ts).
 * Idempotent: running it again leaves existing rows alone (an existing account with the admin
 * email is promoted to ADMIN).
 */
import { createPrismaClient } from "../server/db";
import { DEVELOPMENT_ADMIN_PASSWORD, readScriptConfig, readSeedConfig } from "../server/env";
import { seedAdminAndGeneral } from "../server/setup/seed";

async function main() {
  const { databaseUrl, production } = readScriptConfig();
  if (!databaseUrl) throw new Error("Invalid configuration: DATABASE_URL is required");
  const seed = readSeedConfig();
  let password = seed.password;
  if (!password) {
    if (production) throw new Error("Invalid configuration: SEED_ADMIN_PASSWORD is required in production");
    password = DEVELOPMENT_ADMIN_PASSWORD;
  }
  const db = createPrismaClient(databaseUrl);
  try {
    const { generalId } = await seedAdminAndGeneral(db, { email: seed.email, password });
    console.log(`Seeded admin ${seed.email} and #general (${generalId}).`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
