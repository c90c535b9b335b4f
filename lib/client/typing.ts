/**
 * Typing indicators, both directions. Pure: callers pass the clock.
 * - Outgoing: `TypingThrottle` decides when to emit `typing:start` (at most every
 *   TYPING_REFRESH_MS while typing) and `typing:stop`.
 * - Incoming: each `typing` event is the full list; a list expires on its own when no event
 *   has refreshed it for a while, because a stop (or the server's expiry broadcast) may never come.
 */
import { TYPING_REFRESH_MS, TYPING_TTL_MS } from "@/lib/shared/events";

/** How long a received typing list stays visible without a new `typing` event. */
export const TYPING_DISPLAY_TTL_MS = TYPING_TTL_MS + 1000;

export type TypingSignal = "start" | "stop" | null;

export class TypingThrottle {
  private lastStartAt: number | null = null;

  constructor(private readonly refreshMs: number = TYPING_REFRESH_MS) {}

  /** The composer's text changed to `text` at `now` (ms). */
  input(text: string, now: number): TypingSignal {
    if (text.trim() === "") return this.stop();
    if (this.lastStartAt === null || now - this.lastStartAt >= this.refreshMs) {
      this.lastStartAt = now;
      return "start";
    }
    return null;
  }

  /** The message was sent, the composer lost focus or was emptied. */
  stop(): TypingSignal {
    if (this.lastStartAt === null) return null;
    this.lastStartAt = null;
    return "stop";
  }

  get active(): boolean {
    return this.lastStartAt !== null;
  }
}

export interface TypingList {
  userIds: readonly string[];
  /** When the list arrived (ms). */
  receivedAt: number;
}

/** Others typing: the list minus ourselves. */
export function othersTyping(list: TypingList, selfId: string): string[] {
  return list.userIds.filter((id) => id !== selfId);
}

/** Milliseconds until a received list should stop showing (0 when already stale). */
export function typingExpiresIn(list: TypingList, now: number, ttlMs: number = TYPING_DISPLAY_TTL_MS): number {
  return Math.max(0, list.receivedAt + ttlMs - now);
}

/** Names for ids, from the member list; someone not (yet) in it is "Someone". */
export function typistNames(userIds: readonly string[], names: ReadonlyMap<string, string>): string[] {
  return userIds.map((id) => names.get(id) ?? "Someone");
}

/** "Ana is typing…", "Ana and Ben are typing…", "Several people are typing…", or "". */
export function typingText(names: readonly string[]): string {
  const [first, second] = names;
  if (first === undefined) return "";
  if (names.length === 1) return `${first} is typing…`;
  if (names.length === 2) return `${first} and ${second ?? "someone"} are typing…`;
  return "Several people are typing…";
}
