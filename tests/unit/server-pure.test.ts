import { describe, expect, it } from "vitest";
import { TYPING_TTL_MS } from "@/lib/shared/events";
import { uuidv7 } from "@/lib/shared/ids";
import { ZHistoryQuery, ZSendMessage } from "@/lib/shared/schemas";
import msgpack from "notepack.io";
import { selfSkippingParser } from "@/server/realtime/adapter-parser";
import { MemoryTypingStore } from "@/server/realtime/typing-store";
import { isOutcomeUnknown, isUnavailable, toAppError } from "@/server/services/errors";
import { slugify } from "@/server/services/rooms";
import { cleanFileName } from "@/server/services/attachments";

describe("slugify", () => {
  it.each([
    ["General", "general"],
    ["Café Lounge!", "cafe-lounge"],
    ["  --Hello   World--  ", "hello-world"],
    ["日本語", "room"],
    ["x".repeat(100), "x".repeat(48)],
  ])("%s -> %s", (name, slug) => expect(slugify(name)).toBe(slug));
});

describe("cleanFileName", () => {
  it.each([
    ["../../etc/readme\u0007.html", "readme.html"],
    ["invoice\u202Efdp.exe", "invoicefdp.exe"],
    ["\u2067a\u2069\u200F.txt", "a.txt"],
    ["x\u0085y\u009F.txt", "xy.txt"],
    ["\u202E", "file"],
  ])("%s -> %s", (raw, clean) => expect(cleanFileName(raw)).toBe(clean));
});

describe("uuidv7", () => {
  it("is a valid version-7 UUID and sorts by time", () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
    // Past several refills of the random pool (~400 ids each): still distinct and well formed.
    const many = Array.from({ length: 5000 }, () => uuidv7());
    expect(new Set(many).size).toBe(5000);
    expect(many.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
  });

  it("puts the 48-bit millisecond timestamp first, big-endian", () => {
    expect(uuidv7(0x0123456789ab).slice(0, 13)).toBe("01234567-89ab");
    expect(uuidv7(1_700_000_000_000).slice(0, 13)).toBe(`${(1_700_000_000_000).toString(16).padStart(12, "0").slice(0, 8)}-${(1_700_000_000_000).toString(16).padStart(12, "0").slice(8)}`);
  });
});

describe("selfSkippingParser (the Redis adapter's codec)", () => {
  const packet = { type: 2, data: ["message:new", { body: "hi ü" }], nsp: "/" };
  const opts = { rooms: ["room:1"], except: [], flags: {} };

  it("stops at the uid of this instance's own broadcasts, and decodes everyone else's whole", () => {
    const parser = selfSkippingParser();
    parser.setOwnUid("Ab3dE6");
    expect(parser.decode(parser.encode(["Ab3dE6", packet, opts]) as Buffer)).toEqual(["Ab3dE6"]);
    expect(parser.decode(msgpack.encode(["Zz9yX8", packet, opts]))).toEqual(["Zz9yX8", packet, opts]);
    // A uid that only starts like ours, and requests (maps, not arrays), are decoded as usual.
    expect(parser.decode(msgpack.encode(["Ab3dE", packet, opts]))).toEqual(["Ab3dE", packet, opts]);
    const request = { uid: "Ab3dE6", type: 4, requestId: "r1" };
    expect(parser.decode(msgpack.encode(request))).toEqual(request);
  });

  it("decodes everything before it knows its uid", () => {
    const parser = selfSkippingParser();
    expect(parser.decode(msgpack.encode(["Ab3dE6", packet, opts]))).toEqual(["Ab3dE6", packet, opts]);
  });
});

describe("MemoryTypingStore", () => {
  it("expires entries TYPING_TTL_MS after the last refresh", async () => {
    let now = 0;
    const store = new MemoryTypingStore(() => now);
    expect(await store.start("r", "u1")).toEqual(["u1"]);
    now = TYPING_TTL_MS - 1;
    await store.start("r", "u2");
    expect(await store.list("r")).toEqual(["u1", "u2"]);
    now = TYPING_TTL_MS;
    expect(await store.list("r")).toEqual(["u2"]);
    expect(await store.stop("r", "u1")).toEqual({ removed: false, userIds: ["u2"] });
    expect(await store.stop("r", "u2")).toEqual({ removed: true, userIds: [] });
  });
});

describe("schemas", () => {
  const roomId = uuidv7();
  it("trims message bodies and enforces 1..4000 characters", () => {
    expect(ZSendMessage.parse({ roomId, clientId: "abcdefgh", body: "  hi  " }).body).toBe("hi");
    expect(ZSendMessage.safeParse({ roomId, clientId: "abcdefgh", body: " \n\t " }).success).toBe(false);
    expect(ZSendMessage.safeParse({ roomId, clientId: "abcdefgh", body: "x".repeat(4000) }).success).toBe(true);
    expect(ZSendMessage.safeParse({ roomId, clientId: "abcdefgh", body: "x".repeat(4001) }).success).toBe(false);
  });
  it("defaults the history page size and refuses before+after together", () => {
    expect(ZHistoryQuery.parse({})).toEqual({ limit: 50 });
    expect(ZHistoryQuery.safeParse({ before: "3", after: "1" }).success).toBe(false);
  });
});

describe("database errors", () => {
  it.each([
    "Server has closed the connection.",
    "Connection terminated unexpectedly",
    "connect ECONNREFUSED 127.0.0.1:5432",
    "Can't reach database server at 127.0.0.1:5432",
  ])("classes %j as UNAVAILABLE (retryable, nothing stored)", (message) => {
    expect(isUnavailable(new Error(message))).toBe(true);
    expect(toAppError(new Error(message)).code).toBe("UNAVAILABLE");
  });

  it("keeps other failures INTERNAL", () => {
    expect(toAppError(new Error("column does not exist")).code).toBe("INTERNAL");
  });

  it.each([
    ["Server has closed the connection.", true],
    ["Connection terminated unexpectedly", true],
    ["read ECONNRESET", true],
    ["terminating connection due to administrator command", true],
    ["connect ECONNREFUSED 127.0.0.1:5432", false],
    ["timeout exceeded when trying to connect", false],
    ["Can't reach database server at 127.0.0.1:5432", false],
    ["the database system is starting up", false],
    ["column does not exist", false],
  ])("knows whether a statement may have been in flight: %j -> %s", (message, unknown) => {
    expect(isOutcomeUnknown(new Error(message))).toBe(unknown);
  });
});
