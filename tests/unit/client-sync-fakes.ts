/** Fakes for the lib/client/sync unit tests (not a test file itself): a history API over an array and a scriptable transport. */
import type { HistoryQuery } from "@/lib/client/api";
import { initialRoomSnapshot } from "@/lib/client/roomSync";
import { SnapshotStore } from "@/lib/client/sync/store";
import type { ClientAck, RoomContext, RoomSnapshot, RoomTransport } from "@/lib/client/sync/types";
import type { MessageSent, RoomJoined } from "@/lib/shared/events";
import type { TSendMessage } from "@/lib/shared/schemas";
import type { HistoryPage, MessageDTO } from "@/lib/shared/types";
import { ana, msg, ROOM } from "./client-fixtures";

export const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

export function newStore(): SnapshotStore<RoomSnapshot> {
  return new SnapshotStore<RoomSnapshot>(initialRoomSnapshot(ROOM));
}

export class FakeRoomServer implements RoomTransport {
  connected = true;
  messages: MessageDTO[] = [];
  calls: string[] = [];
  sends: TSendMessage[] = [];
  joinAnswer: ((roomId: string) => ClientAck<RoomJoined>) | null = null;
  /** Send answers in order; once empty, sends are stored. */
  sendAnswers: Array<{ code: string; message: string; details?: object }> = [];
  /** History requests fail while set. */
  historyError: Error | null = null;

  join(roomId: string): Promise<ClientAck<RoomJoined>> {
    this.calls.push(`join:${roomId}`);
    if (this.joinAnswer) return Promise.resolve(this.joinAnswer(roomId));
    return Promise.resolve({ ok: true, data: { roomId, lastSeq: this.messages.at(-1)?.seq ?? 0, online: ["u-ana"], typing: ["u-ben"] } });
  }
  leave(roomId: string): void {
    this.calls.push(`leave:${roomId}`);
  }
  send(payload: TSendMessage): Promise<ClientAck<MessageSent>> {
    this.sends.push(payload);
    if (!this.connected) return Promise.resolve({ ok: false, error: { code: "DISCONNECTED", message: "offline" } });
    const error = this.sendAnswers.shift();
    if (error) return Promise.resolve({ ok: false, error });
    const stored = msg((this.messages.at(-1)?.seq ?? 0) + 1, { clientId: payload.clientId, body: payload.body, author: ana });
    this.messages.push(stored);
    return Promise.resolve({ ok: true, data: { message: stored, duplicate: false } });
  }

  api = {
    history: (_roomId: string, q: HistoryQuery = {}): Promise<HistoryPage> => {
      const kind = q.before !== undefined ? `before=${q.before}` : q.after !== undefined ? `after=${q.after}` : q.around !== undefined ? `around=${q.around}` : "newest";
      this.calls.push(`history:${kind}`);
      if (this.historyError) return Promise.reject(this.historyError);
      const limit = q.limit ?? 50;
      if (q.after !== undefined) {
        const newer = this.messages.filter((m) => m.seq > (q.after ?? 0));
        return Promise.resolve({ messages: newer.slice(0, limit), hasMore: newer.length > limit });
      }
      if (q.around !== undefined) {
        const half = Math.floor(limit / 2);
        const i = this.messages.findIndex((m) => m.seq === q.around);
        const from = Math.max(0, i - half);
        const list = this.messages.slice(from, from + limit);
        return Promise.resolve({ messages: list, hasMore: from > 0, hasMoreAfter: from + limit < this.messages.length });
      }
      const older = this.messages.filter((m) => q.before === undefined || m.seq < q.before);
      return Promise.resolve({ messages: older.slice(-limit), hasMore: older.length > limit });
    },
  };
}

export function roomContext(server: FakeRoomServer, store = newStore(), now = () => 1000): RoomContext {
  return { roomId: ROOM, store, transport: server, api: server.api, now };
}
