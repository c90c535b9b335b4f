/**
 * What global staff may not do (docs/permissions.md, "Staff and private conversations"): read
 * DMs and private rooms they are not in (STAFF_READ_PRIVATE: staff-read-private.test.ts), remove messages of people who do not rank below them, make a private room public
 * (the owner's or an admin's decision, audited).
 */
import { describe, expect, it } from "vitest";
import type { RoomDTO } from "@/lib/shared/types";
import { api, type TestUser } from "../helpers/clients";
import { withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";
import { auditActions, createRoom, join, liveSockets, registerWithRole, sent } from "../helpers/moderation";
import { conversations, searchedRooms } from "../helpers/staff";

const fx = serverFixture({ redis: true });
const live = liveSockets(fx);

describe("staff and private conversations", () => {
  it("by default, the admin message search shows staff no DM or private room they are not in", async () => {
    const { publicId } = await conversations(fx, live, "quokka");
    for (const role of ["ADMIN", "MODERATOR"] as const) {
      const staff = await registerWithRole(fx.url, fx.db.url, role);
      expect(await searchedRooms(fx, staff, "quokka")).toEqual([publicId]);
    }
  });
});

describe("staff act only on people below them", () => {
  it("a global moderator cannot remove an admin's message, a room moderator not the owner's; the admin removes the moderator's", async () => {
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN", "Admin");
    const mod = await registerWithRole(fx.url, fx.db.url, "MODERATOR", "Mod");
    const owner = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Owner");
    const roomMod = await registerWithRole(fx.url, fx.db.url, "MEMBER", "RoomMod");
    const room = await createRoom(fx.url, owner, "rank");
    for (const who of [admin, mod, roomMod]) await join(fx.url, who, room.id);
    await withClient(fx.db.url, (c) => c.query(`UPDATE "Membership" SET role = 'MODERATOR' WHERE "userId" = $1 AND "roomId" = $2`, [roomMod.user.id, room.id]));
    const byAdmin = await sent(await live(admin), room.id, "from the admin");
    const byOwner = await sent(await live(owner), room.id, "from the owner");
    const byMod = await sent(await live(mod), room.id, "from the moderator");
    expect((await api(fx.url, mod, "DELETE", `/api/messages/${byAdmin.id}`)).status).toBe(403);
    expect((await api(fx.url, roomMod, "DELETE", `/api/messages/${byOwner.id}`)).status).toBe(403);
    expect((await api(fx.url, roomMod, "DELETE", `/api/messages/${byMod.id}`)).status).toBe(403);
    expect((await api(fx.url, mod, "DELETE", `/api/messages/${byOwner.id}`)).status).toBe(200);
    expect((await api(fx.url, admin, "DELETE", `/api/messages/${byMod.id}`)).status).toBe(200);
  });
});

describe("making a private room public", () => {
  it("is the owner's or an admin's decision (not a global or room moderator's), audited both ways", async () => {
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN");
    const mod = await registerWithRole(fx.url, fx.db.url, "MODERATOR");
    const owner = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Owner");
    const room = (await api<{ room: RoomDTO }>(fx.url, owner, "POST", "/api/rooms", { name: `hidden ${Date.now()}`, visibility: "PRIVATE" })).body.room;
    const patch = (who: TestUser, visibility: "PUBLIC" | "PRIVATE") => api(fx.url, who, "PATCH", `/api/rooms/${room.id}`, { visibility });
    expect((await patch(mod, "PUBLIC")).status).toBe(403);
    expect((await patch(admin, "PUBLIC")).status).toBe(200);
    expect((await patch(mod, "PRIVATE")).status).toBe(200); // closing a room exposes nothing
    expect((await patch(owner, "PUBLIC")).status).toBe(200);
    expect(await auditActions(fx.url, admin, room.id)).toEqual(["room.makePublic", "room.makePrivate", "room.makePublic"]);
  });
});
