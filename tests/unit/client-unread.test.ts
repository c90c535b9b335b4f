import { describe, expect, it } from "vitest";
import { applyReadState, bump, countLabel, countsMention, countsNewMessage, titleWithUnread, unreadTotal } from "@/lib/client/unread";
import { mergeFetchedRooms } from "@/lib/client/rooms";
import type { RoomDTO } from "@/lib/shared/types";
import { ana, ben, msg, ROOM } from "./client-fixtures";

function room(over: Partial<NonNullable<RoomDTO["membership"]>> = {}, id = ROOM): RoomDTO {
  return {
    id,
    slug: "r",
    name: "r",
    topic: null,
    visibility: "PUBLIC",
    memberCount: 2,
    lastSeq: 10,
    createdAt: new Date(0).toISOString(),
    membership: { role: "MEMBER", joinedAt: new Date(0).toISOString(), lastReadSeq: 5, unreadCount: 2, mentionCount: 0, notificationsMuted: false, ...over },
    kind: "ROOM",
    dmMembers: null,
    dmName: null,
    lastMessageAt: null,
    archived: false,
    dmReads: null,
  };
}

describe("unread counts on the client", () => {
  it("counts others' main-timeline messages after the read position only", () => {
    const r = room();
    expect(countsNewMessage(r, msg(11), ana.id)).toBe(true);
    expect(countsNewMessage(r, msg(11, { author: ana }), ana.id)).toBe(false);
    expect(countsNewMessage(r, msg(4), ana.id)).toBe(false);
    expect(countsNewMessage(r, msg(12, { threadRootId: "root" }), ana.id)).toBe(false);
    expect(countsMention(r, msg(11, { author: ben }), ana.id)).toBe(true);
    expect(bump(r, "mentionCount").membership?.mentionCount).toBe(1);
  });

  it("applies the server's state but never moves the read position back; totals skip muted rooms", () => {
    const r = room();
    const read = applyReadState([r], { roomId: ROOM, lastReadSeq: 10, unreadCount: 0, mentionCount: 0, notificationsMuted: false });
    expect(read[0]?.membership).toMatchObject({ lastReadSeq: 10, unreadCount: 0 });
    const stale = applyReadState(read, { roomId: ROOM, lastReadSeq: 7, unreadCount: 3, mentionCount: 0, notificationsMuted: true });
    expect(stale[0]?.membership).toMatchObject({ lastReadSeq: 10, unreadCount: 0, notificationsMuted: true });
    expect(unreadTotal([room(), room({ notificationsMuted: true, unreadCount: 5 }, "other")])).toBe(2);
    expect(titleWithUnread("Parley", 3)).toBe("(3) Parley");
    expect(titleWithUnread("Parley", 0)).toBe("Parley");
    expect(countLabel(1000)).toBe("999+");
  });
});

describe("a fetched room list", () => {
  it("replaces the list, except rooms whose live copy is newer than the server's answer", () => {
    const stale = { ...room({ unreadCount: 2 }), lastSeq: 10 };
    const live = { ...room({ unreadCount: 3 }), lastSeq: 11 }; // a message:new after the server read the list
    const other = room({}, "other");
    const fetched = [stale, other];
    expect(mergeFetchedRooms(null, fetched)).toBe(fetched);
    expect(mergeFetchedRooms([live], fetched)).toEqual([live, other]);
    // A newer answer wins, and rooms gone from the answer are gone.
    const newer = { ...room({ unreadCount: 0, lastReadSeq: 12 }), lastSeq: 12 };
    expect(mergeFetchedRooms([live, room({}, "left")], [newer])).toEqual([newer]);
    // A room that arrived live while the fetch was on its way (room:added) is kept.
    const added = room({}, "new-dm");
    expect(mergeFetchedRooms([live, added, room({}, "left")], [newer], new Set(["new-dm"]))).toEqual([newer, added]);
  });
});
