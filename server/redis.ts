/**
 * Redis connections, when REDIS_URL is set: one for commands (shared state, health) and a
 * pub/sub pair for the Socket.IO adapter. Without REDIS_URL Parley is a single instance and
 * nothing here connects.
 */
import { Redis } from "ioredis";
import { log } from "./log";

interface RedisHolder {
  command: Redis;
  pub: Redis;
  sub: Redis;
}

const holder = globalThis as unknown as { __parleyRedis?: RedisHolder | null };

function connect(url: string, name: string, opts: { autoPipelining?: boolean } = {}): Redis {
  const client = new Redis(url, {
    // Commands issued in the same tick go out in one write (the adapter's publishes of committed
    // batches, presence and typing updates): fewer system calls per message.
    enableAutoPipelining: opts.autoPipelining ?? false,
    connectionName: `parley-${name}`,
    // Keep retrying forever with a capped backoff: Redis restarts must heal by themselves.
    retryStrategy: (times) => Math.min(times * 100, 2000),
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
  });
  client.on("error", () => {
    // Reported through health checks; ioredis reconnects by itself.
  });
  return client;
}

/**
 * The Socket.IO adapter publishes without handling the result, so a publish that fails while
 * Redis is down would be an unhandled rejection, which ends the process. Catch it here: the
 * event is then missing on the other instances, whose clients fill the gap from history.
 */
function guardPublish(client: Redis): Redis {
  const publish = client.publish.bind(client) as (...args: unknown[]) => Promise<number>;
  const guarded = (...args: unknown[]) =>
    publish(...args).catch((err: unknown) => {
      log.warn("redis publish failed", { err });
      return 0;
    });
  client.publish = guarded as unknown as Redis["publish"];
  return client;
}

export function initRedis(url: string | undefined): RedisHolder | null {
  if (holder.__parleyRedis !== undefined) return holder.__parleyRedis;
  holder.__parleyRedis = url ? { command: connect(url, "cmd", { autoPipelining: true }), pub: guardPublish(connect(url, "pub", { autoPipelining: true })), sub: connect(url, "sub") } : null;
  return holder.__parleyRedis;
}

/** The command connection, or null when Parley runs without Redis (or before start-up). */
export function getRedis(): Redis | null {
  return holder.__parleyRedis?.command ?? null;
}

export async function closeRedis(): Promise<void> {
  const r = holder.__parleyRedis;
  holder.__parleyRedis = undefined;
  if (r) await Promise.allSettled([r.command.quit(), r.pub.quit(), r.sub.quit()]);
}
