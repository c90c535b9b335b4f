/**
 * Own rooms apart from the directory (issue 15, finding 4): no number of other people's public
 * rooms can push the caller's own rooms, DMs and #general out of `GET /api/rooms`; the directory
 * is paged and searchable; room creation is limited. Limits at their real size (scale 1).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { RoomDTO, RoomPage } from "@/lib/shared/types";
import { api, registerUser, type TestUser } from "../helpers/clients";
import { withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";

const fx = serverFixture({ env: { RATE_LIMIT_SCALE: "1" } });
type ErrorBody = { error: { code: string; message: string; details?: { retryAfterMs?: number } } };
const SPAM = 520;

let generalId: string;
let spammer: TestUser;
// Registration is limited to 10 an hour per IP at scale 1: the tests share people.
let ana: TestUser;

/** Insert rooms straight into the database (the API's creation limit is what is being tested). */
async function insertRooms(creatorId: string, count: number, name: (i: number) => string, role: "OWNER" | "MEMBER" = "OWNER"): Promise<void> {
  const names = Array.from({ length: count }, (_, i) => name(i));
  await withClient(fx.db.url, async (c) => {
    await c.query(
      `WITH r AS (
         INSERT INTO "Room" (id, slug, name, visibility, "creatorId")
         SELECT gen_random_uuid(), 'spam-' || gen_random_uuid(), n, 'PUBLIC', $1 FROM unnest($2::text[]) AS n
         RETURNING id)
       INSERT INTO "Membership" ("userId", "roomId", role) SELECT $1, id, $3::"RoomRole" FROM r`,
      [creatorId, names, role],
    );
  });
}

