/** The shapes RoomSync's units share: the transport they talk through and the snapshot they keep. */
import type { MessageSent, RoomJoined } from "@/lib/shared/events";
import type { TSendMessage } from "@/lib/shared/schemas";
import type { AttachmentDTO } from "@/lib/shared/types";
import type { HistoryApi } from "../api";
import type { MessageLog } from "../messageStore";
import type { TypingList } from "../typing";
import type { SnapshotStore } from "./store";

/** An ack as the client sees it: the server's, or a local TIMEOUT / DISCONNECTED. */
export type ClientAck<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: object } };

/** What RoomSync needs from the socket. `send` must not emit (and must say DISCONNECTED) while offline. */
export interface RoomTransport {
  readonly connected: boolean;
  join(roomId: string): Promise<ClientAck<RoomJoined>>;
  leave(roomId: string): void;
  send(payload: TSendMessage): Promise<ClientAck<MessageSent>>;
}

export type RoomPhase = "idle" | "loading" | "ready" | "error";

export interface RoomSnapshot {
  readonly roomId: string;
  readonly phase: RoomPhase;
  readonly error: { code: string; message: string } | null;
  readonly log: MessageLog;
  readonly hasMoreOlder: boolean;
  readonly loadingOlder: boolean;
  /** Detached from the live end (after a jump): newer messages exist beyond the log. */
  readonly hasMoreNewer: boolean;
  readonly loadingNewer: boolean;
  readonly olderError: string | null;
  /** Users online in the room (from the join ack, then `presence`). */
  readonly online: readonly string[];
  readonly typing: TypingList;
  /** The last send refused for good (it can never succeed as it is): its text goes back to the composer. */
  readonly refused: RefusedSend | null;
}

/** A send the server refused with a code no retry can change (CONTENT_BLOCKED, MUTED, ...). */
export interface RefusedSend {
  readonly clientId: string;
  readonly body: string;
  /** Files uploaded for it: they go back to the composer's tray. */
  readonly attachments: readonly AttachmentDTO[];
  readonly code: string;
  readonly message: string;
  /** Its text has been put back into the composer. */
  readonly returned: boolean;
}

/** What every unit of one room's sync works on: the room, its snapshot, and the two ways to the server. */
export interface RoomContext {
  readonly roomId: string;
  readonly store: SnapshotStore<RoomSnapshot>;
  readonly transport: RoomTransport;
  readonly api: HistoryApi;
  readonly now: () => number;
}

/** The view of the history the log currently holds (owned by HistoryWindow, read by catch-up). */
export interface ViewState {
  /** The newest page (or a jump's page) has been loaded at least once. */
  readonly loaded: boolean;
  /** Bumped whenever the log is replaced: answers to requests made for an earlier view are dropped. */
  readonly viewEpoch: number;
}
