import { LAST_ROOM_COOKIE } from "@/lib/shared/cookies";

/** Remember the room being opened, so `/chat` opens it next time (checked by the server). */
export function rememberLastRoom(roomId: string): void {
  document.cookie = `${LAST_ROOM_COOKIE}=${encodeURIComponent(roomId)}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
}
