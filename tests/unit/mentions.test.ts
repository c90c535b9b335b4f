import { describe, expect, it } from "vitest";
import { parseMentions } from "@/lib/shared/mentions";

const members = [
  { id: "ana", name: "Ana" },
  { id: "ana-b", name: "Ana Belle" },
  { id: "bo", name: "Bo" },
];

describe("parseMentions", () => {
  it("finds whole member names, longest first, case-insensitively, and @room", () => {
    expect(parseMentions("hi @ana belle and @BO!", members, "x")).toEqual({ userIds: ["ana-b", "bo"], room: false });
    expect(parseMentions("@Ana, look", members, "x").userIds).toEqual(["ana"]);
    expect(parseMentions("@room meeting now", members, "x")).toEqual({ userIds: [], room: true });
  });

  it("ignores non-members, partial names, emails, the author and @roomy", () => {
    expect(parseMentions("@carl @anabel mail ana@bo.test @roomy", members, "x")).toEqual({ userIds: [], room: false });
    expect(parseMentions("note to self @Bo", members, "bo").userIds).toEqual([]);
    expect(parseMentions("no at sign", members, "x")).toEqual({ userIds: [], room: false });
  });
});
