/**
 * Socket.IO event handlers of rooms and messages: parse the payload, call a service, ack
 * (./acked.ts). The other events live beside this file, one `*.handlers.ts` per concern;
 * server/realtime/index.ts registers them all.
 */
import { roomChannel } from "@/lib/shared/events";
import { ZRoomRef } from "@/lib/shared/schemas";
import type { Runtime } from "../runtime";
import { sendMessage } from "../services/messages";
import { getRoom } from "../services/rooms";
import { requireMembership } from "../services/room-access";
import { parseInput } from "../services/validate";
import { acked } from "./acked";
import type { Presence } from "./presence";
import type { TypingTracker } from "./typing-tracker";
import type { ParleySocket } from "./types";

export function registerRoomHandlers(rt: Runtime, socket: ParleySocket, deps: { presence: Presence; typing: TypingTracker }) {
  const actor = socket.data.user;
  const { presence, typing } = deps;

  socket.on(
    "room:join",
    acked(rt, socket, "room:join", async (payload) => {
      const { roomId } = parseInput(ZRoomRef, payload);
      await requireMembership(rt, actor, roomId);
      await socket.join(roomChannel(roomId));
      await presence.sync(socket.id);
      const [room, online, typers] = await Promise.all([getRoom(rt, actor, roomId), presence.onlineIn(roomId), typing.list(roomId)]);
      presence.publish(roomId, online);
      return { roomId, lastSeq: room.lastSeq, online, typing: typers };
    }),
  );

  socket.on(
    "room:leave",
    acked(rt, socket, "room:leave", async (payload) => {
      const { roomId } = parseInput(ZRoomRef, payload);
      await socket.leave(roomChannel(roomId));
      await presence.sync(socket.id);
      return { roomId };
    }),
  );

  socket.on(
    "message:send",
    acked(rt, socket, "message:send", async (payload) => {
      const started = performance.now();
      const sent = await sendMessage(rt, actor, payload);
      if (!sent.duplicate) {
        void typing.stopIfStartedHere(sent.message.roomId, actor.id);
        rt.metrics.messagesStored.inc();
      }
      rt.metrics.sendAckSeconds.observe((performance.now() - started) / 1000);
      return sent;
    }),
  );

  socket.on(
    "typing:start",
    acked(rt, socket, "typing:start", async (payload) => {
      const { roomId } = parseInput(ZRoomRef, payload);
      await requireMembership(rt, actor, roomId);
      await typing.start(roomId, actor.id);
      return null;
    }),
  );

  socket.on(
    "typing:stop",
    acked(rt, socket, "typing:stop", async (payload) => {
      const { roomId } = parseInput(ZRoomRef, payload);
      await typing.stop(roomId, actor.id);
      return null;
    }),
  );
}
