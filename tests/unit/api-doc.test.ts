/**
 * docs/api.md and the contract must agree: the client -> server and server -> client tables list
 * exactly the events of ClientToServerEvents / ServerToClientEvents (lib/shared/events.ts, read as
 * text so a new event cannot hide from this test), and the error table lists exactly the codes of
 * lib/shared/errors.ts with their HTTP status and whether they are retryable.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tableRows as tableRowsOf } from "../helpers/doc-tables";
import { CLIENT_EVENTS } from "@/lib/shared/events";
import { ErrorCode, httpStatus, retryableCodes } from "@/lib/shared/errors";

const root = path.resolve(import.meta.dirname, "../..");
const doc = readFileSync(path.join(root, "docs/api.md"), "utf8");
const eventsSource = readFileSync(path.join(root, "lib/shared/events.ts"), "utf8");

/** The event names declared in `export interface <name> { ... }` of events.ts. */
function interfaceKeys(name: string): string[] {
  const start = eventsSource.indexOf(`export interface ${name} {`);
  if (start < 0) throw new Error(`lib/shared/events.ts has no interface ${name}`);
  const end = eventsSource.indexOf("\n}", start);
  const body = eventsSource.slice(start, end);
  return [...body.matchAll(/^ {2}(?:"([^"]+)"|([A-Za-z][\w]*))\s*[:(]/gm)].map((m) => m[1] ?? m[2]!);
}

const tableRows = (marker: string) => tableRowsOf(doc, marker);

const firstColumn = (rows: string[][]) => rows.map((r) => r[0]!.replace(/`/g, ""));

describe("docs/api.md", () => {
  it("reads the client events from the source as the runtime list has them", () => {
    expect(interfaceKeys("ClientToServerEvents").sort()).toEqual([...CLIENT_EVENTS].sort());
  });

  it("has one row per client -> server event, with its errors", () => {
    const rows = tableRows("client-events");
    expect(firstColumn(rows).sort()).toEqual(interfaceKeys("ClientToServerEvents").sort());
    const codes = new Set<string>(Object.values(ErrorCode));
    for (const row of rows) {
      const errors = row[3] ?? "";
      // Every code named in the errors column is a real one; VALIDATION_FAILED wherever a payload is parsed.
      for (const [, code] of errors.matchAll(/`([A-Z_]+)`/g)) expect({ event: row[0], code, known: codes.has(code!) }).toEqual({ event: row[0], code, known: true });
      if (row[0] !== "`admin:unsubscribe`") expect({ event: row[0], errors }).toEqual({ event: row[0], errors: expect.stringContaining("`VALIDATION_FAILED`") });
    }
  });

  it("lists every refusal of message:send", () => {
    const send = tableRows("client-events").find((r) => r[0] === "`message:send`");
    const named = new Set([...(send?.[3] ?? "").matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]));
    for (const code of ["VALIDATION_FAILED", "NOT_FOUND", "FORBIDDEN", "CONFLICT", "BANNED", "MUTED", "ROOM_LOCKED", "SLOW_MODE", "CONTENT_BLOCKED", "RATE_LIMITED", "UNAVAILABLE", "INTERNAL"]) {
      expect({ code, listed: named.has(code) }).toEqual({ code, listed: true });
    }
  });

  it("has one row per server -> client event", () => {
    expect(firstColumn(tableRows("server-events")).sort()).toEqual(interfaceKeys("ServerToClientEvents").sort());
  });

  it("has one row per error code, with its HTTP status and retryability", () => {
    const rows = tableRows("error-codes");
    expect(firstColumn(rows).sort()).toEqual(Object.values(ErrorCode).sort());
    for (const row of rows) {
      const code = row[0]!.replace(/`/g, "") as ErrorCode;
      expect({ code, http: Number(row[1]) }).toEqual({ code, http: httpStatus[code] });
      expect({ code, retryable: row[2]!.startsWith("yes") }).toEqual({ code, retryable: retryableCodes.has(code) });
    }
  });
});
