import { staffOnly } from "@/server/http/admin";
import { json } from "@/server/http/handler";
import { removeWordFilter } from "@/server/services/word-filter";

/** DELETE /api/admin/word-filter/{id} -> { ok: true } */
export const DELETE = staffOnly<{ id: string }>(async ({ rt, user, params }) => {
  await removeWordFilter(rt, user, params.id);
  return json({ ok: true });
});
