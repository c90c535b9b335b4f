/**
 * Touch and keyboard (#16 items 1, 2, 4): on a phone with touch a message's actions open in a
 * bottom sheet (long press or the ⋯ button) and the room header keeps its title readable with
 * the other controls in one overflow menu; keyboard-only, the message list is navigable with
 * the arrow keys and the chat's shortcuts work.
 */
import type { Page } from "@playwright/test";
import { composer, createRoomViaApi, expect, readerAndWriter, seedMessages, test, uniqueSuffix } from "./fixtures";

/** Hold a finger on the element's centre for `ms` (touch events through the DevTools protocol). */
async function longPress(page: Page, box: { x: number; y: number; width: number; height: number }, ms = 700): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [point] });
  await page.waitForTimeout(ms);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

test.describe("on a phone with touch", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("a long press or ⋯ opens the bottom sheet: react, reply, edit, delete; the header keeps its title and leaving asks first", async ({ page, user }) => {
    expect(user.name).toBeTruthy();
    const room = await createRoomViaApi(page.request, { name: `phone-header-with-a-long-name-${uniqueSuffix()}` });
    await page.goto(`/chat/${room.id}`);

    // The title is readable: the secondary controls sit behind one "More room actions" button.
    await expect(page.getByTestId("room-title")).toHaveText(room.name);
    const title = await page.getByTestId("room-title").boundingBox();
    expect(title?.width ?? 0).toBeGreaterThanOrEqual(120);
    await expect(page.getByRole("button", { name: "Leave room" })).toBeHidden();

    await composer(page, room.name).fill("Hello from a phone");
    await composer(page, room.name).press("Enter");
    const row = page.getByTestId("message").filter({ hasText: "Hello from a phone" });
    await expect(row).toHaveAttribute("data-status", "sent");

    // A long press on the message opens the sheet; a quick reaction lands on the message.
    const sheet = page.getByRole("dialog", { name: "Message actions" });
    const body = await row.getByTestId("message-body").boundingBox();
    if (!body) throw new Error("no message body");
    await longPress(page, body);
    await expect(sheet).toBeVisible();
    await expect(page.getByTestId("message-sheet")).toBeVisible();
    await sheet.getByRole("button", { name: "React with thumbs up" }).tap();
    await expect(sheet).toBeHidden();
    await expect(row.getByTestId("reaction").filter({ hasText: "👍" }).getByTestId("reaction-count")).toHaveText("1");

    // The visible ⋯ opens the same sheet: reply in thread.
    const more = row.getByRole("button", { name: "More actions" });
    await more.tap();
    await expect(sheet.getByRole("menuitem")).toHaveText(["Reply in thread", "Quote reply", "Edit message", "Pin message", "Copy text", "Copy link", "Delete message"]);
    // (The room owner may pin; nobody reports their own message.)
    await sheet.getByRole("menuitem", { name: "Reply in thread" }).tap();
    const thread = page.getByRole("complementary", { name: "Thread" });
    await expect(thread).toBeVisible();
    await thread.getByRole("button", { name: "Close thread" }).tap();
    await expect(thread).toBeHidden();

    // Tapping outside closes the sheet without doing anything.
    await more.tap();
    await expect(sheet).toBeVisible();
    await page.getByTestId("sheet-backdrop").tap({ position: { x: 20, y: 20 } });
    await expect(sheet).toBeHidden();

    // Edit.
    await more.tap();
    await sheet.getByRole("menuitem", { name: "Edit message" }).tap();
    const editor = page.getByRole("textbox", { name: "Edit message" });
    await editor.fill("Hello from a phone, edited");
    await editor.press("Enter");
    await expect(row.getByTestId("message-edited")).toBeVisible();

    // Delete (after the question).
    page.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: "More actions" }).tap();
    await sheet.getByRole("menuitem", { name: "Delete message" }).tap();
    await expect(page.getByTestId("message-deleted")).toHaveText("This message was deleted.");

    // Leaving is in the overflow menu and asks first, in an in-app dialog.
    await page.getByRole("button", { name: "More room actions" }).tap();
    await page.getByRole("button", { name: "Leave room" }).tap();
    const confirm = page.getByRole("dialog", { name: `Leave #${room.name}?` });
    await expect(confirm).toBeVisible();
    await confirm.getByRole("button", { name: "Cancel" }).tap();
    await expect(confirm).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`/chat/${room.id}$`));
    await page.getByRole("button", { name: "More room actions" }).tap();
    await page.getByRole("button", { name: "Leave room" }).tap();
    await confirm.getByRole("button", { name: "Leave room" }).tap();
    // Off to the next room (#general): /chat never reopens a room left.
    await expect(page).not.toHaveURL(new RegExp(room.id));
    await expect(page).toHaveURL(/\/chat(\/[0-9a-f-]+)?$/);
  });
});

