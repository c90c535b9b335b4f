import { authed, json, readJson } from "@/server/http/handler";
import { deleteOwnAccount } from "@/server/services/account-data";
import { updateProfile } from "@/server/services/profile";
import { getStatus } from "@/server/services/status";

/** GET /api/me -> { user, status } */
export const GET = authed(async ({ rt, user }) => json({ user, status: await getStatus(rt, user) }));

/** PATCH /api/me { name } -> { user } (the display name; live for others as `user:updated`) */
export const PATCH = authed(async ({ rt, req, user }) => json({ user: await updateProfile(rt, user, await readJson(req)) }));

/** DELETE /api/me { confirmEmail, password? } -> { messages: "keep" | "remove", removed } (the account is erased; every session ends) */
export const DELETE = authed(async ({ rt, req, user }) => json(await deleteOwnAccount(rt, user, await readJson(req))));
