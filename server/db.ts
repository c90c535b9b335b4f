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

/** Distinct SQL texts that get a prepared statement; the rest run unnamed. */
const MAX_PREPARED_STATEMENTS = 500;
const statementNames = new Map<string, string>();

/**
 * Named statements: PostgreSQL parses and plans each distinct SQL text once per connection
 * instead of on every call. On by default (DATABASE_PREPARED_STATEMENTS=0 turns it off, e.g.
 * behind a pooler in transaction mode): it halves PostgreSQL's CPU per message in the chat
 * benchmark (docs/performance.md). The number of names is capped so that SQL whose text
 * varies (IN lists of every length) cannot grow each connection's statement cache without end;
 * "" means unnamed.
 */
function statementName(query: { sql: string }): string {
  let name = statementNames.get(query.sql);
  if (name === undefined) {
    if (statementNames.size >= MAX_PREPARED_STATEMENTS) return "";
    name = `parley_${statementNames.size}`;
    statementNames.set(query.sql, name);
  }
  return name;
}

export function createPrismaClient(databaseUrl: string, poolMax = poolMaxFromEnv()): PrismaClient {
  // A pool of one keeps its connection rather than closing it when idle (pg's default after
  // 10 s): the embedded server's only connection slot then stays Parley's.
  const idleTimeoutMillis = poolMax === 1 ? 0 : 10_000;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax, idleTimeoutMillis, connectionTimeoutMillis: 5_000 });
  const prepared = process.env.DATABASE_PREPARED_STATEMENTS !== "0";
  // Our own pool (ended with the client) so /metrics can read its size.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true, ...(prepared ? { statementNameGenerator: statementName } : {}) });
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
