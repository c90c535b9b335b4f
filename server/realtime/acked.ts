/**
 * One ack shape for every socket event: `{ ok: true, data } | { ok: false, error: { code, message } }`.
 * `acked` wraps a service call as an event listener that always acks (when the client asked for
 * one) and never throws. The event's rate limit or coalescing (limits-table.ts) applies first. The data's type comes from the event's entry in ClientToServerEvents, so
 * a handler that acks the wrong shape fails `npm run typecheck` (tests/types/acked.typecheck.ts).
 * Every event of a banned user is refused (BANNED) before it runs, from the moment the ban commits.
 */
import type { Ack, AckData, ClientEventName } from "@/lib/shared/events";
import type { Runtime } from "../runtime";
import { toAppError } from "../services/errors";
import { refuseBanned } from "../services/send-guard";
import { limitedRun } from "./event-limits";
import type { ParleySocket } from "./types";

export function acked<E extends ClientEventName>(rt: Runtime, socket: ParleySocket, event: E, run: (payload: unknown) => Promise<AckData<E>>) {
  return async (payload: unknown, ack?: unknown): Promise<void> => {
    const reply = typeof ack === "function" ? (ack as (r: Ack<AckData<E>>) => void) : undefined;
    try {
      await refuseBanned(rt, socket.data.user.id);
      const data = await limitedRun(rt, socket, event, payload, run);
      rt.metrics.socketEvents.inc({ event, outcome: "ok" });
      reply?.({ ok: true, data });
    } catch (e) {
      const err = toAppError(e);
      rt.metrics.socketEvents.inc({ event, outcome: err.code });
      if (err.code === "INTERNAL") rt.log.error("socket handler failed", { event, socketId: socket.id, err: e });
      reply?.({ ok: false, error: err.toBody() });
    }
  };
}
