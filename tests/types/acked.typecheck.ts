/**
 * Type-level test, checked by `npm run typecheck` (never run): a socket handler's ack data must
 * be the shape its event declares in lib/shared/events.ts. Each `@ts-expect-error` below fails
 * the typecheck if `acked` ever lets the wrong shape through.
 */
import type { MessageSent } from "@/lib/shared/events";
import { acked } from "@/server/realtime/acked";
import type { ParleySocket } from "@/server/realtime/types";
import type { Runtime } from "@/server/runtime";

declare const rt: Runtime;
declare const socket: ParleySocket;
declare const sent: MessageSent;

// The right shapes compile.
acked(rt, socket, "room:leave", async () => ({ roomId: "r" }));
acked(rt, socket, "typing:start", async () => null);
acked(rt, socket, "message:send", async () => sent);

// @ts-expect-error room:leave acks { roomId }, not a number
acked(rt, socket, "room:leave", async () => 42);
// @ts-expect-error typing:start acks null, not an object
acked(rt, socket, "typing:start", async () => ({ ok: true }));
// @ts-expect-error message:send acks a MessageSent, not the bare message
acked(rt, socket, "message:send", async () => sent.message);
// @ts-expect-error no such event in the contract
acked(rt, socket, "room:explode", async () => null);
