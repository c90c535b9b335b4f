import { json, open } from "@/server/http/handler";
import { checkHealth } from "@/server/services/health";

export const dynamic = "force-dynamic";

/** GET /api/health -> 200 { status, db, redis } when the database answers, 503 otherwise. */
export const GET = open(async ({ rt }) => {
  const health = await checkHealth(rt);
  return json(health, health.db === "up" ? 200 : 503);
});
