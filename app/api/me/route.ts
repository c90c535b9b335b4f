import { authed, json } from "@/server/http/handler";

/** GET /api/me -> { user } */
export const GET = authed(async ({ user }) => json({ user }));
