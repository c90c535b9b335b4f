/**
 * Emoji (#16 item 12): `:shortcode:` autocomplete in the composer (a listbox driven by the
 * keyboard, like `@` mentions), the composer's searchable emoji picker, and search in the
 * reaction picker; on a phone, the picker by touch.
 */
import type { Page } from "@playwright/test";
import { clickMessageAction, composer, createRoomViaApi, expect, test } from "./fixtures";

const messageRow = (page: Page, text: string) => page.getByTestId("message").filter({ hasText: text });

test.describe("emoji at desktop size", () => {
  test("typing :smi suggests emoji; arrows move, Escape closes, Enter inserts the emoji", async ({ page, user }) => {
    expect(user.name).toBeTruthy();
    const room = await createRoomViaApi(page.request);
    await page.goto(`/chat/${room.id}`);
    const input = composer(page, room.name);
    await input.pressSequentially("Nice :smi");
    const list = page.getByRole("listbox", { name: "Emoji" });
    await expect(list).toBeVisible();
    // The textbox points to the list (a list autocomplete: no aria-expanded on a textbox).
    await expect(input).toHaveAttribute("aria-controls", (await list.getAttribute("id")) ?? "missing");
    const options = list.getByRole("option");
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    await expect(list.getByRole("option", { name: /:smile:/ })).toBeVisible();

    await input.press("ArrowDown");
    await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
    await expect(input).toHaveAttribute("aria-activedescendant", (await options.nth(1).getAttribute("id")) ?? "missing");
    await input.press("Escape");
    await expect(list).toBeHidden();
    await expect(input).toHaveValue("Nice :smi");

    // A new shortcode opens it again; the exact shortcode comes first and Tab inserts it.
    await input.pressSequentially(" :smile");
    await expect(options.first()).toContainText(":smile:");
    await input.press("Tab");
    await expect(list).toBeHidden();
    await expect(input).toHaveValue("Nice :smi 😄");
    await input.press("Enter");
    await expect(messageRow(page, "Nice :smi 😄")).toHaveAttribute("data-status", "sent");
  });

  test("the composer's emoji picker searches the whole catalogue and is keyboard reachable", async ({ page, user }) => {
    expect(user.name).toBeTruthy();
    const room = await createRoomViaApi(page.request);
    await page.goto(`/chat/${room.id}`);
    const input = composer(page, room.name);
    await input.fill("Launch ");
    const button = page.getByRole("button", { name: "Insert emoji" });
    await button.click();
    const picker = page.getByRole("dialog", { name: "Insert an emoji" });
    const search = picker.getByRole("searchbox", { name: "Search emoji" });
    await expect(search).toBeFocused();
    await search.fill("rocket");
    await expect(picker.getByRole("button", { name: "Insert rocket" })).toBeVisible();
    // ↓ moves into the grid, Enter picks the focused emoji; the caret is back in the composer.
    await search.press("ArrowDown");
    await expect(picker.getByRole("button", { name: "Insert rocket" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(picker).toBeHidden();
    await expect(input).toHaveValue("Launch 🚀");
    await expect(input).toBeFocused();

    // Escape closes it and gives the focus back to the button.
    await button.click();
    await expect(search).toBeFocused();
    await search.fill("zzzz-nothing");
    await expect(picker.getByText("No emoji found.")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(picker).toBeHidden();
    await expect(button).toBeFocused();
  });

  test("the reaction picker has the same search", async ({ page, user }) => {
    expect(user.name).toBeTruthy();
    const room = await createRoomViaApi(page.request);
    await page.goto(`/chat/${room.id}`);
    await composer(page, room.name).fill("Lunch?");
    await composer(page, room.name).press("Enter");
    const row = messageRow(page, "Lunch?");
    await expect(row).toHaveAttribute("data-status", "sent");
    await clickMessageAction(row, row.getByRole("toolbar", { name: "Message actions" }).getByRole("button", { name: "Add reaction" }));
    const picker = page.getByRole("dialog", { name: "Pick a reaction" });
    await picker.getByRole("searchbox", { name: "Search emoji" }).fill("taco");
    await picker.getByRole("button", { name: "React with taco" }).click();
    await expect(picker).toBeHidden();
    await expect(row.getByTestId("reaction").filter({ hasText: "🌮" }).getByTestId("reaction-count")).toHaveText("1");
  });
});

test.describe("emoji on a phone with touch", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the composer's emoji button opens the picker without the keyboard; a tap inserts", async ({ page, user }) => {
    expect(user.name).toBeTruthy();
    const room = await createRoomViaApi(page.request);
    await page.goto(`/chat/${room.id}`);
    const input = composer(page, room.name);
    await input.fill("Yes ");
    await page.getByRole("button", { name: "Insert emoji" }).tap();
    const picker = page.getByRole("dialog", { name: "Insert an emoji" });
    await expect(picker).toBeVisible();
    // The search box is not focused (no on-screen keyboard raised by opening the picker).
    await expect(picker.getByRole("searchbox", { name: "Search emoji" })).not.toBeFocused();
    const box = await picker.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await picker.getByRole("button", { name: "Insert party" }).tap();
    await expect(picker).toBeHidden();
    await expect(input).toHaveValue("Yes 🎉");
  });
});
