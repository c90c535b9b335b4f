import { authed, json } from "@/server/http/handler";
import { listPins } from "@/server/services/pins";

/** GET /api/rooms/{id}/pins -> { messages } (most recently pinned first) */
export const GET = authed<{ id: string }>(async ({ rt, user, params }) => json({ messages: await listPins(rt, user, params.id) }));
