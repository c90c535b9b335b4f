/**
 * Hostile message bodies are stored as sent and render inert in Chromium: no script runs, no
 * dialog opens, no unsafe link or element appears, bidi overrides stay inside their message,
 * and an oversized body is refused without harming the page. The page runs under the CSP.
 */
import { createRoomViaApi, expect, seedMessages, settled, test } from "./fixtures";

const HOSTILE = [
  "<script>window.__pwned = 'script'</script>",
  "<img src=x onerror=\"window.__pwned = 'img'\">",
  '<a href="javascript:window.__pwned=1">html link</a>',
  "[md link](javascript:window.__pwned='md')",
  "[mixed case](JaVaScRiPt:window.__pwned='case')",
  "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "<javascript:window.__pwned='auto'>",
  "![pic](javascript:window.__pwned='img-md')",
  "<svg onload=\"window.__pwned='svg'\"><circle/></svg>",
  "<iframe srcdoc=\"<script>parent.__pwned='frame'</script>\"></iframe>",
  "*<b onmouseover=\"window.__pwned='hover'\">hover me</b>*",
  "<details open ontoggle=\"window.__pwned='toggle'\">x</details>",
  "<style>body{display:none}</style>",
  "safe [link](https://example.com/page) and https://example.org/auto",
  "zero\u200Bwidth\u200Djoin\uFEFFers",
  "\u202Etxt.exe and \u202Dmore \u2067isolate",
];

test("hostile bodies render inert, links are safe, and bidi overrides stay inside the message", async ({ page, context, baseURL, user }) => {
  const room = await createRoomViaApi(page.request);
  const dialogs: string[] = [];
  const cspViolations: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(msg.text())) cspViolations.push(msg.text());
  });
  await seedMessages(context, baseURL ?? "", room.id, HOSTILE);
  await page.goto(`/chat/${room.id}`);
  const list = page.getByTestId("message-list");
  await expect(list.getByTestId("message")).toHaveCount(HOSTILE.length);

  // Markup shows as the text that was typed.
  await expect(list.getByTestId("message-body").filter({ hasText: "<script>window.__pwned" })).toHaveCount(1);
  // Nothing active was created from a message.
  await expect(list.locator("script, img, iframe, svg[onload], style, details, [onerror], [onload], [onmouseover], [ontoggle]")).toHaveCount(0);
  // Every link is http(s) or mailto, opens a new tab and leaks no opener or referrer.
  const links = list.getByTestId("message-body").locator("a");
  await expect(links).toHaveCount(2);
  for (const href of await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) expect(href).toMatch(/^(https?|mailto):/);
  for (const rel of await links.evaluateAll((as) => as.map((a) => a.getAttribute("rel") ?? ""))) expect(rel).toContain("noopener");
  // Hover and click what used to be dangerous; nothing runs.
  await list.getByText("hover me").hover();
  await list.getByText("md link").click();

  // Bidi: every body isolates its direction, so the override cannot flip the author name.
  const bidi = await list.getByTestId("message-body").evaluateAll((els) => els.map((e) => getComputedStyle(e).unicodeBidi));
  expect(new Set(bidi)).toEqual(new Set(["isolate"]));
  await expect(page.getByTestId("current-user-name")).toHaveText(user.name);

  // A 100 kB body: the composer refuses to send it and says why; nothing is stored.
  const input = page.getByRole("textbox", { name: `Message #${room.name}` });
  await input.fill("A".repeat(100_000));
  await input.press("Enter");
  await expect(page.getByText(/characters over the limit/)).toBeVisible();
  await input.fill("");
  const history = await page.request.get(`/api/rooms/${room.id}/messages?limit=100`);
  const { messages } = (await history.json()) as { messages: { body: string }[] };
  expect(messages.map((m) => m.body)).toEqual(HOSTILE);

  await settled(page);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(cspViolations).toEqual([]);
});
