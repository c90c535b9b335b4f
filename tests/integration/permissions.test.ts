/**
 * The permission table against the real endpoints: every action in RULES, tried by every kind
 * of actor (global admin, global moderator, room owner, room moderator, member, non-member),
 * must succeed exactly when `can()` says so (targets are plain members, so rank never decides
 * here; rank has its own tests). Actions exercised in other files are listed in ELSEWHERE, and
 * the test fails if an action is in neither.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { can, RULES, type Action, type PolicyContext } from "@/server/services/policy";
import { api, connectUser, type TestUser } from "../helpers/clients";
import { withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";
import { createRoom, join, registerWithRole, send } from "../helpers/moderation";

const fx = serverFixture({ redis: true });

type Kind = "admin" | "globalMod" | "owner" | "roomMod" | "member" | "outsider";
const KINDS: Kind[] = ["admin", "globalMod", "owner", "roomMod", "member", "outsider"];

/** Actions whose endpoints are exercised per role in another test file. */
const ELSEWHERE: Partial<Record<Action, string>> = {
  "instance.settings": "tests/integration/accounts-join.test.ts (instance settings are for admins only)",
  "account.invitations.manage": "tests/integration/accounts-join.test.ts (room owners invite…; managing the list stays with admins)",
  // The table rows below were there before moderation; their endpoints belong to room settings
  // and message edit/delete (dm's issue) and are tested with them.
  "message.edit": "edit/delete tests (dm)",
  "message.delete": "edit/delete tests (dm)",
  "room.update": "room settings tests (dm)",
  "message.react": "conversation.test.ts (threads: reactions)",
  "message.pin": "conversation.test.ts (threads: pins)",
  "room.invite": "room-admin.test.ts (dm: invites)",
  "room.archive": "room-admin.test.ts and edit-delete.test.ts (dm: archive)",
  "attachment.upload": "attachments.test.ts (files: uploads)",
  // Depends on the room's size as well as the role: both sides of the 20-member line are tried there.
  "message.mentionRoom": "unread-mentions.test.ts (@room above and below 20 members)",
  "message.search": "search.test.ts (search: visibility and the room filter)",
};

let actors: Record<Kind, TestUser>;
let ctxOf: Record<Kind, PolicyContext>;
let roomId: string;
let owner: TestUser;
let admin: TestUser;

async function setRoomRole(userId: string, room: string, role: "MODERATOR" | "MEMBER") {
  await withClient(fx.db.url, (c) => c.query(`UPDATE "Membership" SET role = $1 WHERE "userId" = $2 AND "roomId" = $3`, [role, userId, room]));
}

/** A fresh plain member of the room, to be acted on. */
async function freshMember(): Promise<TestUser> {
  const t = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Target");
  await join(fx.url, t, roomId);
  return t;
}

beforeAll(async () => {
  owner = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Owner");
  admin = await registerWithRole(fx.url, fx.db.url, "ADMIN", "Admin");
  const room = await createRoom(fx.url, owner, "perm");
  roomId = room.id;
  const globalMod = await registerWithRole(fx.url, fx.db.url, "MODERATOR", "GlobalMod");
  const roomMod = await registerWithRole(fx.url, fx.db.url, "MEMBER", "RoomMod");
  const member = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Member");
  const outsider = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Outsider");
  // Staff are plain members of the room too, so their sends are not refused for not being members.
  await join(fx.url, admin, roomId);
  await join(fx.url, globalMod, roomId);
  await join(fx.url, roomMod, roomId);
  await setRoomRole(roomMod.user.id, roomId, "MODERATOR");
  await join(fx.url, member, roomId);
  actors = { admin, globalMod, owner, roomMod, member, outsider };
  ctxOf = {
    admin: { globalRole: "ADMIN", roomRole: "MEMBER" },
    globalMod: { globalRole: "MODERATOR", roomRole: "MEMBER" },
    owner: { globalRole: "MEMBER", roomRole: "OWNER" },
    roomMod: { globalRole: "MEMBER", roomRole: "MODERATOR" },
    member: { globalRole: "MEMBER", roomRole: "MEMBER" },
    outsider: { globalRole: "MEMBER", roomRole: null },
  };
});

