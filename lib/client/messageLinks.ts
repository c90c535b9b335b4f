/**
 * Where a message lives and how it is quoted: the link "Copy link" shares (the room page with
 * `?m=<seq>`, the jump search results use too) and the `> ` lines "Quote reply" puts in the
 * composer. Pure.
 */
/**
 * The room page scrolled to the message `seq` of `roomId`: `/chat/<roomId>?m=<seq>`; for a reply
 * shown only in its thread, `threadOnlyRootId` also opens that thread (`&thread=<rootId>`).
 */
export function messageHref(roomId: string, seq: number, threadOnlyRootId: string | null = null): string {
  const base = `/chat/${encodeURIComponent(roomId)}?m=${seq}`;
  return threadOnlyRootId ? `${base}&thread=${encodeURIComponent(threadOnlyRootId)}` : base;
}

/** `body` as a markdown quote (`> ` before each line), then an empty line to write under. */
export function quoteOf(body: string): string {
  return `${body.trimEnd().split("\n").map((line) => (line ? `> ${line}` : ">")).join("\n")}\n\n`;
}

/** The composer's text with the quote put before what was already written there. */
export function withQuote(draft: string, body: string): string {
  return draft.trim() ? `${quoteOf(body)}${draft}` : quoteOf(body);
}
