import { describe, expect, it } from "vitest";
import { parseMentions, splitMentions } from "@/lib/shared/mentions";

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

describe("splitMentions (pills by user id)", () => {
  const recorded = [
    { id: "ana", label: "Ana" },
    { id: "ana-b", label: "Ana Belle" },
  ];

  it("cuts the text at recorded mentions, longest label first, keeping the text as written", () => {
    expect(splitMentions("hi @ana belle and @Ana!", recorded)).toEqual(["hi ", { userId: "ana-b", text: "@ana belle" }, " and ", { userId: "ana", text: "@Ana" }, "!"]);
    expect(splitMentions("@Ana", recorded)).toEqual([{ userId: "ana", text: "@Ana" }]);
  });

  it("leaves alone what is no recorded mention: other names, partial words, emails, no mentions at all", () => {
    expect(splitMentions("@anabel mail x@ana.test @bo", recorded)).toEqual(["@anabel mail x@ana.test @bo"]);
    expect(splitMentions("hi @Ana", [])).toEqual(["hi @Ana"]);
    expect(splitMentions("no at sign", recorded)).toEqual(["no at sign"]);
  });

  it("finds the name as written even after the person renamed (the label, not the current name, is matched)", () => {
    // Ana is now "Anabel Costa": the body still says @Ana, the label too.
    expect(splitMentions("thanks @Ana.", [{ id: "ana", label: "Ana" }])).toEqual(["thanks ", { userId: "ana", text: "@Ana" }, "."]);
  });
});
