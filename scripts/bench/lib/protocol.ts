/** Messages between the bench coordinator and its load-generator worker processes (IPC). */
import type { HistogramData } from "./histogram";

export interface SocketSpec {
  url: string;
  /** Session cookie header (Parley); absent for the bare server. */
  cookie?: string;
  roomId: string;
  /** Sends messages during steps (every socket receives). */
  sender: boolean;
}

export type ToWorker =
  | { type: "connect"; sockets: SocketSpec[]; parser: "default" | "msgpack"; concurrency: number; join: boolean }
  | { type: "step"; rate: number; durationMs: number; bodyBytes: number }
  | { type: "disconnect" };

export interface SenderReport {
  roomId: string;
  /** n values acked ok, as a bitmap (base64). */
  acked: string;
  sent: number;
}

export interface StepReport {
  type: "stepResult";
  sent: number;
  acked: number;
  /** Acks with ok: false (error code counts). */
  rejected: Record<string, number>;
  ackTimeouts: number;
  /** Acked while the step was running (for accepted msg/s). */
  ackedInWindow: number;
  receivedInWindow: number;
  received: number;
  duplicates: number;
  /** Per receiving socket and room: a seq that was not the previous one plus one. */
  seqGaps: number;
  ack: HistogramData;
  recv: HistogramData;
  senders: Record<string, SenderReport>;
  /** senderKey -> count per n of distinct receiving sockets in this worker (base64 Uint16Array). */
  receipts: Record<string, string>;
  /** This worker's CPU time during the step, ms. */
  cpuMs: number;
  windowMs: number;
}

export type FromWorker =
  | { type: "ready" }
  | { type: "connected"; ok: number; failed: number; ms: number; errors: string[] }
  | StepReport
  | { type: "disconnected" };
