import { describe, expect, it } from "vitest";
import type { MemberDTO, RoomDTO } from "@/lib/shared/types";
import { api, registerUser } from "../helpers/clients";
import { serverFixture } from "../helpers/fixture";

const fx = serverFixture();
type ErrorBody = { error: { code: string; message: string } };

describe("rooms over REST", () => {
  it("creates a public room: 201 with id, slug, OWNER membership", async () => {
    const owner = await registerUser(fx.url, "Owner");
    const res = await api<{ room: RoomDTO }>(fx.url, owner, "POST", "/api/rooms", { name: "Café Lounge!", topic: "coffee", visibility: "PUBLIC" });
    expect(res.status).toBe(201);
    expect(res.body.room).toMatchObject({ name: "Café Lounge!", topic: "coffee", visibility: "PUBLIC", memberCount: 1, lastSeq: 0 });
    expect(res.body.room.slug).toMatch(/^cafe-lounge-[0-9a-f]{6}$/);
    expect(res.body.room.membership?.role).toBe("OWNER");
    // A second room with the same name gets its own slug.
    const again = await api<{ room: RoomDTO }>(fx.url, owner, "POST", "/api/rooms", { name: "Café Lounge!" });
    expect(again.status).toBe(201);
    expect(again.body.room.slug).not.toBe(res.body.room.slug);
  });

  it("a slug does not tell whether a private room of that name exists", async () => {
    const insider = await registerUser(fx.url, "Insider");
    const prober = await registerUser(fx.url, "Prober");
    const hidden = await api<{ room: RoomDTO }>(fx.url, insider, "POST", "/api/rooms", { name: "Merger Plans", visibility: "PRIVATE" });
    expect(hidden.status).toBe(201);
    const taken = await api<{ room: RoomDTO }>(fx.url, prober, "POST", "/api/rooms", { name: "Merger Plans", visibility: "PRIVATE" });
    const free = await api<{ room: RoomDTO }>(fx.url, prober, "POST", "/api/rooms", { name: "Picnic Plans", visibility: "PRIVATE" });
    // The same shape whether the name was taken or not.
    expect(taken.body.room.slug).toMatch(/^merger-plans-[0-9a-f]{6}$/);
    expect(free.body.room.slug).toMatch(/^picnic-plans-[0-9a-f]{6}$/);
  });

  it("lists public rooms and my rooms with member counts; join and leave change them", async () => {
    const a = await registerUser(fx.url, "A");
    const b = await registerUser(fx.url, "B");
    const { body } = await api<{ room: RoomDTO }>(fx.url, a, "POST", "/api/rooms", { name: "lobby", visibility: "PUBLIC" });
    const id = body.room.id;

    // Not B's own yet: in the directory, not in B's list.
    const directory = await api<{ rooms: RoomDTO[] }>(fx.url, b, "GET", "/api/rooms/directory?q=lobby");
    expect(directory.body.rooms.find((r) => r.id === id)).toMatchObject({ memberCount: 1, membership: null });
    let list = await api<{ rooms: RoomDTO[] }>(fx.url, b, "GET", "/api/rooms");
    expect(list.body.rooms.some((r) => r.id === id)).toBe(false);

    const joined = await api<{ room: RoomDTO }>(fx.url, b, "POST", `/api/rooms/${id}/join`);
    list = await api<{ rooms: RoomDTO[] }>(fx.url, b, "GET", "/api/rooms");
    expect(list.body.rooms.find((r) => r.id === id)).toMatchObject({ memberCount: 2, membership: { role: "MEMBER" } });
    expect(joined.status).toBe(200);
    expect(joined.body.room).toMatchObject({ memberCount: 2, membership: { role: "MEMBER" } });
    // Joining twice is harmless.
    expect((await api<{ room: RoomDTO }>(fx.url, b, "POST", `/api/rooms/${id}/join`)).body.room.memberCount).toBe(2);

    const members = await api<{ members: MemberDTO[] }>(fx.url, b, "GET", `/api/rooms/${id}/members`);
    expect(members.body.members.map((m) => [m.user.name, m.role])).toEqual([
      ["A", "OWNER"],
      ["B", "MEMBER"],
    ]);

    expect((await api(fx.url, b, "POST", `/api/rooms/${id}/leave`)).body).toEqual({ ok: true });
    list = await api<{ rooms: RoomDTO[] }>(fx.url, b, "GET", "/api/rooms");
    expect(list.body.rooms.some((r) => r.id === id)).toBe(false);
    const after = await api<{ rooms: RoomDTO[] }>(fx.url, b, "GET", "/api/rooms/directory?q=lobby");
    expect(after.body.rooms.find((r) => r.id === id)).toMatchObject({ memberCount: 1, membership: null });
  });

  it("keeps private rooms invisible to non-members (404 everywhere)", async () => {
    const owner = await registerUser(fx.url, "Owner");
    const outsider = await registerUser(fx.url, "Outsider");
    const { body } = await api<{ room: RoomDTO }>(fx.url, owner, "POST", "/api/rooms", { name: "secret", visibility: "PRIVATE" });
    const id = body.room.id;
    for (const path of ["/api/rooms", "/api/rooms/directory?q=secret"]) {
      const list = await api<{ rooms: RoomDTO[] }>(fx.url, outsider, "GET", path);
      expect(list.body.rooms.some((r) => r.id === id)).toBe(false);
    }
    for (const [method, path] of [
      ["GET", `/api/rooms/${id}`],
      ["POST", `/api/rooms/${id}/join`],
      ["GET", `/api/rooms/${id}/members`],
      ["GET", `/api/rooms/${id}/messages`],
    ] as const) {
      const res = await api<ErrorBody>(fx.url, outsider, method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
    expect((await api(fx.url, owner, "GET", `/api/rooms/${id}`)).status).toBe(200);
  });

  it("answers unknown and malformed room ids with 404, bad bodies with 400", async () => {
    const u = await registerUser(fx.url);
    expect((await api(fx.url, u, "GET", "/api/rooms/00000000-0000-7000-8000-000000000000")).status).toBe(404);
    expect((await api(fx.url, u, "POST", "/api/rooms/not-a-uuid/join")).status).toBe(404);
    const bad = await api<ErrorBody>(fx.url, u, "POST", "/api/rooms", { name: "", visibility: "SECRET" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect((await api<ErrorBody>(fx.url, u, "POST", "/api/rooms", "{{")).status).toBe(400);
    expect((await api<ErrorBody>(fx.url, u, "POST", "/api/rooms", { name: "x".repeat(81) })).status).toBe(400);
  });
});
