import { json, open } from "@/server/http/handler";
import { checkReadiness } from "@/server/services/health";

export const dynamic = "force-dynamic";

/** GET /api/health/ready -> 200 when this instance should get new clients, 503 otherwise. */
export const GET = open(async ({ rt }) => {
  const readiness = await checkReadiness(rt);
  return json(readiness, readiness.ready ? 200 : 503);
});
