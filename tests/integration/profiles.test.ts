/** Public profiles (the profile card), the reported time zone, and "last seen". */
import { afterAll, describe, expect, it } from "vitest";
import type { PublicProfile } from "@/lib/shared/types";
import { createPrismaClient } from "@/server/db";
import { createLogger } from "@/server/log";
import { LastSeenTracker } from "@/server/services/last-seen";
import { api, connectUser, registerUser } from "../helpers/clients";
import { serverFixture } from "../helpers/fixture";

const fx = serverFixture();
type ErrorBody = { error: { code: string } };
const profileOf = (viewer: Awaited<ReturnType<typeof registerUser>>, id: string) => api<{ user: PublicProfile } & ErrorBody>(fx.url, viewer, "GET", `/api/users/${id}`);

describe("GET /api/users/{id}", () => {
  it("answers a public profile (no email), 404 JSON for an unknown id, 400 for a non-uuid, 401 signed out", async () => {
    const ana = await registerUser(fx.url, "Ana");
    const ben = await registerUser(fx.url, "Ben");
    const res = await profileOf(ana, ben.user.id);
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: ben.user.id, name: "Ben", avatarUrl: null, status: "ONLINE", timeZone: null, lastSeenAt: null });
    expect(JSON.stringify(res.body)).not.toContain("@");

    const unknown = await profileOf(ana, "0190f2a4-0000-7000-8000-000000000000");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("NOT_FOUND");
    const bad = await profileOf(ana, "not-a-uuid");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect((await api(fx.url, null, "GET", `/api/users/${ben.user.id}`)).status).toBe(401);
  });
});

describe("PUT /api/me/time-zone", () => {
  it("stores a valid IANA zone, shown in the profile; refuses anything else and changes nothing", async () => {
    const ana = await registerUser(fx.url, "Ana");
    const ben = await registerUser(fx.url, "Ben");
    const set = await api<{ timeZone: string }>(fx.url, ben, "PUT", "/api/me/time-zone", { timeZone: "Asia/Kolkata" });
    expect(set.status).toBe(200);
    expect(set.body.timeZone).toBe("Asia/Kolkata");
    expect((await profileOf(ana, ben.user.id)).body.user.timeZone).toBe("Asia/Kolkata");

    for (const timeZone of ["Mars/Olympus_Mons", "", "x".repeat(100), 5, "Europe/Paris'; --"]) {
      const refused = await api<ErrorBody>(fx.url, ben, "PUT", "/api/me/time-zone", { timeZone });
      expect(refused.status, String(timeZone)).toBe(400);
      expect(refused.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect((await api<ErrorBody>(fx.url, ben, "PUT", "/api/me/time-zone", { timeZone: "UTC", extra: 1 })).status).toBe(400);
    expect((await profileOf(ana, ben.user.id)).body.user.timeZone).toBe("Asia/Kolkata");
  });
});

describe("last seen", () => {
  it("is written when the user's socket disconnects", async () => {
    const ana = await registerUser(fx.url, "Ana");
    const ben = await registerUser(fx.url, "Ben");
    const socket = await connectUser(fx.url, ben);
    expect((await profileOf(ana, ben.user.id)).body.user.lastSeenAt).toBeNull();
    const before = Date.now();
    socket.close();
    await expect.poll(async () => (await profileOf(ana, ben.user.id)).body.user.lastSeenAt, { timeout: 5000 }).not.toBeNull();
    const at = Date.parse((await profileOf(ana, ben.user.id)).body.user.lastSeenAt ?? "");
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
  });

  describe("the tracker", () => {
    let db: ReturnType<typeof createPrismaClient> | undefined;
    afterAll(async () => {
      await db?.$disconnect();
    });

    it("moves a connected user's time forward on each tick, and writes at the last of several sockets' disconnect only", async () => {
      const ben = await registerUser(fx.url, "Ben");
      const client = createPrismaClient(fx.db.url);
      db = client;
      const seenAt = async () => (await client.user.findUniqueOrThrow({ where: { id: ben.user.id }, select: { lastSeenAt: true } })).lastSeenAt;
      const tracker = new LastSeenTracker(client, createLogger("warn"), 100);
      tracker.connected(ben.user.id);
      tracker.connected(ben.user.id);
      tracker.start();
      try {
        await expect.poll(seenAt).not.toBeNull();
        const first = (await seenAt())?.getTime() ?? 0;
        await expect.poll(async () => (await seenAt())?.getTime() ?? 0).toBeGreaterThan(first);
        tracker.stop();
        await client.user.update({ where: { id: ben.user.id }, data: { lastSeenAt: null } });
        await tracker.disconnected(ben.user.id);
        expect(await seenAt()).toBeNull(); // one socket is still open
        await tracker.disconnected(ben.user.id);
        expect(await seenAt()).not.toBeNull();
      } finally {
        tracker.stop();
      }
    });
  });
});
