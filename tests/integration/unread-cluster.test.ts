/**
 * Read state and mentions across two instances joined by Redis (same database): a tab on
 * instance B hears what happened on instance A (a mention, a read in another tab, a DM read).
 */
import { describe, expect, it } from "vitest";
import type { RoomDTO } from "@/lib/shared/types";
import { api, emitAck, nextEvent, registerUser } from "../helpers/clients";
import { instancePair } from "../helpers/instance-pair";
import { createRoom, join, send } from "../helpers/moderation";

const cluster = instancePair();
const { liveOn } = cluster;

describe("mentions and read state across instances", () => {
  it("a mention sent on A and a read on A reach the user's tab on B", async () => {
    const olga = await registerUser(cluster.a.url, `Olga ${Date.now().toString(36)}`);
    const mia = await registerUser(cluster.a.url, `Mia ${Date.now().toString(36)}`);
    const room = await createRoom(cluster.a.url, olga, "cluster");
    await join(cluster.a.url, mia, room.id);
    const [olgaOnA, miaOnA, miaOnB] = await Promise.all([liveOn(cluster.a, olga), liveOn(cluster.a, mia), liveOn(cluster.b, mia)]);

    const mentioned = nextEvent(miaOnB, "mention:new");
    const ack = await send(olgaOnA, room.id, `@${mia.user.name} over here`);
    expect(ack.ok).toBe(true);
    expect((await mentioned)[0].message.body).toContain("over here");

    const cleared = nextEvent(miaOnB, "membership:state", (s) => s.roomId === room.id);
    const read = await emitAck(miaOnA, "room:read", { roomId: room.id, seq: ack.ok ? ack.data.message.seq : 0 });
    expect(read.ok).toBe(true);
    expect((await cleared)[0]).toMatchObject({ unreadCount: 0, mentionCount: 0 });
  });

  it("a DM read on B is seen by the other person on A", async () => {
    const ana = await registerUser(cluster.a.url, "Ana");
    const ben = await registerUser(cluster.a.url, "Ben");
    const dm = (await api<{ room: RoomDTO }>(cluster.a.url, ana, "POST", "/api/dms", { userIds: [ben.user.id] })).body.room;
    const [anaOnA, benOnB] = await Promise.all([liveOn(cluster.a, ana), liveOn(cluster.b, ben)]);
    const ack = await send(anaOnA, dm.id, "are you there?");
    if (!ack.ok) throw new Error(ack.error.message);
    const seen = nextEvent(anaOnA, "member:read");
    await emitAck(benOnB, "room:read", { roomId: dm.id, seq: ack.data.message.seq });
    expect((await seen)[0]).toEqual({ roomId: dm.id, userId: ben.user.id, lastReadSeq: ack.data.message.seq });
  });
});
