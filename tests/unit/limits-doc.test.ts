/**
 * docs/api.md "Rate limits" and the one table of limits (server/services/limits-table.ts) must
 * agree: one row per limit with its size, key and exemption, each socket event named under the
 * limits it counts against, and one row per coalesced event with its window.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tableRows as tableRowsOf } from "../helpers/doc-tables";
import { CLIENT_EVENTS } from "@/lib/shared/events";
import { RATE_LIMITS, SOCKET_EVENT_LIMITS, type LimitSpec, type RateLimitName } from "@/server/services/limits-table";

const doc = readFileSync(path.resolve(import.meta.dirname, "../../docs/api.md"), "utf8");

const tableRows = (marker: string) => tableRowsOf(doc, marker);
const unquote = (cell: string) => cell.replace(/`/g, "");

describe("docs/api.md rate limits", () => {
  const rows = tableRows("rate-limits");

  it("lists every limit of the table, with its size, key and staff exemption", () => {
    const documented = Object.fromEntries(
      rows.map(([name = "", size = "", per = ""]) => {
        const m = /^(\d+) per (\d+) s$/.exec(size);
        const spec: LimitSpec = { points: Number(m?.[1]), duration: Number(m?.[2]), per: per.split(" ")[0] as LimitSpec["per"], ...(per.includes("staff exempt") ? { staffExempt: true as const } : {}) };
        return [unquote(name), spec];
      }),
    );
    expect(documented).toEqual(RATE_LIMITS);
  });

  it("names each socket event under every limit it counts against", () => {
    const countedBy = new Map(rows.map(([name = "", , , by = ""]) => [unquote(name), by]));
    for (const event of CLIENT_EVENTS) {
      const spec = SOCKET_EVENT_LIMITS[event];
      if (spec.kind !== "limit") continue;
      for (const name of spec.names) expect({ event, name, named: (countedBy.get(name) ?? "").includes(`\`${event}\``) }).toEqual({ event, name, named: true });
    }
    // And no event is named under a limit it does not count against.
    for (const [name, by] of countedBy) {
      for (const [, event] of by.matchAll(/`([a-z]+:[a-z]+)`/g)) {
        const spec = SOCKET_EVENT_LIMITS[event as keyof typeof SOCKET_EVENT_LIMITS];
        expect({ name, event, counts: spec?.kind === "limit" && spec.names.includes(name as RateLimitName) }).toEqual({ name, event, counts: true });
      }
    }
  });

  it("lists every coalesced event with its window", () => {
    const documented = Object.fromEntries(tableRows("coalesced-events").map(([event = "", window = ""]) => [unquote(event), Number(window.replace(" ms", ""))]));
    const coded = Object.fromEntries(Object.entries(SOCKET_EVENT_LIMITS).flatMap(([event, spec]) => (spec.kind === "coalesce" ? [[event, spec.windowMs]] : [])));
    expect(documented).toEqual(coded);
  });
});