test.describe("keyboard only", () => {
  test("skip link, ↑ edits, arrows move between messages, Enter opens the actions, Esc closes the thread, ? shows the shortcuts, Alt+↓ switches rooms", async ({ page, user, baseURL }) => {
    expect(user.name).toBeTruthy();
    const suffix = uniqueSuffix();
    const first = await createRoomViaApi(page.request, { name: `kb-a-${suffix}` });
    const second = await createRoomViaApi(page.request, { name: `kb-b-${suffix}` });
    // Enough history that the oldest rows are not rendered (the list is virtualised).
    await seedMessages(page.context(), baseURL ?? "", first.id, Array.from({ length: 40 }, (_, i) => `history ${i + 1}`));
    await page.goto(`/chat/${first.id}`);

    // The skip link leads to the composer.
    const skip = page.getByRole("link", { name: "Skip to composer" });
    await skip.focus();
    await page.keyboard.press("Enter");
    const input = composer(page, first.name);
    await expect(input).toBeFocused();
    await page.keyboard.type("one");
    await page.keyboard.press("Enter");
    await page.keyboard.type("two");
    await page.keyboard.press("Enter");
    const rowOne = page.getByTestId("message").filter({ has: page.getByTestId("message-body").getByText("one", { exact: true }) });
    const rowTwo = page.getByTestId("message").filter({ hasText: "two" });
    await expect(rowTwo).toHaveAttribute("data-status", "sent");

    // ↑ in the empty composer edits the last message.
    await page.keyboard.press("ArrowUp");
    const editor = page.getByRole("textbox", { name: "Edit message" });
    await expect(editor).toBeFocused();
    await page.keyboard.press("End");
    await page.keyboard.type(" (fixed)");
    await page.keyboard.press("Enter");
    await expect(rowTwo.getByTestId("message-edited")).toBeVisible();
    await expect(rowTwo.getByTestId("message-body")).toContainText("two (fixed)");

    // Into the list from the composer (Shift+Tab): the newest message is its Tab stop.
    await input.focus();
    for (let i = 0; i < 6 && !(await rowTwo.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Shift+Tab");
    await expect(rowTwo).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await expect(rowOne).toBeFocused();
    await expect(rowOne).toHaveAttribute("tabindex", "0");
    await page.keyboard.press("ArrowDown");
    await expect(rowTwo).toBeFocused();
    // Home reaches a row that was not rendered (scrolled to, then focused); End comes back.
    const oldest = page.getByTestId("message").filter({ has: page.getByTestId("message-body").getByText("history 1", { exact: true }) });
    await expect(oldest).toHaveCount(0);
    await page.keyboard.press("Home");
    await expect(oldest).toBeFocused();
    await page.keyboard.press("End");
    await expect(rowTwo).toBeFocused();

    // Enter opens the action menu, its first item focused: react with 👍.
    const menu = page.getByRole("dialog", { name: "Message actions" });
    await page.keyboard.press("Enter");
    await expect(menu).toBeVisible();
    await expect(menu.getByRole("button", { name: "React with thumbs up" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(rowTwo.getByTestId("reaction").filter({ hasText: "👍" })).toHaveAttribute("aria-pressed", "true");
    await expect(rowTwo).toBeFocused();

    // Escape closes the menu (and does nothing else); Shift+F10 opens it again; ↓ reaches "Reply in thread".
    await page.keyboard.press("Shift+F10");
    await expect(menu).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await expect(rowTwo).toBeFocused();
    await page.keyboard.press("Enter");
    const reply = menu.getByRole("menuitem", { name: "Reply in thread" });
    for (let i = 0; i < 10 && !(await reply.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("ArrowDown");
    await expect(reply).toBeFocused();
    await page.keyboard.press("Enter");
    const thread = page.getByRole("complementary", { name: "Thread" });
    await expect(thread).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(thread).toBeHidden();

    // Escape closes the pins panel too.
    await page.getByRole("button", { name: "Pinned messages" }).focus();
    await page.keyboard.press("Enter");
    const pins = page.getByRole("complementary", { name: "Pinned messages" });
    await expect(pins).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(pins).toBeHidden();

    // ? (outside a text field) shows the shortcut sheet; Escape closes it.
    await rowTwo.focus();
    await page.keyboard.press("?");
    const sheet = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(sheet).toBeVisible();
    await expect(sheet.getByTestId("shortcut-list")).toContainText("Previous / next room");
    await page.keyboard.press("Escape");
    await expect(sheet).toBeHidden();

    // Alt+↓: the next room in the sidebar; Alt+↑ back.
    await page.keyboard.press("Alt+ArrowDown");
    await expect(page).toHaveURL(new RegExp(`/chat/${second.id}$`));
    await expect(page.getByTestId("room-title")).toHaveText(second.name);
    await page.keyboard.press("Alt+ArrowUp");
    await expect(page).toHaveURL(new RegExp(`/chat/${first.id}$`));
  });

  test("Escape with nothing open marks the room read", async ({ page, browser, baseURL }) => {
    const origin = baseURL ?? "";
    const { room, writerCtx } = await readerAndWriter(page, browser);
    const body = (text: string) => page.getByTestId("message-body").getByText(text, { exact: true });
    await seedMessages(writerCtx, origin, room.id, Array.from({ length: 8 }, (_, i) => `read ${i + 1}`));
    await page.goto(`/chat/${room.id}`);
    await expect(body("read 8")).toBeInViewport();
    const link = page.getByTestId("room-link").filter({ hasText: room.name });
    await expect(link.getByTestId("unread-badge")).toHaveCount(0);
    // Elsewhere (/chat would open this room again, the last one opened).
    await page.goto(`/chat/${(await createRoomViaApi(page.request)).id}`);
    await expect(link).toBeVisible();
    await seedMessages(writerCtx, origin, room.id, Array.from({ length: 30 }, (_, i) => `unread ${i + 1}`));
    await expect(link.getByTestId("unread-badge")).toHaveText(/^30/);

    // Opened at "New messages", the newest is out of view: still unread, until Escape.
    await page.goto(`/chat/${room.id}`);
    await expect(body("unread 1")).toBeInViewport();
    await expect(body("unread 30")).not.toBeInViewport();
    await expect(link.getByTestId("unread-badge")).toHaveText(/^30/);
    await page.keyboard.press("Escape");
    await expect(link.getByTestId("unread-badge")).toHaveCount(0);
    await writerCtx.close();
  });
});
