import { authed, json, readJson } from "@/server/http/handler";
import { setNotificationsMuted } from "@/server/services/read-state";

/** PUT /api/rooms/{id}/notifications { muted } -> { state } */
export const PUT = authed<{ id: string }>(async ({ rt, req, user, params }) => json({ state: await setNotificationsMuted(rt, user, params.id, await readJson(req)) }));
