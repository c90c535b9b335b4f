/**
 * `npm run docs:permissions`: rewrite the action table in docs/permissions.md from the policy
 * table (RULES). Run it after adding an action; tests/unit/permissions-doc.test.ts fails while
 * the page and the code disagree.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { can, RULES, type Action, type PolicyContext } from "../server/services/policy";

/** One column per role held alone (the page explains the additive rule). Keep in step with the test. */
export const COLUMNS: [string, PolicyContext][] = [
  ["Admin", { globalRole: "ADMIN", roomRole: null }],
  ["Global mod", { globalRole: "MODERATOR", roomRole: null }],
  ["Room owner", { globalRole: "MEMBER", roomRole: "OWNER" }],
  ["Room mod", { globalRole: "MEMBER", roomRole: "MODERATOR" }],
  ["Member", { globalRole: "MEMBER", roomRole: "MEMBER" }],
  ["Author", { globalRole: "MEMBER", roomRole: null, isAuthor: true }],
  ["Non-member", { globalRole: "MEMBER", roomRole: null }],
];

export function permissionTable(): string {
  const lines = [`| Action | ${COLUMNS.map((c) => c[0]).join(" | ")} | Who, in words |`, `|---|${COLUMNS.map(() => ":-:").join("|")}|---|`];
  for (const [action, rule] of Object.entries(RULES)) {
    lines.push(`| \`${action}\` | ${COLUMNS.map(([, ctx]) => (can(action as Action, ctx) ? "✓" : "✗")).join(" | ")} | ${rule.who} |`);
  }
  return lines.join("\n");
}

const START = "<!-- permissions-table:start (npm run docs:permissions) -->";
const END = "<!-- permissions-table:end -->";

if (process.argv[1] && path.resolve(process.argv[1]).endsWith("permissions-table.ts")) {
  const file = path.resolve(import.meta.dirname, "../docs/permissions.md");
  const doc = readFileSync(file, "utf8");
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) throw new Error(`docs/permissions.md lacks the ${START} / ${END} markers`);
  writeFileSync(file, `${doc.slice(0, from + START.length)}\n${permissionTable()}\n${doc.slice(to)}`);
  console.log(`docs/permissions.md: ${Object.keys(RULES).length} actions`);
}
