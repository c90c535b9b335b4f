/**
 * The compiled word filter of one runtime: loaded on first use, rebuilt after any change on any
 * instance (a moderation-state invalidation of kind "wordFilter").
 */
import { AppError } from "@/lib/shared/errors";
import type { Db } from "../db";
import type { ModerationCaches } from "./moderation-state";
import { WordMatcher, type FilterResult } from "./word-filter-match";

export class WordFilterCache {
  private matcher: Promise<WordMatcher> | null = null;

  constructor(
    private readonly db: Db,
    moderation: ModerationCaches,
  ) {
    moderation.onWordFilterInvalidated(() => {
      this.matcher = null;
    });
  }

  private load(): Promise<WordMatcher> {
    this.matcher ??= this.db.wordFilter
      .findMany({ select: { term: true, mode: true } })
      .then((rows) => new WordMatcher(rows))
      .catch((e: unknown) => {
        this.matcher = null; // try again next time
        throw e;
      });
    return this.matcher;
  }

  /** Filter a message body: throws CONTENT_BLOCKED, or returns the (possibly masked) body. */
  async apply(body: string): Promise<string> {
    const result: FilterResult = (await this.load()).apply(body);
    if (result.blocked !== null) {
      throw new AppError("CONTENT_BLOCKED", `Your message was not sent: it contains the blocked term “${result.blocked}”.`, { term: result.blocked });
    }
    return result.body;
  }
}
