import { staffOnly } from "@/server/http/admin";
import { json, readJson } from "@/server/http/handler";
import { addWordFilter, listWordFilter } from "@/server/services/word-filter";

/** GET /api/admin/word-filter -> { terms: WordFilterDTO[] } */
export const GET = staffOnly(async ({ user }) => json({ terms: await listWordFilter(user) }));

/** POST /api/admin/word-filter { term, mode } -> 201 { term: WordFilterDTO } */
export const POST = staffOnly(async ({ req, user }) => json({ term: await addWordFilter(user, await readJson(req)) }, 201));
