import { authed, json } from "@/server/http/handler";
import { listMembers } from "@/server/services/rooms";

/** GET /api/rooms/{id}/members -> { members } */
export const GET = authed<{ id: string }>(async ({ user, params }) => json({ members: await listMembers(user, params.id) }));
