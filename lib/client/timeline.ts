/**
 * What the message list shows: stored and pending messages in order, grouped by consecutive
 * author, with a divider at each new day. Pure; `now` and the locale are passed in.
 */
import type { AttachmentDTO, MentionedUser, MessageDTO, ReactionDTO, ThreadSummary } from "@/lib/shared/types";
import type { MessageLog, PendingStatus } from "./messageStore";

export type DeliveryStatus = "sent" | PendingStatus;

export interface TimelineMessage {
  /** Stable React key: the clientId, so a pending message keeps its DOM node once stored. */
  key: string;
  id: string | null;
  seq: number | null;
  clientId: string;
  authorId: string;
  authorName: string;
  authorAvatarUrl: string | null;
  body: string;
  createdAt: string;
  edited: boolean;
  /** When it was last edited (ISO), null if never. */
  editedAt: string | null;
  deleted: boolean;
  /** Deleted by someone other than the author (a moderator or admin). */
  removedByModerator: boolean;
  status: DeliveryStatus;
  error: string | null;
  reactions: readonly ReactionDTO[];
  /** Set on a thread reply (shown in the main timeline only when also sent to the room). */
  threadRootId: string | null;
  /** On a thread root: the summary shown under it. */
  thread: ThreadSummary | null;
  pinned: boolean;
  /** Members named in it (`@Name`), and whether it says `@room` (stored messages only). */
  mentions: readonly string[];
  mentionsRoom: boolean;
  /** The members named, with the name the body wrote: their `@name` renders as a pill by id. */
  mentioned: readonly MentionedUser[];
  attachments: readonly AttachmentDTO[];
}

/** A thread reply that was not also sent to the room: shown only in its thread panel. */
export function isThreadOnly(m: Pick<MessageDTO, "threadRootId" | "alsoInRoom">): boolean {
  return m.threadRootId !== null && !m.alsoInRoom;
}

export type TimelineItem =
  | { kind: "day"; key: string; label: string }
  | { kind: "message"; key: string; message: TimelineMessage; startsGroup: boolean };

/** Messages by the same author closer than this stay in one group. */
export const GROUP_WINDOW_MS = 5 * 60 * 1000;

const NO_MENTIONED: readonly MentionedUser[] = [];

/** Stored messages (by seq) followed by pending ones (in writing order). */
export function timelineMessages(log: MessageLog): TimelineMessage[] {
  const out: TimelineMessage[] = log.messages.filter((m) => !isThreadOnly(m)).map((m) => ({
    key: m.clientId ? `${m.author.id}:${m.clientId}` : m.id,
    id: m.id,
    seq: m.seq,
    clientId: m.clientId,
    authorId: m.author.id,
    authorName: m.author.name,
    authorAvatarUrl: m.author.avatarUrl,
    body: m.body,
    createdAt: m.createdAt,
    edited: m.editedAt !== null,
    editedAt: m.editedAt,
    deleted: m.deleted,
    removedByModerator: m.deleted && m.deletedById !== null && m.deletedById !== m.author.id,
    status: "sent",
    error: null,
    reactions: m.reactions,
    threadRootId: m.threadRootId,
    thread: m.thread,
    pinned: m.pinned !== null,
    mentions: m.mentions,
    mentionsRoom: m.mentionsRoom,
    mentioned: m.mentioned ?? NO_MENTIONED,
    attachments: m.attachments,
  }));
  for (const p of log.pending) {
    out.push({
      key: `${p.author.id}:${p.clientId}`,
      id: null,
      seq: null,
      clientId: p.clientId,
      authorId: p.author.id,
      authorName: p.author.name,
      authorAvatarUrl: p.author.avatarUrl,
      body: p.body,
      createdAt: p.createdAt,
      edited: false,
      editedAt: null,
      deleted: false,
      removedByModerator: false,
      status: p.status,
      error: p.error,
      reactions: [],
      threadRootId: null,
      thread: null,
      pinned: false,
      mentions: [],
      mentionsRoom: false,
      mentioned: NO_MENTIONED,
      attachments: p.attachments ?? [],
    });
  }
  return out;
}

/** Local calendar day, e.g. "2025-03-09". */
export function dayKey(date: Date): string {
  const m = String(date.getMonth() + 1).padStart(2, "0");
  const d = String(date.getDate()).padStart(2, "0");
  return `${date.getFullYear()}-${m}-${d}`;
}

/** The words for the two nearest days, in the active language (the catalogue's `messages.today` / `messages.yesterday`). */
export type DayWords = { today: string; yesterday: string };
const ENGLISH_DAYS: DayWords = { today: "Today", yesterday: "Yesterday" };

/** "Today", "Yesterday", or a date such as "Monday, March 3" (with the year when not this year). */
export function dayLabel(date: Date, now: Date, locale?: string, words: DayWords = ENGLISH_DAYS): string {
  const today = dayKey(now);
  const key = dayKey(date);
  if (key === today) return words.today;
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (key === dayKey(yesterday)) return words.yesterday;
  return new Intl.DateTimeFormat(locale, {
    weekday: "long",
    month: "long",
    day: "numeric",
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: "numeric" }),
  }).format(date);
}

export function timeLabel(date: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" }).format(date);
}

/** The time without "AM"/"PM" (e.g. "5:56"), for the narrow gutter beside grouped messages. */
export function shortTimeLabel(date: Date, locale?: string): string {
  const parts = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" }).formatToParts(date);
  return parts
    .filter((p) => p.type !== "dayPeriod")
    .map((p) => p.value)
    .join("")
    .trim();
}

export function fullTimestamp(date: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short" }).format(date);
}

export function buildTimeline(messages: readonly TimelineMessage[], now: Date, locale?: string, words?: DayWords): TimelineItem[] {
  const items: TimelineItem[] = [];
  let lastDay: string | null = null;
  let previous: TimelineMessage | null = null;
  for (const message of messages) {
    const at = new Date(message.createdAt);
    const day = dayKey(at);
    let startsGroup = previous === null || previous.authorId !== message.authorId;
    if (day !== lastDay) {
      items.push({ kind: "day", key: `day:${day}:${message.key}`, label: dayLabel(at, now, locale, words) });
      lastDay = day;
      startsGroup = true;
    }
    if (!startsGroup && previous && at.getTime() - new Date(previous.createdAt).getTime() > GROUP_WINDOW_MS) startsGroup = true;
    items.push({ kind: "message", key: message.key, message, startsGroup });
    previous = message;
  }
  return items;
}

/** The message mentions `selfId` by name, or says `@room` and is not theirs. */
export function mentionsSelf(m: Pick<TimelineMessage, "mentions" | "mentionsRoom" | "authorId">, selfId: string): boolean {
  return m.mentions.includes(selfId) || (m.mentionsRoom && m.authorId !== selfId);
}
