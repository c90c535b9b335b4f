/**
 * Getting back to a message (#16 item 12): "Quote reply" puts the message as a quote in the
 * composer; "Copy link" copies a link that opens the room at the message, highlighted; a pin in
 * the pins panel jumps to its message (history around it loaded); a thread reply sent while the
 * thread is still loading is queued and sent once it has loaded.
 */
import type { Page } from "@playwright/test";
import type { HistoryPage } from "@/lib/shared/types";
import { clickMessageAction, composer, createRoomViaApi, expect, seedMessages, test } from "./fixtures";

const messageRow = (page: Page, text: string) => page.getByTestId("message").filter({ hasText: text });
const fillers = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `filler ${from + i}`);

async function openMenu(page: Page, text: string) {
  const row = messageRow(page, text);
  await clickMessageAction(row, row.getByRole("toolbar", { name: "Message actions" }).getByRole("button", { name: "More actions" }));
  return page.getByRole("dialog", { name: "Message actions" });
}

test.describe("at desktop size", () => {
  test("Quote reply puts the message as a quote before the draft; the reply renders the quote", async ({ page, user }) => {
    expect(user.name).toBeTruthy();
    const room = await createRoomViaApi(page.request);
    await page.goto(`/chat/${room.id}`);
    const input = composer(page, room.name);
    await input.fill("Deploy at five?\nOr six");
    await input.press("Enter");
    await expect(messageRow(page, "Deploy at five?")).toHaveAttribute("data-status", "sent");

    await input.fill("Sounds good");
    const menu = await openMenu(page, "Deploy at five?");
    await menu.getByRole("menuitem", { name: "Quote reply" }).click();
    await expect(input).toHaveValue("> Deploy at five?\n> Or six\n\nSounds good");
    await expect(input).toBeFocused();
    await input.press("Enter");
    const reply = messageRow(page, "Sounds good");
    await expect(reply.locator("blockquote")).toHaveText(/Deploy at five\?\s*Or six/);
    await expect(reply.locator("blockquote")).not.toContainText("Sounds good");
  });

  test("Copy link copies a link that opens the room scrolled to the message, highlighted", async ({ page, user, context, baseURL }) => {
    expect(user.name).toBeTruthy();
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const origin = baseURL ?? "http://127.0.0.1:3100";
    const room = await createRoomViaApi(page.request);
    await seedMessages(context, origin, room.id, ["the one to share"]);
    await page.goto(`/chat/${room.id}`);
    const menu = await openMenu(page, "the one to share");
    await menu.getByRole("menuitem", { name: "Copy link" }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(`${new URL(origin).origin}/chat/${room.id}?m=1`);

    // Far more history after it than one page: the link still lands on it.
    await seedMessages(context, origin, room.id, fillers(120), { concurrent: true });
    const other = await context.newPage();
    await other.goto(link);
    const target = other.locator('[data-testid="message"][data-highlighted="true"]');
    await expect(target).toHaveAttribute("data-seq", "1");
    await expect(target).toContainText("the one to share");
    await expect(target).toBeInViewport();
    await other.close();
  });

  test("a pin in the pins panel jumps to its message, loading the history around it", async ({ page, user, context, baseURL }) => {
    expect(user.name).toBeTruthy();
    const origin = baseURL ?? "http://127.0.0.1:3100";
    const room = await createRoomViaApi(page.request);
    await seedMessages(context, origin, room.id, ["pinned long ago"]);
    const history = (await (await page.request.get(`/api/rooms/${room.id}/messages`)).json()) as HistoryPage;
    const pinned = history.messages.find((m) => m.body === "pinned long ago");
    if (!pinned) throw new Error("seeded message not found");
    expect((await page.request.post(`/api/rooms/${room.id}/messages/${pinned.id}/pin`, { data: { pinned: true } })).ok()).toBe(true);
    await seedMessages(context, origin, room.id, fillers(120), { concurrent: true });

    await page.goto(`/chat/${room.id}`);
    await expect(messageRow(page, "filler").last()).toBeVisible();
    await expect(messageRow(page, "pinned long ago")).toHaveCount(0);
    await page.getByRole("button", { name: "Pinned messages" }).click();
    const item = page.getByTestId("pinned-panel").getByTestId("pinned-item");
    await expect(item).toContainText("pinned long ago");
    await item.getByText("pinned long ago").click();
    const target = page.locator('[data-testid="message"][data-highlighted="true"]');
    await expect(target).toHaveAttribute("data-seq", String(pinned.seq));
    await expect(target).toBeInViewport();
    await expect(page).toHaveURL(new RegExp(`/chat/${room.id}\\?m=${pinned.seq}$`));
    // Beside the list, the panel stays open.
    await expect(page.getByTestId("pinned-panel")).toBeVisible();
  });

  test("Enter in the thread composer while the thread loads is queued and sent once it has loaded", async ({ page, user, context, baseURL }) => {
    expect(user.name).toBeTruthy();
    const origin = baseURL ?? "http://127.0.0.1:3100";
    const room = await createRoomViaApi(page.request);
    await seedMessages(context, origin, room.id, ["a root to reply to"]);
    await page.goto(`/chat/${room.id}`);
    await expect(messageRow(page, "a root to reply to")).toBeVisible();

    // Hold the thread's fetch until the reply has been written.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/rooms/*/messages/*/thread*", async (route) => {
      await held;
      await route.continue();
    });
    const row = messageRow(page, "a root to reply to");
    await clickMessageAction(row, row.getByRole("toolbar", { name: "Message actions" }).getByRole("button", { name: "Reply in thread" }));
    const thread = page.getByTestId("thread-panel");
    await expect(thread.getByText("Loading thread…")).toBeVisible();
    const input = thread.getByTestId("thread-input");
    await input.fill("typed before it loaded");
    await input.press("Enter");
    await expect(input).toHaveValue("");
    await expect(thread.getByTestId("thread-outgoing")).toContainText("will send once the thread has loaded");

    release();
    await expect(thread.getByTestId("thread-reply").filter({ hasText: "typed before it loaded" })).toHaveCount(1);
    await expect(thread.getByTestId("thread-outgoing")).toHaveCount(0);
    await expect(row.getByTestId("thread-summary")).toContainText("1 reply");
  });
});

