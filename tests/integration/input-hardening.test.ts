/**
 * Hostile input over every route and event that takes text or numbers (issue #15, findings 3,
 * 9, 10, 11c): control characters, spoofing names and out-of-range numbers are VALIDATION_FAILED
 * (400 or an ack), never a 500/INTERNAL, and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoomDTO } from "@/lib/shared/types";
import { api, clientId, connectUser, emitAck, registerUser, uniqueEmail, type ClientSocket, type TestUser } from "../helpers/clients";
import { withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";
import { registerWithRole, send } from "../helpers/moderation";

const fx = serverFixture();
type ErrorBody = { error?: { code: string; message: string } };

let admin: TestUser;
let member: TestUser;
let room: RoomDTO;
let messageId: string;
let reportId: string;
let socket: ClientSocket;

beforeAll(async () => {
  admin = await registerWithRole(fx.url, fx.db.url, "ADMIN", "Admin");
  member = await registerUser(fx.url, "Member");
  room = (await api<{ room: RoomDTO }>(fx.url, admin, "POST", "/api/rooms", { name: "sweep", topic: "topic" })).body.room;
  expect((await api(fx.url, member, "POST", `/api/rooms/${room.id}/join`)).status).toBe(200);
  socket = await connectUser(fx.url, member);
  const sent = await send(socket, room.id, "original");
  if (!sent.ok) throw new Error("send failed");
  messageId = sent.data.message.id;
  reportId = (await api<{ report: { id: string } }>(fx.url, admin, "POST", `/api/messages/${messageId}/report`, { reason: "spam" })).body.report.id;
});
afterAll(() => socket?.close());

/** Everything a refused request could have changed. */
const snapshot = () =>
  withClient(fx.db.url, async (c) => {
    const { rows } = await c.query<{ s: unknown }>(`SELECT json_build_object(
      'users', (SELECT json_agg(u ORDER BY u.id) FROM (SELECT id, email, name, role, "sessionVersion", "bannedAt", "banReason", "mutedUntil", "muteReason" FROM "User") u),
      'rooms', (SELECT json_agg(r ORDER BY r.id) FROM "Room" r),
      'memberships', (SELECT json_agg(m ORDER BY m."userId", m."roomId") FROM "Membership" m),
      'messages', (SELECT json_agg(m ORDER BY m.id) FROM "Message" m),
      'reports', (SELECT json_agg(r ORDER BY r.id) FROM "Report" r),
      'audit', (SELECT count(*) FROM "AuditEntry"),
      'filters', (SELECT count(*) FROM "WordFilter")) AS s`);
    return rows[0]?.s;
  });

/** Each REST route taking text, with `bad` in one text field. */
function textRequests(bad: string): [string, TestUser | null, string, string, unknown][] {
  const r = `/api/rooms/${room.id}`;
  const u = `/api/admin/users/${member.user.id}`;
  // A lone surrogate cannot be percent-encoded: it only reaches the server inside JSON.
  let q: string | null = null;
  try {
    q = encodeURIComponent(bad);
  } catch {
    q = null;
  }
  const all: [string, TestUser | null, string, string, unknown][] = [
    ["register name", null, "POST", "/api/auth/register", { email: uniqueEmail("nul"), password: "a-good-password", name: bad }],
    ["register password", null, "POST", "/api/auth/register", { email: uniqueEmail("nul"), password: `password${bad}`, name: "Fine" }],
    ["profile name", member, "PATCH", "/api/me", { name: bad }],
    ["room name", member, "POST", "/api/rooms", { name: bad }],
    ["room topic", member, "POST", "/api/rooms", { name: "fine", topic: bad }],
    ["rename", admin, "PATCH", r, { name: bad }],
    ["new topic", admin, "PATCH", r, { topic: bad }],
    ["archive reason", admin, "POST", `${r}/archive`, { reason: bad }],
    ["lock reason", admin, "POST", `${r}/lock`, { locked: true, reason: bad }],
    ["slow-mode reason", admin, "POST", `${r}/slow-mode`, { seconds: 5, reason: bad }],
    ["room mute reason", admin, "POST", `${r}/members/${member.user.id}/mute`, { minutes: 5, reason: bad }],
    ["room unmute reason", admin, "POST", `${r}/members/${member.user.id}/unmute`, { reason: bad }],
    ["remove reason", admin, "POST", `${r}/members/${member.user.id}/remove`, { reason: bad }],
    ["edit", member, "PATCH", `/api/messages/${messageId}`, { body: bad }],
    ["report reason", member, "POST", `/api/messages/${messageId}/report`, { reason: bad }],
    ["search", member, "GET", `/api/search?q=${q}`, undefined],
    ["people search", member, "GET", `/api/users?q=${q}`, undefined],
    ["admin user search", admin, "GET", `/api/admin/users?q=${q}`, undefined],
    ["admin room search", admin, "GET", `/api/admin/rooms?q=${q}`, undefined],
    ["admin message search", admin, "GET", `/api/admin/messages?q=${q}`, undefined],
    ["audit action", admin, "GET", `/api/admin/audit?action=${q}`, undefined],
    ["ban reason", admin, "POST", `${u}/ban`, { reason: bad }],
    ["unban reason", admin, "POST", `${u}/unban`, { reason: bad }],
    ["mute reason", admin, "POST", `${u}/mute`, { minutes: 5, reason: bad }],
    ["unmute reason", admin, "POST", `${u}/unmute`, { reason: bad }],
    ["role reason", admin, "POST", `${u}/role`, { role: "MODERATOR", reason: bad }],
    ["purge reason", admin, "POST", `${u}/purge`, { hours: 1, reason: bad }],
    ["sign-out reason", admin, "POST", `${u}/signout`, { reason: bad }],
    ["resolution note", admin, "POST", `/api/admin/reports/${reportId}/resolve`, { action: "dismiss", note: bad }],
    ["word filter term", admin, "POST", "/api/admin/word-filter", { term: bad, mode: "BLOCK" }],
    ["room delete reason", admin, "DELETE", `/api/admin/rooms/${room.id}`, { reason: bad }],
  ];
  return q === null ? all.filter(([, , method]) => method !== "GET") : all;
}

