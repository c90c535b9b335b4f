/**
 * Redis connections, when REDIS_URL is set: one for commands (shared state, health) and a
 * pub/sub pair for the Socket.IO adapter. Without REDIS_URL Parley is a single instance and
 * nothing here connects. One set per runtime (server/runtime.ts).
 */
import { Redis } from "ioredis";
import type { Logger } from "./log";

export interface RedisConnections {
  command: Redis;
  pub: Redis;
  sub: Redis;
}

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
function guardPublish(client: Redis, log: Logger): Redis {
  const publish = client.publish.bind(client) as (...args: unknown[]) => Promise<number>;
  const guarded = (...args: unknown[]) =>
    publish(...args).catch((err: unknown) => {
      log.warn("redis publish failed", { err });
      return 0;
    });
  client.publish = guarded as unknown as Redis["publish"];
  return client;
}

export function connectRedis(url: string | undefined, log: Logger): RedisConnections | null {
  if (!url) return null;
  return { command: connect(url, "cmd", { autoPipelining: true }), pub: guardPublish(connect(url, "pub", { autoPipelining: true }), log), sub: connect(url, "sub") };
}

export async function closeRedis(r: RedisConnections | null): Promise<void> {
  if (r) await Promise.allSettled([r.command.quit(), r.pub.quit(), r.sub.quit()]);
}