test.describe("on a phone with touch", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the sheet's Quote reply and Copy link work by tap; a pin jumps and the panel gives way", async ({ page, user, context, baseURL }) => {
    expect(user.name).toBeTruthy();
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const origin = baseURL ?? "http://127.0.0.1:3100";
    const room = await createRoomViaApi(page.request);
    await seedMessages(context, origin, room.id, ["quote me on a phone"]);
    await page.goto(`/chat/${room.id}`);
    const row = messageRow(page, "quote me on a phone");
    const sheet = page.getByRole("dialog", { name: "Message actions" });
    await row.getByRole("button", { name: "More actions" }).tap();
    await sheet.getByRole("menuitem", { name: "Quote reply" }).tap();
    await expect(composer(page, room.name)).toHaveValue("> quote me on a phone\n\n");

    await row.getByRole("button", { name: "More actions" }).tap();
    await sheet.getByRole("menuitem", { name: "Copy link" }).tap();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${new URL(origin).origin}/chat/${room.id}?m=1`);

    await row.getByRole("button", { name: "More actions" }).tap();
    await sheet.getByRole("menuitem", { name: "Pin message" }).tap();
    await expect(row.getByTestId("pinned-mark")).toBeVisible();
    await seedMessages(context, origin, room.id, fillers(60), { concurrent: true });
    await page.getByRole("button", { name: "More room actions" }).tap();
    await page.getByTestId("room-actions").getByRole("button", { name: "Pinned messages" }).tap();
    await page.getByTestId("pinned-panel").getByRole("link", { name: /Jump to the message/ }).tap();
    const target = page.locator('[data-testid="message"][data-highlighted="true"]');
    await expect(target).toHaveAttribute("data-seq", "1");
    await expect(target).toBeInViewport();
    await expect(page.getByTestId("pinned-panel")).toBeHidden();
  });
});
