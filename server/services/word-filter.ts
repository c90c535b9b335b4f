/**
 * The word filter: terms an admin adds, each blocking the message (the sender gets
 * CONTENT_BLOCKED naming the term) or masking it with asterisks. Managing the list is here;
 * the compiled list that messages go through is ./word-filter-cache.ts.
 */
import { AppError } from "@/lib/shared/errors";
import { WORD_FILTER_MAX_ENTRIES, ZWordFilterRequest, type WordFilterDTO } from "@/lib/shared/moderation";
import { ZId } from "@/lib/shared/schemas";
import type { Runtime } from "../runtime";
import { recordAudit } from "./audit";
import { isUniqueViolation } from "./errors";
import { authorize } from "./policy";
import { roleOf, type StaffActor } from "./admin-users";
import { parseInput } from "./validate";

const toDTO = (r: { id: string; term: string; mode: "BLOCK" | "MASK"; createdAt: Date }): WordFilterDTO => ({
  id: r.id,
  term: r.term,
  mode: r.mode,
  createdAt: r.createdAt.toISOString(),
});

async function manage(rt: Runtime, actor: StaffActor) {
  authorize("wordFilter.manage", { globalRole: await roleOf(rt, actor.id), roomRole: null });
}

export async function listWordFilter(rt: Runtime, actor: StaffActor): Promise<WordFilterDTO[]> {
  await manage(rt, actor);
  const rows = await rt.db.wordFilter.findMany({ orderBy: { term: "asc" }, take: WORD_FILTER_MAX_ENTRIES });
  return rows.map(toDTO);
}

export async function addWordFilter(rt: Runtime, actor: StaffActor, input: unknown): Promise<WordFilterDTO> {
  await manage(rt, actor);
  const { term, mode } = parseInput(ZWordFilterRequest, input);
  const db = rt.db;
  if ((await db.wordFilter.count()) >= WORD_FILTER_MAX_ENTRIES) throw new AppError("CONFLICT", `The word filter holds at most ${WORD_FILTER_MAX_ENTRIES} terms.`);
  try {
    const row = await db.$transaction(async (tx) => {
      const created = await tx.wordFilter.create({ data: { term, mode, createdById: actor.id } });
      await recordAudit(tx, { actorId: actor.id, action: "wordFilter.add", targetType: "wordFilter", targetId: created.id, details: { term, mode, label: term } });
      return created;
    });
    rt.moderation.invalidate({ kind: "wordFilter" });
    return toDTO(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "This term is already in the filter.", { fieldErrors: { term: ["is already in the filter"] } });
    throw e;
  }
}

export async function removeWordFilter(rt: Runtime, actor: StaffActor, id: unknown): Promise<void> {
  await manage(rt, actor);
  const parsed = ZId.safeParse(id);
  const db = rt.db;
  const row = parsed.success ? await db.wordFilter.findUnique({ where: { id: parsed.data } }) : null;
  if (!row) throw new AppError("NOT_FOUND", "No such term.");
  await db.$transaction(async (tx) => {
    await tx.wordFilter.delete({ where: { id: row.id } });
    await recordAudit(tx, { actorId: actor.id, action: "wordFilter.remove", targetType: "wordFilter", targetId: row.id, details: { term: row.term, mode: row.mode, label: row.term } });
  });
  rt.moderation.invalidate({ kind: "wordFilter" });
}
