import { authed, json, readJson } from "@/server/http/handler";
import { openDm } from "@/server/services/dms";

/** POST /api/dms { userIds } -> 201 { room, created: true } for a new DM, 200 { room, created: false } for the existing one */
export const POST = authed(async ({ rt, req, user }) => {
  const result = await openDm(rt, user, await readJson(req));
  return json(result, result.created ? 201 : 200);
}, { limit: "dm.open:user" });