let seq = 0;
/** Each case does the action as `who` and says whether the server allowed it. */
const CASES: Partial<Record<Action, (who: TestUser) => Promise<boolean>>> = {
  "admin.access": async (who) => ok(await api(fx.url, who, "GET", "/api/admin/users")),
  "audit.view": async (who) => ok(await api(fx.url, who, "GET", "/api/admin/audit")),
  "message.send": async (who) => {
    const s = await connectUser(fx.url, who);
    try {
      return (await send(s, roomId)).ok;
    } finally {
      s.disconnect();
    }
  },
  "room.lock": async (who) => {
    const allowed = ok(await api(fx.url, who, "POST", `/api/rooms/${roomId}/lock`, { locked: true }));
    await api(fx.url, owner, "POST", `/api/rooms/${roomId}/lock`, { locked: false });
    return allowed;
  },
  "room.slowMode": async (who) => ok(await api(fx.url, who, "POST", `/api/rooms/${roomId}/slow-mode`, { seconds: 0 })),
  "room.bypassLimits": async (who) => {
    // Lock the room, then try to post: only those who may bypass get through (non-members never post).
    await api(fx.url, owner, "POST", `/api/rooms/${roomId}/lock`, { locked: true });
    const s = await connectUser(fx.url, who);
    try {
      const ack = await send(s, roomId);
      return ack.ok || (ack.error.code !== "ROOM_LOCKED" && ack.error.code !== "FORBIDDEN" && ack.error.code !== "NOT_FOUND");
    } finally {
      s.disconnect();
      await api(fx.url, owner, "POST", `/api/rooms/${roomId}/lock`, { locked: false });
    }
  },
  "room.member.mute": async (who) => ok(await api(fx.url, who, "POST", `/api/rooms/${roomId}/members/${(await freshMember()).user.id}/mute`, { minutes: 1 })),
  "room.member.remove": async (who) => ok(await api(fx.url, who, "POST", `/api/rooms/${roomId}/members/${(await freshMember()).user.id}/remove`, {})),
  "room.delete": async (who) => ok(await api(fx.url, who, "DELETE", `/api/admin/rooms/${(await createRoom(fx.url, owner, "doomed")).id}`)),
  "user.ban": async (who) => ok(await api(fx.url, who, "POST", `/api/admin/users/${(await freshMember()).user.id}/ban`, { reason: "test" })),
  "user.mute": async (who) => ok(await api(fx.url, who, "POST", `/api/admin/users/${(await freshMember()).user.id}/mute`, { minutes: 1 })),
  "user.signOut": async (who) => ok(await api(fx.url, who, "POST", `/api/admin/users/${(await freshMember()).user.id}/signout`, {})),
  "user.resetTwoFactor": async (who) => {
    const target = await freshMember();
    // A second factor to reset (its secret is never read by the reset).
    await withClient(fx.db.url, (c) => c.query(`INSERT INTO "TwoFactor" ("userId", secret, "enabledAt") VALUES ($1, 'v1.x.x.x', now())`, [target.user.id]));
    return ok(await api(fx.url, who, "POST", `/api/admin/users/${target.user.id}/reset-two-factor`, {}));
  },
  "user.setRole": async (who) => ok(await api(fx.url, who, "POST", `/api/admin/users/${(await freshMember()).user.id}/role`, { role: "MEMBER" })),
  "user.export": async (who) => ok(await api(fx.url, who, "GET", `/api/admin/users/${(await freshMember()).user.id}/export`)),
  "user.delete": async (who) => ok(await api(fx.url, who, "DELETE", `/api/admin/users/${(await freshMember()).user.id}`, { reason: "permission table" })),
  "report.manage": async (who) => ok(await api(fx.url, who, "GET", "/api/admin/reports")),
  "user.purgeMessages": async (who) => ok(await api(fx.url, who, "POST", `/api/admin/users/${(await freshMember()).user.id}/purge`, { hours: 1 })),
  "message.report": async (who) => {
    // A message by someone else (a fresh member), so nobody here is its author.
    const author = await freshMember();
    const s = await connectUser(fx.url, author);
    try {
      const ack = await send(s, roomId, "reportable");
      if (!ack.ok) throw new Error(ack.error.message);
      return ok(await api(fx.url, who, "POST", `/api/messages/${ack.data.message.id}/report`, { reason: "test" }));
    } finally {
      s.disconnect();
    }
  },
  "room.makePublic": async (who) => {
    // A private copy of the room with the same members and roles; everyone tries to open it.
    const room = await createRoom(fx.url, owner, "closed");
    await withClient(fx.db.url, async (c) => {
      await c.query(`UPDATE "Room" SET visibility = 'PRIVATE' WHERE id = $1`, [room.id]);
      await c.query(`INSERT INTO "Membership" ("userId", "roomId", role) SELECT "userId", $1, role FROM "Membership" WHERE "roomId" = $2 ON CONFLICT DO NOTHING`, [room.id, roomId]);
    });
    const res = await api(fx.url, who, "PATCH", `/api/rooms/${room.id}`, { visibility: "PUBLIC" });
    return res.status === 404 ? false : ok(res); // the outsider cannot see it
  },
  "room.invite.manage": async (who) => ok(await api(fx.url, who, "GET", `/api/rooms/${roomId}/invites`)),
  "wordFilter.manage": async (who) => ok(await api(fx.url, who, "POST", "/api/admin/word-filter", { term: `zzterm${++seq}x`, mode: "MASK" })),
};

function ok(res: { status: number }): boolean {
  if (res.status >= 200 && res.status < 300) return true;
  if (res.status === 403) return false;
  throw new Error(`unexpected status ${res.status}`);
}

describe("the permission table on the real endpoints", () => {
  it("covers every action in RULES here or in a named test file", () => {
    const missing = Object.keys(RULES).filter((a) => !(a in CASES) && !(a in ELSEWHERE));
    expect(missing).toEqual([]);
  });

  for (const action of Object.keys(CASES) as Action[]) {
    it(`${action}: allowed exactly for the roles the table allows`, async () => {
      const run = CASES[action]!;
      const results: Record<string, { allowed: boolean; expected: boolean }> = {};
      for (const kind of KINDS) {
        results[kind] = { allowed: await run(actors[kind]), expected: can(action, ctxOf[kind]) };
      }
      for (const kind of KINDS) expect({ kind, allowed: results[kind]!.allowed }).toEqual({ kind, allowed: results[kind]!.expected });
    }, 60_000);
  }
});
