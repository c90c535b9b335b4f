/**
 * Who is online in the room and who is typing, as last told by the server (the join ack, then
 * `presence` and `typing` events). Unknown, hence empty, while not subscribed. Expiry of a stale
 * typing list is the reader's job (`typingExpiresIn`): a stop may never arrive.
 */
import type { TypingList } from "../typing";
import type { RoomSnapshot } from "./types";
import type { SnapshotStore } from "./store";

export const noTyping: TypingList = { userIds: [], receivedAt: 0 };
const nobody: readonly string[] = [];

export class RoomPresence {
  constructor(
    private readonly store: SnapshotStore<RoomSnapshot>,
    private readonly now: () => number,
  ) {}

  /** The join ack's view of the room. */
  joined(online: readonly string[], typing: readonly string[]): void {
    this.store.update({ online, typing: { userIds: typing, receivedAt: this.now() } });
  }

  onPresence(online: readonly string[]): void {
    this.store.update({ online });
  }

  /** Each `typing` event is the full list of typists. */
  onTyping(userIds: readonly string[]): void {
    this.store.update({ typing: { userIds, receivedAt: this.now() } });
  }

  /** Not subscribed any more (left, or disconnected): nothing is known. */
  clear(): void {
    this.store.update({ online: nobody, typing: noTyping });
  }
}
