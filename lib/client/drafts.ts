/**
 * Half-written messages, kept per room and per thread across room switches and reloads.
 *
 * A draft lives in the browser's storage (localStorage in the app) under a key naming the user,
 * so two people sharing a browser never see each other's text. Every write tells subscribers
 * (the composers and the sidebar's draft marks); a write in another tab arrives through the
 * `storage` event and is told the same way.
 */

/** The part of the Web Storage API a draft store needs. */
export interface DraftStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Storage that lasts as long as the page: where the browser refuses localStorage (some private modes). */
export class PageStorage implements DraftStorage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

/** Where a draft belongs: a room's composer, or the reply box of one thread in it. */
export type DraftTarget = { roomId: string; threadRootId?: string | null };

/** Longest draft kept (a little over the message limit, so an over-long draft is not cut). */
const MAX_DRAFT_LENGTH = 20_000;

export class DraftStore {
  private readonly prefix: string;
  private readonly listeners = new Set<() => void>();
  /** The live drafts by storage key, exactly as typed; storage holds the non-blank ones. */
  private readonly texts = new Map<string, string>();
  /** Room ids with a draft of the room's own composer (threads don't mark the room). */
  private roomsSnapshot: ReadonlySet<string> = new Set();

  constructor(
    private readonly storage: DraftStorage,
    userId: string,
  ) {
    this.prefix = `parley:draft:v1:${userId}:`;
    try {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(this.prefix)) this.texts.set(key, storage.getItem(key) ?? "");
      }
    } catch {
      // Unreadable storage: start with no drafts.
    }
    this.roomsSnapshot = this.scanRooms();
  }

  private keyOf({ roomId, threadRootId }: DraftTarget): string {
    return threadRootId ? `${this.prefix}${roomId}/thread/${threadRootId}` : `${this.prefix}${roomId}`;
  }

  get(target: DraftTarget): string {
    return this.texts.get(this.keyOf(target)) ?? "";
  }

  /** Keep `text` as the target's draft (stored unless blank). */
  set(target: DraftTarget, text: string): void {
    const key = this.keyOf(target);
    const kept = text.slice(0, MAX_DRAFT_LENGTH);
    if (kept === "") this.texts.delete(key);
    else this.texts.set(key, kept);
    try {
      if (kept.trim() === "") this.storage.removeItem(key);
      else this.storage.setItem(key, kept);
    } catch {
      // Storage full or refused (private mode): the draft lives on in this page only.
    }
    this.changed();
  }

  clear(target: DraftTarget): void {
    this.set(target, "");
  }

  /** The rooms whose composer holds a draft; the same object until one changes. */
  roomsWithDrafts = (): ReadonlySet<string> => this.roomsSnapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A `storage` event from another tab: take the new value and tell subscribers, if it was one of ours. */
  onStorageEvent(key: string | null, newValue: string | null): void {
    if (key !== null && !key.startsWith(this.prefix)) return;
    if (key === null) this.texts.clear();
    else if (newValue === null) this.texts.delete(key);
    else this.texts.set(key, newValue);
    this.changed();
  }

  private changed(): void {
    const next = this.scanRooms();
    if (!sameSet(next, this.roomsSnapshot)) this.roomsSnapshot = next;
    for (const listener of this.listeners) listener();
  }

  private scanRooms(): ReadonlySet<string> {
    const rooms = new Set<string>();
    for (const [key, text] of this.texts) {
      const rest = key.slice(this.prefix.length);
      if (!rest.includes("/") && text.trim() !== "") rooms.add(rest);
    }
    return rooms;
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
