import { authed, json, readJson } from "@/server/http/handler";
import { setStatus } from "@/server/services/status";

/** PUT /api/me/status { status: "ONLINE" | "AWAY" | "DND" } -> { status } (live for others as `user:status`) */
export const PUT = authed(async ({ req, user }) => json(await setStatus(user, await readJson(req))));
