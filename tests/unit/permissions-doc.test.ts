/**
 * docs/permissions.md and the policy table must agree: every action in RULES has a row, every
 * row names a real action, every cell equals `can()` for that column's role, and the additive
 * rule the page states holds for every combination of global role x room role x author.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { can, outranks, rankOf, RULES, type Action, type GlobalRoleName, type PolicyContext, type RoomRoleName } from "@/server/services/policy";

const doc = readFileSync(path.resolve(import.meta.dirname, "../../docs/permissions.md"), "utf8");

const COLUMNS: Record<string, PolicyContext> = {
  Admin: { globalRole: "ADMIN", roomRole: null },
  "Global mod": { globalRole: "MODERATOR", roomRole: null },
  "Room owner": { globalRole: "MEMBER", roomRole: "OWNER" },
  "Room mod": { globalRole: "MEMBER", roomRole: "MODERATOR" },
  Member: { globalRole: "MEMBER", roomRole: "MEMBER" },
  Author: { globalRole: "MEMBER", roomRole: null, isAuthor: true },
  "Non-member": { globalRole: "MEMBER", roomRole: null },
};

function parseTable(): { header: string[]; rows: Map<string, Record<string, boolean>> } {
  const lines = doc.split("\n").filter((l) => l.startsWith("| `") || l.startsWith("| Action |"));
  const split = (l: string) => l.split("|").slice(1, -1).map((c) => c.trim());
  const headerLine = lines.find((l) => l.startsWith("| Action |"));
  if (!headerLine) throw new Error("no permission table in docs/permissions.md");
  const header = split(headerLine);
  const rows = new Map<string, Record<string, boolean>>();
  for (const line of lines.filter((l) => l.startsWith("| `"))) {
    const cells = split(line);
    const action = cells[0]!.replace(/`/g, "");
    const row: Record<string, boolean> = {};
    header.forEach((col, i) => {
      if (col in COLUMNS) {
        const cell = cells[i];
        if (cell !== "✓" && cell !== "✗") throw new Error(`${action} / ${col}: cell must be ✓ or ✗, got ${cell}`);
        row[col] = cell === "✓";
      }
    });
    rows.set(action, row);
  }
  return { header, rows };
}

describe("docs/permissions.md", () => {
  const { header, rows } = parseTable();

  it("has a column for every representative role", () => {
    for (const col of Object.keys(COLUMNS)) expect(header).toContain(col);
  });

  it("lists exactly the actions of the policy table (else run `npm run docs:permissions`)", () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(RULES).sort());
  });

  it("has every cell equal to can() for that role", () => {
    for (const [action, row] of rows) {
      for (const [col, ctx] of Object.entries(COLUMNS)) {
        expect({ action, col, allowed: can(action as Action, ctx) }).toEqual({ action, col, allowed: row[col] });
      }
    }
  });

  it("is additive: any held role's grant allows, for every global x room x author combination", () => {
    const globals: GlobalRoleName[] = ["ADMIN", "MODERATOR", "MEMBER"];
    const roomRoles: (RoomRoleName | null)[] = ["OWNER", "MODERATOR", "MEMBER", null];
    const roomCol: Record<RoomRoleName, string> = { OWNER: "Room owner", MODERATOR: "Room mod", MEMBER: "Member" };
    const globalCol: Partial<Record<GlobalRoleName, string>> = { ADMIN: "Admin", MODERATOR: "Global mod" };
    for (const [action, row] of rows) {
      for (const globalRole of globals) {
        for (const roomRole of roomRoles) {
          for (const isAuthor of [false, true]) {
            const gc = globalCol[globalRole];
            const expected =
              row["Non-member"]! || (roomRole !== null && row[roomCol[roomRole]]!) || (isAuthor && row.Author!) || (gc !== undefined && row[gc]!);
            const actual = can(action as Action, { globalRole, roomRole, isAuthor });
            expect({ action, globalRole, roomRole, isAuthor, allowed: actual }).toEqual({ action, globalRole, roomRole, isAuthor, allowed: expected });
          }
        }
      }
    }
  });

  it("states the rank order the code uses", () => {
    const ranks = [...doc.matchAll(/^\| (\d) \| (.+) \|$/gm)].map((m) => [Number(m[1]), m[2]!.trim()] as const);
    const expected: Record<string, number> = {
      "global admin": rankOf("ADMIN"),
      "global moderator": rankOf("MODERATOR"),
      "room owner": rankOf("MEMBER", "OWNER"),
      "room moderator": rankOf("MEMBER", "MODERATOR"),
      member: rankOf("MEMBER", "MEMBER"),
    };
    expect(Object.fromEntries(ranks.map(([n, who]) => [who, n]))).toEqual(expected);
    expect(outranks({ globalRole: "MEMBER", roomRole: "MODERATOR" }, { globalRole: "MEMBER", roomRole: "OWNER" })).toBe(false);
    expect(outranks({ globalRole: "MEMBER", roomRole: "OWNER" }, { globalRole: "MEMBER", roomRole: "MODERATOR" })).toBe(true);
    expect(outranks({ globalRole: "MODERATOR" }, { globalRole: "MODERATOR" })).toBe(false);
    expect(outranks({ globalRole: "ADMIN" }, { globalRole: "MODERATOR" })).toBe(true);
    expect(outranks({ globalRole: "MODERATOR" }, { globalRole: "MEMBER", roomRole: "OWNER" })).toBe(true);
  });
});
