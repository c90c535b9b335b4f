import { authed, json, readJson } from "@/server/http/handler";
import { setTimeZone } from "@/server/services/profiles";

/** PUT /api/me/time-zone { timeZone: "Europe/Paris" } -> { timeZone } (the browser's IANA zone, for others' profile cards) */
export const PUT = authed(async ({ rt, req, user }) => json(await setTimeZone(rt, user, await readJson(req))), { limit: "status:user" });
