/**
 * The one Prisma client of the process. The custom server and Next's route handlers are
 * bundled separately but run in one process, so the client is kept on globalThis
 * (create-t3-app's pattern) and both share it and its connection pool.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { getEnv } from "./env";

export type { Prisma } from "./generated/prisma/client";
export type Db = PrismaClient;

const holder = globalThis as unknown as { __parleyPrisma?: PrismaClient; __parleyPgPool?: pg.Pool };

/** Pool size: DATABASE_POOL_MAX when it is a positive integer, else 20. The embedded database
 *  (server/embedded) serves one connection at a time and sets it to 1. */
export function poolMaxFromEnv(): number {
  const n = Number(process.env.DATABASE_POOL_MAX);
  return Number.isInteger(n) && n > 0 ? n : 20;
}

export function createPrismaClient(databaseUrl: string, poolMax = poolMaxFromEnv()): PrismaClient {
  // A pool of one keeps its connection rather than closing it when idle (pg's default after
  // 10 s): the embedded server's only connection slot then stays Parley's.
  const idleTimeoutMillis = poolMax === 1 ? 0 : 10_000;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax, idleTimeoutMillis, connectionTimeoutMillis: 5_000 });
  // Our own pool (ended with the client) so /metrics can read its size.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return Object.assign(new PrismaClient({ adapter }), { [POOL]: pool });
}

const POOL = Symbol("pg pool");

export function getDb(): PrismaClient {
  holder.__parleyPrisma ??= createPrismaClient(getEnv().DATABASE_URL);
  return holder.__parleyPrisma;
}

/** The process's connection pool, if the client exists (for metrics). */
export function dbPoolStats(): { total: number; idle: number; waiting: number } | null {
  const pool = (holder.__parleyPrisma as (PrismaClient & { [POOL]?: pg.Pool }) | undefined)?.[POOL];
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}

export async function disconnectDb(): Promise<void> {
  const client = holder.__parleyPrisma;
  holder.__parleyPrisma = undefined;
  await client?.$disconnect();
}
