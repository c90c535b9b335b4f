import { describe, expect, it } from "vitest";
import { ZAdminUserSearch, ZBanRequest, ZReportRequest } from "@/lib/shared/moderation";
import {
  textProblem,
  ZCreateRoomRequest,
  ZDisplayName,
  ZEditMessage,
  ZHistoryQuery,
  ZPassword,
  ZPeopleSearch,
  ZRoomHistoryQuery,
  ZSearchQuery,
  ZSendMessage,
  ZUpdateRoomRequest,
  SEQ_MAX,
} from "@/lib/shared/schemas";

const id = "00000000-0000-7000-8000-000000000000";
const C0 = ["\u0000", "\u0001", "\u0007", "\u0008", "\u000B", "\u000C", "\u001B", "\u001F", "\u007F", "\u0085", "\u009F", "\uD800", "x\uDC00"];

describe("the shared text refinement (textProblem)", () => {
  it.each(C0.map((c) => [JSON.stringify(c), c]))("refuses %s in every kind of text", (_, c) => {
    for (const kind of ["multiline", "line", "name"] as const) expect(textProblem(`a${c}b`, kind)).toMatch(/control/);
  });

  it("multi-line text keeps newline, tab, CR and any visible Unicode", () => {
    expect(textProblem("line 1\n\tline 2\r\nthird 😀 שלום \u200B", "multiline")).toBeNull();
  });

  it("single-line text refuses line breaks and tabs", () => {
    for (const c of ["\n", "\r", "\t", "\u2028", "\u2029"]) expect(textProblem(`a${c}b`, "line")).toBe("must be a single line");
    expect(textProblem("Café 😀 \u202Eok", "line")).toBeNull();
  });

  it("names refuse direction controls and names that show nothing", () => {
    for (const c of ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C"]) {
      expect(textProblem(`admin${c}`, "name")).toMatch(/direction/);
    }
    for (const blank of ["\u200B", "\u2060\u2060", "\u00AD", "\u3164", "\uFEFF", "\u0301\u0301", " \u200B ", "\u2800", "\u115F\u1160"]) {
      expect(textProblem(blank, "name")).toBe("must contain a visible character");
    }
    for (const ok of ["Ana", "José", "李雷", "😀", "ā", "Zoë\u200D"]) expect(textProblem(ok, "name")).toBeNull();
  });
});

describe("every text schema uses it", () => {
  const nul = "bad\u0000text";
  it.each([
    ["display name", ZDisplayName, nul],
    ["password", ZPassword, `password${"\u0000"}`],
    ["room name", ZCreateRoomRequest, { name: nul }],
    ["room topic", ZCreateRoomRequest, { name: "ok", topic: nul }],
    ["room topic (one line)", ZUpdateRoomRequest, { topic: "a\nb" }],
    ["room name (rename)", ZUpdateRoomRequest, { name: "\u202Eevil" }],
    ["message", ZSendMessage, { roomId: id, clientId: "abcdefgh", body: nul }],
    ["edit", ZEditMessage, { messageId: id, body: "\u0007" }],
    ["search", ZSearchQuery, { q: nul }],
    ["people search", ZPeopleSearch, { q: nul }],
    ["admin search", ZAdminUserSearch, { q: nul }],
    ["report reason", ZReportRequest, { reason: nul }],
    ["ban reason", ZBanRequest, { reason: nul }],
  ] as const)("%s", (_, schema, input) => {
    expect(schema.safeParse(input).success).toBe(false);
  });

  it("still accepts ordinary multi-line messages", () => {
    expect(ZSendMessage.safeParse({ roomId: id, clientId: "abcdefgh", body: "hi\n\tthere" }).success).toBe(true);
  });
});

describe("numeric query parameters (one shared schema)", () => {
  it.each(["-1", "1.5", "abc", "1e400", String(SEQ_MAX + 1), "99999999999", "Infinity", "NaN"])("refuses before=%s", (v) => {
    expect(ZHistoryQuery.safeParse({ before: v }).success).toBe(false);
    expect(ZRoomHistoryQuery.safeParse({ around: v }).success).toBe(false);
  });

  it("accepts the full seq range and bounds limits", () => {
    expect(ZRoomHistoryQuery.parse({ after: "0" })).toMatchObject({ after: 0, limit: 50 });
    expect(ZRoomHistoryQuery.parse({ before: String(SEQ_MAX) }).before).toBe(SEQ_MAX);
    expect(ZHistoryQuery.safeParse({ limit: "101" }).success).toBe(false);
    expect(ZSearchQuery.safeParse({ q: "x", limit: "0" }).success).toBe(false);
    expect(ZAdminUserSearch.safeParse({ page: "10001" }).success).toBe(false);
  });
});
