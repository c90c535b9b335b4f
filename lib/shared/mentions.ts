/**
 * `@name` and `@room` in a message body, the same on server (what is stored) and client (the
 * composer's suggestions). Display names may hold spaces, so at each `@` the longest member
 * name that follows (case-insensitive, ending at a word boundary) wins; `@room` reaches every
 * member. An `@` inside a word (an email address) is not a mention.
 */

export interface MentionTargets {
  /** Members named in the body, the author excluded. */
  userIds: string[];
  /** The body says `@room`. */
  room: boolean;
}

export const NO_MENTIONS: MentionTargets = { userIds: [], room: false };

/** The word after `@` that reaches everyone in the room. */
export const ROOM_MENTION = "room";

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const isBoundary = (ch: string | undefined) => ch === undefined || !WORD_CHAR.test(ch);

/** Who `body` mentions among `members` (pure). */
export function parseMentions(body: string, members: readonly { id: string; name: string }[], authorId: string): MentionTargets {
  if (!body.includes("@")) return NO_MENTIONS;
  const lower = body.toLowerCase();
  const byLength = members.map((m) => ({ id: m.id, name: m.name.toLowerCase() })).sort((a, b) => b.name.length - a.name.length);
  const named = new Set<string>();
  let room = false;
  for (let at = lower.indexOf("@"); at !== -1; at = lower.indexOf("@", at + 1)) {
    if (!isBoundary(lower[at - 1])) continue;
    const rest = lower.slice(at + 1);
    const member = byLength.find((m) => m.name.length > 0 && rest.startsWith(m.name) && isBoundary(rest[m.name.length]));
    if (member) named.add(member.id);
    else if (rest.startsWith(ROOM_MENTION) && isBoundary(rest[ROOM_MENTION.length])) room = true;
  }
  named.delete(authorId);
  return { userIds: [...named], room };
}

/** A mention recorded with a message: who, and the name it was written with (null: unknown, use the current name). */
export interface MentionLabel {
  id: string;
  label: string;
}

/** A piece of text: plain, or a recorded mention (`text` is what the body says, e.g. "@ana"). */
export type MentionPiece = string | { userId: string; text: string };

/**
 * Split `text` at the `@label` tokens of recorded mentions (case-insensitive, the longest label
 * first, ending at a word boundary, never inside a word: the rules of parseMentions), so they
 * can render as pills by user id. Text without a recorded mention comes back as one string.
 */
export function splitMentions(text: string, mentions: readonly MentionLabel[]): MentionPiece[] {
  if (mentions.length === 0 || !text.includes("@")) return [text];
  const lower = text.toLowerCase();
  const byLength = mentions.map((m) => ({ id: m.id, label: m.label.toLowerCase() })).filter((m) => m.label.length > 0).sort((a, b) => b.label.length - a.label.length);
  const out: MentionPiece[] = [];
  let from = 0;
  for (let at = lower.indexOf("@"); at !== -1; at = lower.indexOf("@", at + 1)) {
    if (!isBoundary(lower[at - 1])) continue;
    const rest = lower.slice(at + 1);
    const hit = byLength.find((m) => rest.startsWith(m.label) && isBoundary(rest[m.label.length]));
    if (!hit) continue;
    if (at > from) out.push(text.slice(from, at));
    const end = at + 1 + hit.label.length;
    out.push({ userId: hit.id, text: text.slice(at, end) });
    from = end;
    at = end - 1;
  }
  if (from < text.length) out.push(text.slice(from));
  return out.length > 0 ? out : [text];
}
