/**
 * STAFF_READ_PRIVATE=1: global staff may read DMs and private rooms they are not in through the
 * admin message search, and every such read is audited (the default, off, is tested in
 * staff-limits.test.ts). Its own file: one app per process, with its own settings.
 */
import { describe, expect, it } from "vitest";
import { serverFixture } from "../helpers/fixture";
import { auditActions, liveSockets, registerWithRole } from "../helpers/moderation";
import { conversations, searchedRooms } from "../helpers/staff";

const fx = serverFixture({ env: { STAFF_READ_PRIVATE: "1" } });
const live = liveSockets(fx);

describe("STAFF_READ_PRIVATE=1", () => {
  it("staff see DMs and private rooms in the message search, and each room read is audited", async () => {
    const { dmId, closedId, publicId } = await conversations(fx, live, "wombat");
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN");
    const mod = await registerWithRole(fx.url, fx.db.url, "MODERATOR");
    expect(await searchedRooms(fx, mod, "wombat")).toEqual([dmId, closedId, publicId].sort());
    expect(await auditActions(fx.url, admin, dmId)).toEqual(["staff.readPrivate"]);
    expect(await auditActions(fx.url, admin, closedId)).toEqual(["staff.readPrivate"]);
    expect(await auditActions(fx.url, admin, publicId)).toEqual([]);
  });
});
