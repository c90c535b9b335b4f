/**
 * Dark mode (#16 item 8) and what a screen reader hears of the message list (#16 item 9): the
 * theme is chosen in the profile dialog, applies at once, survives a reload (rendered by the
 * server), and "Follow the device" tracks prefers-color-scheme live; only messages that arrive
 * live are announced, never history loaded by scrolling.
 */
import type { Page } from "@playwright/test";
import { expect, readerAndWriter, renderedScheme as scheme, SCREEN_SIZES, scrollListUntil, seedMessages, test } from "./fixtures";

for (const { size, use } of SCREEN_SIZES) {
  test.describe(`at ${size} size`, () => {
    test.use(use);
    const phone = size === "phone";

    test("the theme chosen in the profile applies at once, stays after a reload, and “Follow the device” follows it live", async ({ page, user }) => {
      expect(user.name).toBeTruthy();
      await page.emulateMedia({ colorScheme: "light" });
      await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
      expect(await scheme(page)).toBe("light");
      const tap = (l: ReturnType<Page["locator"]>) => (phone ? l.tap() : l.click());

      const openProfile = async () => {
        if (phone) await tap(page.getByRole("button", { name: "Open room list" }));
        await tap(page.getByTestId("profile-button"));
        await tap(page.getByRole("menuitem", { name: "Edit profile…" }));
        return page.getByRole("dialog", { name: "Edit profile" });
      };
      let profile = await openProfile();
      await expect(profile.getByRole("radio", { name: "Follow the device" })).toBeChecked();
      const saved = page.waitForResponse((r) => r.url().endsWith("/api/me/theme") && r.request().method() === "PUT");
      await tap(profile.getByRole("radio", { name: "Dark" }));
      expect((await saved).status()).toBe(200);
      await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
      expect(await scheme(page)).toBe("dark");
      const surface = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

      // The server renders the choice: the page arrives dark, before any script runs.
      const html = await (await page.request.get("/chat")).text();
      expect(html).toMatch(/<html[^>]*data-theme="dark"/);
      await page.reload();
      await expect(page.getByTestId("current-user-name")).toHaveText(user.name);
      await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(surface);

      // "Follow the device": light or dark as the device says, switching without a reload.
      profile = await openProfile();
      await expect(profile.getByRole("radio", { name: "Dark" })).toBeChecked();
      await tap(profile.getByRole("radio", { name: "Follow the device" }));
      await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
      await expect.poll(() => scheme(page)).toBe("light");
      await page.emulateMedia({ colorScheme: "dark" });
      await expect.poll(() => scheme(page)).toBe("dark");
      await page.emulateMedia({ colorScheme: "light" });
      await expect.poll(() => scheme(page)).toBe("light");
      await page.reload();
      await expect(page.locator("html")).toHaveAttribute("data-theme", "system");

      // Light holds even on a dark device.
      await page.emulateMedia({ colorScheme: "dark" });
      profile = await openProfile();
      await tap(profile.getByRole("radio", { name: "Light" }));
      await expect.poll(() => scheme(page)).toBe("light");
      await page.reload();
      await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
      expect(await scheme(page)).toBe("light");
    });
  });
}

test("a screen reader hears messages that arrive live, never the history loaded by scrolling up", async ({ page, browser, baseURL }) => {
  const { room, writer, writerCtx } = await readerAndWriter(page, browser);
  await seedMessages(writerCtx, baseURL ?? "", room.id, Array.from({ length: 120 }, (_, i) => `history ${i}`), { concurrent: true });
  await page.goto(`/chat/${room.id}`);
  const list = page.getByTestId("message-list");
  const announcer = page.getByTestId("new-message-announcer");
  await expect(list.getByTestId("message").last()).toBeVisible();
  // The list is not a live region (it would read every row it inserts); the announcer is.
  await expect(list).not.toHaveAttribute("aria-live", /.+/);
  await expect(list).not.toHaveAttribute("role", "log");
  await expect(announcer).toHaveAttribute("aria-live", "polite");
  await expect(announcer).toHaveText("");

  await seedMessages(writerCtx, baseURL ?? "", room.id, ["a live hello"]);
  await expect(list.getByTestId("message").filter({ hasText: "a live hello" })).toBeVisible();
  await expect(announcer).toHaveText(`${writer.name}: a live hello`);

  // Scrolling back through history inserts old rows; nothing of them is announced.
  const loaded = Number(await list.getAttribute("data-message-count"));
  await scrollListUntil(list, "top", async () => (await list.getByTestId("room-intro").count()) > 0);
  expect(Number(await list.getAttribute("data-message-count"))).toBeGreaterThan(loaded);
  await expect(announcer).not.toContainText("history");
  await expect(list.locator("[aria-live]")).toHaveCount(0);
  // Read by now: the announcement does not linger (it is emptied a few seconds after it was made).
  await expect(announcer).toHaveText("", { timeout: 15_000 });
  await writerCtx.close();
});
