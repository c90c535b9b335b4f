/**
 * The one Prisma client of the process. The custom server and Next's route handlers are
 * bundled separately but run in one process, so the client is kept on globalThis
 * (create-t3-app's pattern) and both share it and its connection pool.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { getEnv } from "./env";

export type { Prisma } from "./generated/prisma/client";
export type Db = PrismaClient;

const holder = globalThis as unknown as { __parleyPrisma?: PrismaClient };

export function createPrismaClient(databaseUrl: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: 20, connectionTimeoutMillis: 5_000 });
  return new PrismaClient({ adapter });
}

export function getDb(): PrismaClient {
  holder.__parleyPrisma ??= createPrismaClient(getEnv().DATABASE_URL);
  return holder.__parleyPrisma;
}

export async function disconnectDb(): Promise<void> {
  const client = holder.__parleyPrisma;
  holder.__parleyPrisma = undefined;
  await client?.$disconnect();
}
