import { authed, json, readJson } from "@/server/http/handler";
import { addMember } from "@/server/services/room-admin";
import { listMembers } from "@/server/services/rooms";

/** GET /api/rooms/{id}/members -> { members } */
export const GET = authed<{ id: string }>(async ({ rt, user, params }) => json({ members: await listMembers(rt, user, params.id) }));

/** POST /api/rooms/{id}/members { userId } -> 201 { member } (invite by name: owners, moderators, staff) */
export const POST = authed<{ id: string }>(async ({ rt, req, user, params }) => json({ member: await addMember(rt, user, params.id, await readJson(req)) }, 201));
