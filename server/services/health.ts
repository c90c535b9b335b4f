import type { Runtime } from "../runtime";
/** Liveness and readiness of the dependencies. */

export interface Health {
  status: "ok" | "degraded";
  db: "up" | "down";
  redis: "up" | "down" | "disabled";
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms).unref())]);
}

export async function checkHealth(rt: Runtime): Promise<Health> {
  const redis = (rt.redis?.command ?? null);
  const [db, cache] = await Promise.all([
    withTimeout(rt.db.$queryRaw`SELECT 1`, 2000).then(
      () => "up" as const,
      () => "down" as const,
    ),
    redis
      ? withTimeout(redis.ping(), 2000).then(
          () => "up" as const,
          () => "down" as const,
        )
      : Promise.resolve("disabled" as const),
  ]);
  return { status: db === "up" && cache !== "down" ? "ok" : "degraded", db, redis: cache };
}

export interface Readiness extends Health {
  ready: boolean;
  shuttingDown: boolean;
}

/**
 * Ready to take new clients: the database answers, Redis answers when configured (without it
 * this instance would not see other instances' messages), and no shutdown has begun.
 */
export async function checkReadiness(rt: Runtime): Promise<Readiness> {
  const health = await checkHealth(rt);
  const shuttingDown = rt.lifecycle.shuttingDown;
  return { ...health, ready: !shuttingDown && health.db === "up" && health.redis !== "down", shuttingDown };
}
