/** axe-core in the page (the accessibility spec and the specs of screens it cannot reach easily, e.g. the sign-in code step). */
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import type { AxeResults } from "axe-core";

declare global {
  interface Window {
    axe: { run: (context: Document, options: object) => Promise<AxeResults> };
  }
}

const AXE = path.resolve("node_modules/axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/** axe-core's violations on the page as it is now, one readable line per node. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), TAGS);
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1).join(" ") ?? v.help}`));
}

export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  expect(await violations(page), `axe on ${screen}`).toEqual([]);
}
