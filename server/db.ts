/**
 * The Prisma client and its connection pool. createApplication makes one per runtime
 * (server/runtime.ts); scripts (seed, admin:create) make their own.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";

export type { Prisma } from "./generated/prisma/client";
export type Db = PrismaClient;

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

export interface DbOptions {
  /** Pool size (DATABASE_POOL_MAX). The embedded database serves one connection at a time and sets 1. */
  poolMax?: number;
  /** Named prepared statements (DATABASE_PREPARED_STATEMENTS), default on. */
  preparedStatements?: boolean;
}

export function createPrismaClient(databaseUrl: string, opts: DbOptions = {}): PrismaClient {
  const poolMax = opts.poolMax ?? 20;
  // A pool of one keeps its connection rather than closing it when idle (pg's default after
  // 10 s): the embedded server's only connection slot then stays Parley's.
  const idleTimeoutMillis = poolMax === 1 ? 0 : 10_000;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax, idleTimeoutMillis, connectionTimeoutMillis: 5_000 });
  const prepared = opts.preparedStatements ?? true;
  // Our own pool (ended with the client) so /metrics can read its size.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true, ...(prepared ? { statementNameGenerator: statementName } : {}) });
  return Object.assign(new PrismaClient({ adapter }), { [POOL]: pool });
}

const POOL = Symbol("pg pool");

/** The client's connection pool (for metrics). */
export function dbPoolStats(db: PrismaClient): { total: number; idle: number; waiting: number } | null {
  const pool = (db as PrismaClient & { [POOL]?: pg.Pool })[POOL];
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}