async function allPages(who: TestUser, path: string, limit: number): Promise<RoomDTO[]> {
  const rooms: RoomDTO[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const sep = path.includes("?") ? "&" : "?";
    const res: { status: number; body: RoomPage } = await api<RoomPage>(fx.url, who, "GET", `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    rooms.push(...res.body.rooms);
    cursor = res.body.nextCursor;
    if (!cursor) return rooms;
  }
  throw new Error("too many pages");
}

beforeAll(async () => {
  spammer = await registerUser(fx.url, "Spammer");
  // #general, as the seed makes it: new accounts join it.
  generalId = await withClient(fx.db.url, async (c) => {
    const r = await c.query<{ id: string }>(`INSERT INTO "Room" (id, slug, name, visibility, "creatorId") VALUES (gen_random_uuid(), 'general', 'general', 'PUBLIC', $1) RETURNING id`, [spammer.user.id]);
    return r.rows[0]!.id;
  });
  // Named to sort before everyone's own rooms.
  await insertRooms(spammer.user.id, SPAM, (i) => `aaa spam ${String(i).padStart(3, "0")}`);
});

describe("GET /api/rooms: the caller's own rooms, complete", () => {
  it("keeps every own room, DM and #general however many public rooms others create", async () => {
    ana = await registerUser(fx.url, "Ana");
    const ben = await registerUser(fx.url, "Ben");
    const cy = await registerUser(fx.url, "Cy");
    const mine: string[] = [generalId];
    for (const visibility of ["PUBLIC", "PRIVATE"] as const) {
      const res = await api<{ room: RoomDTO }>(fx.url, ana, "POST", "/api/rooms", { name: `zz ${visibility.toLowerCase()} lounge`, visibility });
      expect(res.status).toBe(201);
      mine.push(res.body.room.id);
    }
    for (const others of [[ben], [ben, cy]]) {
      const res = await api<{ room: RoomDTO }>(fx.url, ana, "POST", "/api/dms", { userIds: others.map((o) => o.user.id) });
      expect(res.status).toBe(201);
      mine.push(res.body.room.id);
    }

    // One request (the default page holds them all), and page by page.
    const first = await api<RoomPage>(fx.url, ana, "GET", "/api/rooms");
    expect(first.status).toBe(200);
    expect(first.body.rooms.map((r) => r.id).sort()).toEqual([...mine].sort());
    expect(first.body.nextCursor).toBeNull();
    const paged = await allPages(ana, "/api/rooms", 2);
    expect(paged.map((r) => r.id).sort()).toEqual([...mine].sort());
    expect(paged.every((r) => r.membership !== null)).toBe(true);

    // The spammer's own list is long: paged completely too.
    const theirs = await allPages(spammer, "/api/rooms", 100);
    expect(theirs).toHaveLength(SPAM);
    expect(new Set(theirs.map((r) => r.id)).size).toBe(SPAM);
  });

  it("refuses bad paging parameters with 400", async () => {
    const u = spammer;
    for (const qs of ["limit=0", "limit=501", "limit=x", "cursor=not-an-id"]) {
      const res = await api<ErrorBody>(fx.url, u, "GET", `/api/rooms?${qs}`);
      expect({ qs, status: res.status, code: res.body.error.code }).toEqual({ qs, status: 400, code: "VALIDATION_FAILED" });
    }
  });
});

describe("GET /api/rooms/directory: public rooms, paged and searchable", () => {
  it("pages through every public room by name, without private rooms or DMs", async () => {
    const dora = await registerUser(fx.url, "Dora");
    const secret = await api<{ room: RoomDTO }>(fx.url, ana, "POST", "/api/rooms", { name: "aaa spam secret", visibility: "PRIVATE" });
    expect(secret.status).toBe(201);
    const all = await allPages(dora, "/api/rooms/directory", 100);
    const ids = all.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(secret.body.room.id);
    expect(all.every((r) => r.visibility === "PUBLIC" && r.kind === "ROOM")).toBe(true);
    expect(all.filter((r) => r.name.startsWith("aaa spam"))).toHaveLength(SPAM);
    expect(ids).toContain(generalId);
    const names = all.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // The caller's membership comes with each room (Open rather than Join).
    expect(all.find((r) => r.id === generalId)?.membership?.role).toBe("MEMBER");
  });

  it("searches by name, case-insensitively, and pages the matches", async () => {
    const eve = ana;
    const page = await api<RoomPage>(fx.url, eve, "GET", "/api/rooms/directory?q=SPAM%2005&limit=4");
    expect(page.status).toBe(200);
    expect(page.body.rooms.map((r) => r.name)).toEqual(["aaa spam 050", "aaa spam 051", "aaa spam 052", "aaa spam 053"]);
    const rest = await allPages(eve, "/api/rooms/directory?q=spam%2005", 4);
    expect(rest.map((r) => r.name)).toEqual(Array.from({ length: 10 }, (_, i) => `aaa spam 05${i}`));
    expect((await api<RoomPage>(fx.url, eve, "GET", "/api/rooms/directory?q=nothing-like-this")).body).toEqual({ rooms: [], nextCursor: null });
    expect((await api<ErrorBody>(fx.url, eve, "GET", `/api/rooms/directory?q=${"x".repeat(81)}`)).status).toBe(400);
    expect((await api(fx.url, null, "GET", "/api/rooms/directory")).status).toBe(401);
  });
});

describe("room creation is limited", () => {
  it("answers RATE_LIMITED with retryAfter after 10 rooms in an hour; staff are exempt", async () => {
    const fay = await registerUser(fx.url, "Fay");
    for (let i = 0; i < 10; i++) expect((await api(fx.url, fay, "POST", "/api/rooms", { name: `fay ${i}` })).status).toBe(201);
    const refused = await api<ErrorBody>(fx.url, fay, "POST", "/api/rooms", { name: "fay one too many" });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("RATE_LIMITED");
    expect(refused.body.error.details?.retryAfterMs).toBeGreaterThan(0);

    const staff = await registerUser(fx.url, "Staff");
    await withClient(fx.db.url, (c) => c.query(`UPDATE "User" SET role = 'MODERATOR' WHERE id = $1`, [staff.user.id]));
    for (let i = 0; i < 12; i++) expect((await api(fx.url, staff, "POST", "/api/rooms", { name: `staff ${i}` })).status).toBe(201);
  });

  it("caps the rooms one person owns at 100", async () => {
    const gus = await registerUser(fx.url, "Gus");
    await insertRooms(gus.user.id, 100, (i) => `gus ${i}`);
    const refused = await api<ErrorBody>(fx.url, gus, "POST", "/api/rooms", { name: "gus 101" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("FORBIDDEN");
  });
});
