import { describe, expect, it, vi } from "vitest";
import type { MessageDTO } from "@/lib/shared/types";
import { mergeMessages } from "@/lib/client/messageStore";
import { MAX_AUTO_RETRIES, Outbox } from "@/lib/client/sync/outbox";
import { ana } from "./client-fixtures";
import { FakeRoomServer, flush, roomContext } from "./client-sync-fakes";

function setup() {
  const server = new FakeRoomServer();
  const room = roomContext(server);
  let n = 0;
  let liveEnd = 0;
  const outbox = new Outbox(room, {
    self: ana,
    newClientId: () => `client-${++n}`,
    retryMs: 1000,
    onStored: (m: MessageDTO) => room.store.update({ log: mergeMessages(room.store.get().log, [m]) }),
    toLiveEnd: () => liveEnd++,
  });
  return { server, room, outbox, liveEnd: () => liveEnd, pending: () => room.store.get().log.pending, stored: () => room.store.get().log.messages.map((m) => m.body) };
}

describe("sync/outbox", () => {
  it("sends at once when connected; the stored copy replaces the pending one", async () => {
    const { server, outbox, pending, stored } = setup();
    const id = outbox.send(" hi ");
    expect(pending()).toMatchObject([{ clientId: id, body: "hi", status: "sending" }]);
    await flush();
    expect(server.sends).toMatchObject([{ clientId: id, body: "hi" }]);
    expect(pending()).toEqual([]);
    expect(stored()).toEqual(["hi"]);
  });

  it("queues offline, requeues in-flight sends on disconnect, and sends in order on connect", async () => {
    const { server, outbox, pending, stored } = setup();
    server.connected = false;
    outbox.send("one");
    outbox.send("two");
    outbox.onDisconnect();
    expect(pending().map((p) => p.status)).toEqual(["queued", "queued"]);
    server.connected = true;
    outbox.onConnect();
    await flush();
    expect(stored()).toEqual(["one", "two"]);
  });

  it("backs off on a retryable refusal (honouring retryAfterMs), keeping later messages behind it", async () => {
    vi.useFakeTimers();
    try {
      const { server, outbox, stored } = setup();
      server.sendAnswers.push({ code: "RATE_LIMITED", message: "slow down", details: { retryAfterMs: 3000 } });
      outbox.send("first");
      await flush();
      outbox.send("second");
      await vi.advanceTimersByTimeAsync(2999);
      expect(server.sends.map((s) => s.body)).toEqual(["first"]);
      await vi.advanceTimersByTimeAsync(1);
      await flush();
      expect(server.sends.map((s) => s.body)).toEqual(["first", "first", "second"]);
      expect(stored()).toEqual(["first", "second"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("server:writable ends the backoff of a send refused because the database was unreachable, not a wait the server asked for", async () => {
    vi.useFakeTimers();
    try {
      const { server, outbox, stored } = setup();
      server.sendAnswers.push({ code: "UNAVAILABLE", message: "down" }, { code: "UNAVAILABLE", message: "down" }, { code: "UNAVAILABLE", message: "down" });
      outbox.send("first");
      await vi.advanceTimersByTimeAsync(0);
      outbox.send("second");
      // Refused at once, then after 1 s and 2 s: the next retry would be 4 s away.
      await vi.advanceTimersByTimeAsync(3000);
      expect(server.sends.map((s) => s.body)).toEqual(["first", "first", "first"]);
      outbox.onWritable();
      await vi.advanceTimersByTimeAsync(0);
      expect(server.sends.map((s) => s.body)).toEqual(["first", "first", "first", "first", "second"]);
      expect(stored()).toEqual(["first", "second"]);
      // A rate limit's retryAfterMs is kept.
      server.sendAnswers.push({ code: "RATE_LIMITED", message: "slow down", details: { retryAfterMs: 3000 } });
      outbox.send("third");
      await vi.advanceTimersByTimeAsync(0);
      outbox.onWritable();
      await vi.advanceTimersByTimeAsync(100);
      expect(server.sends.filter((s) => s.body === "third")).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(3000);
      expect(stored()).toEqual(["first", "second", "third"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("fails after MAX_AUTO_RETRIES TIMEOUTs; Retry re-sends the same clientId; a final refusal then hands the text back", async () => {
    vi.useFakeTimers();
    try {
      const { server, room, outbox, pending } = setup();
      for (let i = 0; i <= MAX_AUTO_RETRIES; i++) server.sendAnswers.push({ code: "TIMEOUT", message: "No answer" });
      const id = outbox.send("never");
      await vi.advanceTimersByTimeAsync(120_000);
      expect(server.sends).toHaveLength(MAX_AUTO_RETRIES + 1);
      expect(pending()).toMatchObject([{ clientId: id, status: "failed", error: "No answer" }]);
      server.sendAnswers.push({ code: "FORBIDDEN", message: "no" });
      if (id) outbox.retry(id);
      await flush();
      expect(server.sends.at(-1)?.clientId).toBe(id);
      expect(pending()).toEqual([]);
      expect(room.store.get().refused).toEqual({ clientId: id, body: "never", attachments: [], code: "FORBIDDEN", message: "no", returned: false });
    } finally {
      vi.useRealTimers();
    }
  });

  it("a refusal no retry can change offers no Retry: the text is handed back with the reason; SLOW_MODE waits instead", async () => {
    vi.useFakeTimers();
    try {
      const { server, room, outbox, pending, stored } = setup();
      server.sendAnswers.push({ code: "CONTENT_BLOCKED", message: "That word is not allowed here." });
      const id = outbox.send("a bad word");
      await flush();
      expect(pending()).toEqual([]);
      expect(room.store.get().refused).toMatchObject({ clientId: id, body: "a bad word", code: "CONTENT_BLOCKED", message: "That word is not allowed here." });
      // Slow mode: queued with the reason, sent by itself once the window has passed.
      server.sendAnswers.push({ code: "SLOW_MODE", message: "Slow mode is on", details: { retryAfterMs: 5000 } });
      outbox.send("patient");
      await flush();
      expect(pending()).toMatchObject([{ body: "patient", status: "queued", error: "Slow mode is on" }]);
      await vi.advanceTimersByTimeAsync(5000);
      await flush();
      expect(stored()).toEqual(["patient"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("goes back to the live end when writing into a detached log, and refuses empty bodies", () => {
    const { room, outbox, liveEnd } = setup();
    expect(outbox.send("  ")).toBeNull();
    room.store.update({ hasMoreNewer: true });
    outbox.send("back to now");
    expect(liveEnd()).toBe(1);
  });
});
