import { json, open, readJson } from "@/server/http/handler";
import { registerUser } from "@/server/services/users";

/** POST /api/auth/register { email, password, name } -> 201 { user } */
export const POST = open(async (req) => json({ user: await registerUser(await readJson(req)) }, 201));
