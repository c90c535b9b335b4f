import { staffOnly } from "@/server/http/admin";
import { json, readJson } from "@/server/http/handler";
import { addWordFilter, listWordFilter } from "@/server/services/word-filter";

/** GET /api/admin/word-filter -> { terms: WordFilterDTO[] } */
export const GET = staffOnly(async ({ rt, user }) => json({ terms: await listWordFilter(rt, user) }));

/** POST /api/admin/word-filter { term, mode } -> 201 { term: WordFilterDTO } */
export const POST = staffOnly(async ({ rt, req, user }) => json({ term: await addWordFilter(rt, user, await readJson(req)) }, 201));