describe("control characters in text (finding 3)", () => {
  it.each([
    ["NUL", "bad\u0000text"],
    ["BEL", "bad\u0007text"],
    ["ESC", "bad\u001btext"],
    ["lone surrogate", "bad\ud800text"],
  ])("%s is VALIDATION_FAILED on every REST route and socket event that takes text, and changes nothing", async (_, bad) => {
    const before = await snapshot();
    for (const [what, who, method, path, body] of textRequests(bad)) {
      const res = await api<ErrorBody>(fx.url, who, method, path, body);
      expect({ what, status: res.status, code: res.body.error?.code }).toEqual({ what, status: 400, code: "VALIDATION_FAILED" });
    }
    for (const [what, ack] of [
      ["message:send", await emitAck(socket, "message:send", { roomId: room.id, clientId: clientId(), body: bad })],
      ["message:edit", await emitAck(socket, "message:edit", { messageId, body: bad })],
    ] as const) {
      expect({ what, ok: ack.ok, code: ack.ok ? null : ack.error.code }).toEqual({ what, ok: false, code: "VALIDATION_FAILED" });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("single-line fields refuse newlines; messages keep them", async () => {
    const before = await snapshot();
    for (const [path, method, body] of [
      ["/api/me", "PATCH", { name: "two\nlines" }],
      ["/api/rooms", "POST", { name: "fine", topic: "two\nlines" }],
    ] as const) {
      expect((await api<ErrorBody>(fx.url, member, method, path, body)).body.error?.code).toBe("VALIDATION_FAILED");
    }
    expect(await snapshot()).toEqual(before);
    const ok = await send(socket, room.id, "two\n\tlines");
    expect(ok.ok && ok.data.message.body).toBe("two\n\tlines");
  });
});

describe("names that spoof or show nothing (finding 9)", () => {
  it.each([
    ["right-to-left override", "admin\u202Egpj.exe"],
    ["isolate", "\u2067Admin\u2069"],
    ["marks", "Adm\u200Ein"],
    ["zero-width only", "\u200B\u200B"],
    ["soft hyphen only", "\u00AD"],
    ["Hangul filler", "\u3164"],
    ["BOM and word joiner", "\uFEFF\u2060"],
    ["combining marks only", "\u0301\u0308"],
  ])("%s: refused as a display name, at sign-up and as a room name", async (_, name) => {
    const before = await snapshot();
    const email = uniqueEmail("spoof");
    for (const [who, method, path, body] of [
      [null, "POST", "/api/auth/register", { email, password: "a-good-password", name }],
      [member, "PATCH", "/api/me", { name }],
      [member, "POST", "/api/rooms", { name }],
      [admin, "PATCH", `/api/rooms/${room.id}`, { name }],
    ] as const) {
      const res = await api<ErrorBody>(fx.url, who, method, path, body);
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({ path, status: 400, code: "VALIDATION_FAILED" });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a blocked word with invisible characters or combining marks inside is still blocked; a masked one is masked over its original span", async () => {
    expect((await api(fx.url, admin, "POST", "/api/admin/word-filter", { term: "forbidden", mode: "BLOCK" })).status).toBe(201);
    expect((await api(fx.url, admin, "POST", "/api/admin/word-filter", { term: "darn", mode: "MASK" })).status).toBe(201);
    for (const body of ["for\u200Bbidden", "for\u00ADbidden", "for\u2060bidden", "fo\u0301rbidden", "ＦＯＲＢＩＤＤＥＮ"]) {
      const ack = await send(socket, room.id, `so ${body} here`);
      expect({ body, code: ack.ok ? null : ack.error.code }).toEqual({ body, code: "CONTENT_BLOCKED" });
    }
    const masked = await send(socket, room.id, "oh d\u200Ba\u0301rn it");
    expect(masked.ok && masked.data.message.body).toBe("oh ****** it");
  });

  it("ordinary names in any script still work", async () => {
    for (const name of ["José", "李雷", "Zoë 😀", "שלום"]) expect((await api(fx.url, member, "PATCH", "/api/me", { name })).status).toBe(200);
  });
});

describe("numeric query parameters (finding 10)", () => {
  it("out-of-range, negative, fractional and non-numeric values are 400 VALIDATION_FAILED on every route", async () => {
    const r = `/api/rooms/${room.id}`;
    const routes: [TestUser, string, string[]][] = [
      [member, `${r}/messages`, ["before", "after", "around", "limit"]],
      [member, `${r}/messages/${messageId}/thread`, ["before", "after", "limit"]],
      [member, "/api/search?q=original", ["limit"]],
      [member, "/api/users", ["limit"]],
      [admin, "/api/admin/users", ["page"]],
      [admin, "/api/admin/rooms", ["page"]],
      [admin, "/api/admin/messages", ["page"]],
      [admin, "/api/admin/reports", ["page"]],
      [admin, "/api/admin/audit", ["page"]],
    ];
    const values = ["2147483648", "99999999999", "1e400", "-1", "1.5", "abc", "0x"];
    for (const [who, path, params] of routes) {
      for (const param of params) {
        for (const value of values) {
          const url = `${path}${path.includes("?") ? "&" : "?"}${param}=${encodeURIComponent(value)}`;
          const res = await api<ErrorBody>(fx.url, who, "GET", url);
          expect({ url, status: res.status, code: res.body.error?.code }).toEqual({ url, status: 400, code: "VALIDATION_FAILED" });
        }
      }
    }
    // The largest seq is fine.
    expect((await api(fx.url, member, "GET", `${r}/messages?before=2147483647`)).status).toBe(200);
    expect((await api(fx.url, member, "GET", `${r}/messages/${messageId}/thread?after=2147483647`)).status).toBe(200);
    // Read markers (a JSON body) are bounded the same way.
    const read = await api<ErrorBody>(fx.url, member, "POST", `${r}/read`, { seq: 99999999999 });
    expect({ status: read.status, code: read.body.error?.code }).toEqual({ status: 400, code: "VALIDATION_FAILED" });
  });
});

describe("the sign-in page's error notice (finding 11)", () => {
  /** The notice as rendered in the server's HTML (the page's URL itself also appears in Next's router payload). */
  const notice = async (error: string) => {
    const html = await (await fetch(`${fx.url}/signin?error=${encodeURIComponent(error)}`)).text();
    return /<div role="alert"[^>]*>(.*?)<\/div>/.exec(html)?.[1] ?? null;
  };

  it("shows fixed wording for known codes and nothing taken from the URL", async () => {
    expect(await notice("BANNED||Your account is compromised. Call +1 555 0100 now")).toBe("Your account is banned. Sign in to see the reason and how long the ban lasts.");
    expect(await notice("BANNED|2030-01-01T00:00:00.000Z|<b>phish</b>")).toBe("Your account is banned. Sign in to see the reason and how long the ban lasts.");
    expect(await notice("Visit evil.example to restore access")).toBe("Sign-in failed. Try again.");
    expect(await notice("CredentialsSignin")).toBe("That email and password don’t match an account.");
    expect(await notice("toString")).toBe("Sign-in failed. Try again.");
  });
});
