import { authed, json, readJson } from "@/server/http/handler";
import { addMember } from "@/server/services/room-admin";
import { listMembers } from "@/server/services/rooms";

/** GET /api/rooms/{id}/members -> { members } */
export const GET = authed<{ id: string }>(async ({ user, params }) => json({ members: await listMembers(user, params.id) }));

/** POST /api/rooms/{id}/members { userId } -> 201 { member } (invite by name: owners, moderators, staff) */
export const POST = authed<{ id: string }>(async ({ req, user, params }) => json({ member: await addMember(user, params.id, await readJson(req)) }, 201));
