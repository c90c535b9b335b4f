import { authed, json } from "@/server/http/handler";
import { getRoom } from "@/server/services/rooms";

/** GET /api/rooms/{id} -> { room } */
export const GET = authed<{ id: string }>(async ({ user, params }) => json({ room: await getRoom(user, params.id) }));
