import { authed, json, readJson } from "@/server/http/handler";
import { updateProfile } from "@/server/services/profile";
import { getStatus } from "@/server/services/status";

/** GET /api/me -> { user, status } */
export const GET = authed(async ({ user }) => json({ user, status: await getStatus(user) }));

/** PATCH /api/me { name } -> { user } (the display name; live for others as `user:updated`) */
export const PATCH = authed(async ({ req, user }) => json({ user: await updateProfile(user, await readJson(req)) }));
