/**
 * The outbox's durable copy: every message written but not yet stored by the server is kept in
 * IndexedDB until its send is acknowledged (or the user discards it), so a reload or a browser
 * crash loses nothing. After a restart the entries are queued again with their original
 * clientId: the server dedupes by (author, clientId), so a message whose ack was lost is stored
 * once and answered as a duplicate.
 */
import type { AttachmentDTO } from "@/lib/shared/types";

export interface JournalEntry {
  clientId: string;
  userId: string;
  roomId: string;
  body: string;
  attachments: readonly AttachmentDTO[];
  createdAt: string;
}

export interface OutboxJournal {
  add(entry: JournalEntry): void;
  remove(clientId: string): void;
  /** The user's unsent messages, oldest first. */
  load(userId: string): Promise<JournalEntry[]>;
}

const DB_NAME = "parley-outbox";
const STORE = "messages";

/** The journal in the browser's IndexedDB; every operation is its own transaction. */
export class IndexedDbJournal implements OutboxJournal {
  private db: Promise<IDBDatabase> | null = null;

  constructor(private readonly factory: IDBFactory) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = this.factory.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore(STORE, { keyPath: "clientId" });
        store.createIndex("userId", "userId");
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error("IndexedDB refused to open"));
    });
    return this.db;
  }

  private async run(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest): Promise<unknown> {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
      tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
    });
  }

  add(entry: JournalEntry): void {
    // A plain copy: IndexedDB's structured clone refuses frozen or proxied objects in some engines.
    const copy = { ...entry, attachments: entry.attachments.map((a) => ({ ...a })) };
    this.run("readwrite", (s) => s.put(copy)).catch(warn);
  }

  remove(clientId: string): void {
    this.run("readwrite", (s) => s.delete(clientId)).catch(warn);
  }

  async load(userId: string): Promise<JournalEntry[]> {
    try {
      const rows = (await this.run("readonly", (s) => s.index("userId").getAll(userId))) as JournalEntry[];
      return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    } catch (err) {
      warn(err);
      return [];
    }
  }
}

/** No durable copy (no IndexedDB: an old browser, some private modes, or tests). */
export const noJournal: OutboxJournal = {
  add: () => {},
  remove: () => {},
  load: async () => [],
};

/** The browser's journal where IndexedDB exists. */
export function browserJournal(): OutboxJournal {
  return typeof indexedDB === "undefined" ? noJournal : new IndexedDbJournal(indexedDB);
}

function warn(err: unknown): void {
  console.warn("outbox journal:", err);
}
