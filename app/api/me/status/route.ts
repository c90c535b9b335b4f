import { authed, json, readJson } from "@/server/http/handler";
import { setStatus } from "@/server/services/status";

/** PUT /api/me/status { status: "ONLINE" | "AWAY" | "DND" } -> { status } (live for others as `user:status`) */
export const PUT = authed(async ({ rt, req, user }) => json(await setStatus(rt, user, await readJson(req))), { limit: "status:user" });
