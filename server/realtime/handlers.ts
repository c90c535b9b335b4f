/**
 * Socket.IO event handlers: parse the payload, call a service, ack. One ack shape for all:
 * `{ ok: true, data } | { ok: false, error: { code, message } }`. A handler never throws.
 */
import type { Socket } from "socket.io";
import type { Ack, ClientToServerEvents, ServerToClientEvents, SocketData } from "@/lib/shared/events";
import { roomChannel } from "@/lib/shared/events";
import { ZRoomRef } from "@/lib/shared/schemas";
import { log } from "../log";
import { metrics } from "../metrics";
import { toAppError } from "../services/errors";
import { consume } from "../services/rate-limit";
import { sendMessage } from "../services/messages";
import { getRoom, requireMembership } from "../services/rooms";
import { parseInput } from "../services/validate";
import { registerAdminHandlers } from "./admin-handlers";
import { registerConversationHandlers } from "./conversation.handlers";
import type { Presence } from "./presence";
import type { TypingTracker } from "./typing-tracker";

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type ParleySocket = Socket<ClientToServerEvents, ServerToClientEvents, {}, SocketData>;

/** Wrap a service call as an event listener that always acks (when the client asked for one). */
export function acked<T>(socket: ParleySocket, event: string, run: (payload: unknown) => Promise<T>) {
  return async (payload: unknown, ack?: unknown) => {
    const reply = typeof ack === "function" ? (ack as (r: Ack<T>) => void) : undefined;
    try {
      const data = await run(payload);
      metrics().socketEvents.inc({ event, outcome: "ok" });
      reply?.({ ok: true, data });
    } catch (e) {
      const err = toAppError(e);
      metrics().socketEvents.inc({ event, outcome: err.code });
      if (err.code === "INTERNAL") log.error("socket handler failed", { event, socketId: socket.id, err: e });
      reply?.({ ok: false, error: err.toBody() });
    }
  };
}

export function registerHandlers(socket: ParleySocket, deps: { presence: Presence; typing: TypingTracker }) {
  const actor = socket.data.user;
  const { presence, typing } = deps;
  registerAdminHandlers(socket);
  registerConversationHandlers(socket);

  socket.on(
    "room:join",
    acked(socket, "room:join", async (payload) => {
      const { roomId } = parseInput(ZRoomRef, payload);
      await requireMembership(actor, roomId);
      await socket.join(roomChannel(roomId));
      await presence.sync(socket.id);
      const [room, online, typers] = await Promise.all([getRoom(actor, roomId), presence.onlineIn(roomId), typing.list(roomId)]);
      presence.publish(roomId, online);
      return { roomId, lastSeq: room.lastSeq, online, typing: typers };
    }),
  );

  socket.on(
    "room:leave",
    acked(socket, "room:leave", async (payload) => {
      const { roomId } = parseInput(ZRoomRef, payload);
      await socket.leave(roomChannel(roomId));
      await presence.sync(socket.id);
      return { roomId };
    }),
  );

  socket.on(
    "message:send",
    acked(socket, "message:send", async (payload) => {
      const started = performance.now();
      await Promise.all([consume("message.send:user", actor.id), consume("message.send:ip", socket.data.ip)]);
      const sent = await sendMessage(actor, payload);
      if (!sent.duplicate) {
        void typing.stopIfStartedHere(sent.message.roomId, actor.id);
        metrics().messagesStored.inc();
      }
      metrics().sendAckSeconds.observe((performance.now() - started) / 1000);
      return sent;
    }),
  );

  socket.on(
    "typing:start",
    acked(socket, "typing:start", async (payload) => {
      const { roomId } = parseInput(ZRoomRef, payload);
      await requireMembership(actor, roomId);
      await typing.start(roomId, actor.id);
      return null;
    }),
  );

  socket.on(
    "typing:stop",
    acked(socket, "typing:stop", async (payload) => {
      const { roomId } = parseInput(ZRoomRef, payload);
      await typing.stop(roomId, actor.id);
      return null;
    }),
  );
}
