import { describe, expect, it } from "vitest";
import { MemoryPresenceStore } from "@/server/realtime/presence-store";

const R = "room-1";

describe("MemoryPresenceStore", () => {
  it("counts a user with several sockets once and keeps them online until the last goes", async () => {
    const store = new MemoryPresenceStore(() => 0);
    await store.add(
      [
        { roomId: R, userId: "ana", socketId: "s1" },
        { roomId: R, userId: "ana", socketId: "s2" },
        { roomId: R, userId: "ben", socketId: "s3" },
      ],
      1000,
    );
    expect((await store.online(R)).sort()).toEqual(["ana", "ben"]);
    await store.remove([{ roomId: R, userId: "ana", socketId: "s1" }]);
    expect((await store.online(R)).sort()).toEqual(["ana", "ben"]);
    await store.remove([{ roomId: R, userId: "ana", socketId: "s2" }]);
    expect(await store.online(R)).toEqual(["ben"]);
  });

  it("expires entries that are not refreshed, and the sweep names the rooms that changed", async () => {
    let now = 0;
    const store = new MemoryPresenceStore(() => now);
    await store.add([{ roomId: R, userId: "ana", socketId: "s1" }], 1000);
    await store.add([{ roomId: "room-2", userId: "ben", socketId: "s2" }], 1000);
    now = 900;
    await store.add([{ roomId: R, userId: "ana", socketId: "s1" }], 1000); // heartbeat
    now = 1500;
    expect(await store.online(R)).toEqual(["ana"]);
    expect(await store.online("room-2")).toEqual([]);
    expect(await store.sweep()).toEqual(["room-2"]);
    expect(await store.sweep()).toEqual([]);
    now = 2000;
    expect(await store.sweep()).toEqual([R]);
    expect(await store.online(R)).toEqual([]);
  });
});
