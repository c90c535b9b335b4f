import { authed, json } from "@/server/http/handler";
import { consume } from "@/server/services/rate-limit";
import { joinRoom } from "@/server/services/rooms";

/** POST /api/rooms/{id}/join -> { room } (idempotent) */
export const POST = authed<{ id: string }>(async ({ user, params }) => {
  await consume("room.join:user", user.id);
  return json({ room: await joinRoom(user, params.id) });
});
