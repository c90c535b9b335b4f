import { authed, json } from "@/server/http/handler";
import { queryOf } from "@/server/http/admin";
import { listSessions, revokeOtherSessions } from "@/server/services/user-sessions";

/** GET /api/sessions -> { sessions: SessionDTO[] } (the caller's live sessions; `current` marks this one) */
export const GET = authed(async ({ rt, user, sessionId }) => json({ sessions: await listSessions(rt, user.id, sessionId) }));

/** DELETE /api/sessions?others=1 -> { revoked: number } (every other session signed out; their sockets closed) */
export const DELETE = authed(async ({ rt, req, user, sessionId }) => json({ revoked: await revokeOtherSessions(rt, user.id, sessionId, queryOf(req)) }));
