/**
 * The word filter: terms an admin adds, each blocking the message (the sender gets
 * CONTENT_BLOCKED naming the term) or masking it with asterisks. The compiled list is cached
 * per process and rebuilt after any change on any instance (moderation-state invalidation).
 */
import { AppError } from "@/lib/shared/errors";
import { WORD_FILTER_MAX_ENTRIES, ZWordFilterRequest, type WordFilterDTO } from "@/lib/shared/moderation";
import { ZId } from "@/lib/shared/schemas";
import { getDb } from "../db";
import { recordAudit } from "./audit";
import { isUniqueViolation } from "./errors";
import { invalidate, onWordFilterInvalidated } from "./moderation-state";
import { authorize } from "./policy";
import { roleOf, type StaffActor } from "./admin-users";
import { parseInput } from "./validate";
import { WordMatcher, type FilterResult } from "./word-filter-match";

const holder = globalThis as unknown as { __parleyWordMatcher?: Promise<WordMatcher> | null; __parleyWordHook?: boolean };

function matcher(): Promise<WordMatcher> {
  if (!holder.__parleyWordHook) {
    holder.__parleyWordHook = true;
    onWordFilterInvalidated(() => {
      holder.__parleyWordMatcher = null;
    });
  }
  holder.__parleyWordMatcher ??= getDb()
    .wordFilter.findMany({ select: { term: true, mode: true } })
    .then((rows) => new WordMatcher(rows))
    .catch((e: unknown) => {
      holder.__parleyWordMatcher = null; // try again next time
      throw e;
    });
  return holder.__parleyWordMatcher;
}

/** Filter a message body: throws CONTENT_BLOCKED, or returns the (possibly masked) body. */
export async function applyWordFilter(body: string): Promise<string> {
  const result: FilterResult = (await matcher()).apply(body);
  if (result.blocked !== null) {
    throw new AppError("CONTENT_BLOCKED", `Your message was not sent: it contains the blocked term “${result.blocked}”.`, { term: result.blocked });
  }
  return result.body;
}

const toDTO = (r: { id: string; term: string; mode: "BLOCK" | "MASK"; createdAt: Date }): WordFilterDTO => ({
  id: r.id,
  term: r.term,
  mode: r.mode,
  createdAt: r.createdAt.toISOString(),
});

async function manage(actor: StaffActor) {
  authorize("wordFilter.manage", { globalRole: await roleOf(actor.id), roomRole: null });
}

export async function listWordFilter(actor: StaffActor): Promise<WordFilterDTO[]> {
  await manage(actor);
  const rows = await getDb().wordFilter.findMany({ orderBy: { term: "asc" }, take: WORD_FILTER_MAX_ENTRIES });
  return rows.map(toDTO);
}

export async function addWordFilter(actor: StaffActor, input: unknown): Promise<WordFilterDTO> {
  await manage(actor);
  const { term, mode } = parseInput(ZWordFilterRequest, input);
  const db = getDb();
  if ((await db.wordFilter.count()) >= WORD_FILTER_MAX_ENTRIES) throw new AppError("CONFLICT", `The word filter holds at most ${WORD_FILTER_MAX_ENTRIES} terms.`);
  try {
    const row = await db.$transaction(async (tx) => {
      const created = await tx.wordFilter.create({ data: { term, mode, createdById: actor.id } });
      await recordAudit(tx, { actorId: actor.id, action: "wordFilter.add", targetType: "wordFilter", targetId: created.id, details: { term, mode, label: term } });
      return created;
    });
    invalidate({ kind: "wordFilter" });
    return toDTO(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "This term is already in the filter.", { fieldErrors: { term: ["is already in the filter"] } });
    throw e;
  }
}

export async function removeWordFilter(actor: StaffActor, id: unknown): Promise<void> {
  await manage(actor);
  const parsed = ZId.safeParse(id);
  const db = getDb();
  const row = parsed.success ? await db.wordFilter.findUnique({ where: { id: parsed.data } }) : null;
  if (!row) throw new AppError("NOT_FOUND", "No such term.");
  await db.$transaction(async (tx) => {
    await tx.wordFilter.delete({ where: { id: row.id } });
    await recordAudit(tx, { actorId: actor.id, action: "wordFilter.remove", targetType: "wordFilter", targetId: row.id, details: { term: row.term, mode: row.mode, label: row.term } });
  });
  invalidate({ kind: "wordFilter" });
}
