/**
 * Code blocks (#16 item 12): fenced code is highlighted (highlight.js, loaded lazily) and has a
 * copy button; on a phone a long line scrolls inside the block instead of widening the page.
 */
import type { Page } from "@playwright/test";
import { composer, createRoomViaApi, expect, test } from "./fixtures";

const CODE = "const answer: number = 42;\nfunction greet(name: string) {\n  return `hi ${name}`;\n}";

async function sendCode(page: Page, roomName: string, body: string) {
  const input = composer(page, roomName);
  await input.fill(body);
  await input.press("Enter");
}

test.describe("code blocks at desktop size", () => {
  test("a fenced block is highlighted in its language and Copy puts the code on the clipboard", async ({ page, user, context }) => {
    expect(user.name).toBeTruthy();
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const room = await createRoomViaApi(page.request);
    await page.goto(`/chat/${room.id}`);
    await sendCode(page, room.name, "Look:\n```ts\n" + CODE + "\n```");
    const block = page.getByTestId("message").getByTestId("code-block");
    await expect(block).toHaveAttribute("data-language", "typescript");
    await expect(block.locator("code")).toHaveAttribute("data-highlighted", "true");
    await expect(block.locator(".hljs-keyword").first()).toHaveText("const");
    await expect(block.locator("code")).toHaveText(CODE);

    await block.getByRole("button", { name: "Copy code" }).click();
    await expect(block.getByRole("button", { name: "Code copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(CODE);

    // Markup in code stays text; an unknown language stays plain.
    await sendCode(page, room.name, "```nosuchlang\n<img src=x onerror=alert(1)>\n```");
    const plain = page.getByTestId("code-block").filter({ hasText: "<img src=x" });
    await expect(plain.locator("code")).toHaveText("<img src=x onerror=alert(1)>");
    await expect(plain.locator("img")).toHaveCount(0);
    await expect(plain).not.toHaveAttribute("data-language", /./);
  });
});

test.describe("code blocks in the dark theme", () => {
  for (const how of ["chosen", "system"] as const) {
    test(`stay dark, with github-dark's own surface, when dark is ${how}`, async ({ page, user }) => {
      expect(user.name).toBeTruthy();
      if (how === "chosen") expect((await page.request.put("/api/me/theme", { data: { theme: "DARK" } })).ok()).toBe(true);
      else await page.emulateMedia({ colorScheme: "dark" });
      const room = await createRoomViaApi(page.request);
      await page.goto(`/chat/${room.id}`);
      await sendCode(page, room.name, "```ts\n" + CODE + "\n```");
      const block = page.getByTestId("message").getByTestId("code-block");
      await expect(block.locator("code")).toHaveAttribute("data-highlighted", "true");
      // (The light theme's bg-slate-900 turns light in the mirrored dark palette: not here.)
      expect(await block.locator("pre").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(13, 17, 23)");
      expect(await block.locator("pre").evaluate((el) => getComputedStyle(el).color)).toBe("rgb(230, 237, 243)");
    });
  }
});

test.describe("code blocks on a phone with touch", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("a long line scrolls inside the block; Copy works by tap", async ({ page, user, context }) => {
    expect(user.name).toBeTruthy();
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const room = await createRoomViaApi(page.request);
    await page.goto(`/chat/${room.id}`);
    const long = `print("${"x".repeat(200)}")`;
    await sendCode(page, room.name, "```python\n" + long + "\n```");
    const block = page.getByTestId("code-block");
    await expect(block).toHaveAttribute("data-language", "python");
    const pre = block.locator("pre");
    expect(await pre.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await block.getByRole("button", { name: "Copy code" }).tap();
    await expect(block.getByRole("button", { name: "Code copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(long);
  });
});
