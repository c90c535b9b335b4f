/**
 * Moderation checks on the send and edit paths, before the message writer: ban, global and room
 * mute, archived and locked rooms, the word filter, slow mode (sends only). Everything comes from per-process
 * caches (moderation-state.ts, word-filter.ts) that moderation actions invalidate on every
 * instance, so a send costs no extra database read; slow mode costs one Redis command, and only
 * in rooms that have it on.
 */
import type { Runtime } from "../runtime";
import { AppError } from "@/lib/shared/errors";
import { formatUntil, muteMessage, type MuteInfo } from "@/lib/shared/moderation";
import type { UserModState } from "./moderation-state";
import { can } from "./policy";

function muted(scope: MuteInfo["scope"], until: number, reason: string | null): AppError {
  const mute: MuteInfo = { scope, until: new Date(until).toISOString(), reason };
  return new AppError("MUTED", muteMessage(mute), { ...mute });
}

function refuseIfBanned(user: UserModState, now: number): void {
  if (user.banUntil !== null && user.banUntil > now) throw new AppError("BANNED", "Your account is banned.", { reason: user.banReason, until: null });
}

/**
 * Every client→server socket event and every signed-in REST call starts here: refused from the
 * moment a ban commits (the cache is invalidated in the same step), even on a socket that is
 * still open for the few hundred milliseconds before the ban disconnects it.
 */
export async function refuseBanned(rt: Runtime, userId: string): Promise<void> {
  refuseIfBanned(await rt.moderation.userState(userId), Date.now());
}

/**
 * Throws the reason a send (or an edit: `slowMode: false`) is refused, or returns the body to
 * store (masked by the word filter).
 */
export async function guardSend(rt: Runtime, userId: string, roomId: string, body: string, opts: { slowMode?: boolean } = {}): Promise<string> {
  const now = Date.now();
  const [user, room, member] = await Promise.all([rt.moderation.userState(userId), rt.moderation.roomState(roomId), rt.moderation.memberState(roomId, userId)]);
  refuseIfBanned(user, now);
  if (user.muteUntil !== null && user.muteUntil > now) throw muted("global", user.muteUntil, user.muteReason);
  if (!room.exists) return body; // the writer answers NOT_FOUND / FORBIDDEN
  if (member.muteUntil !== null && member.muteUntil > now) throw muted("room", member.muteUntil, member.muteReason);
  if (room.archived) throw new AppError("FORBIDDEN", "This room is archived: it is read-only.");
  const exempt = can("room.bypassLimits", { globalRole: user.role, roomRole: member.role });
  if (room.locked && !exempt) throw new AppError("ROOM_LOCKED", "This room is locked: only its moderators can post.");
  const filtered = await rt.wordFilter.apply(body);
  if (opts.slowMode !== false && room.slowModeSeconds > 0 && !exempt && member.role !== null) {
    const waitMs = await rt.slowMode.take(roomId, userId, room.slowModeSeconds);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new AppError("SLOW_MODE", `Slow mode is on: you can send again in ${seconds} s.`, {
        retryAfterMs: waitMs,
        slowModeSeconds: room.slowModeSeconds,
        until: formatUntil(new Date(now + waitMs).toISOString()),
      });
    }
  }
  return filtered;
}
