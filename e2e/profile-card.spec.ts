/**
 * The profile card (#16 item 12): a click on a person's name or avatar (a message's author, the
 * member list) shows their avatar, name, status, local time (the time zone their browser
 * reported) and "Message"; offline, when they were last seen. Escape closes it and gives the
 * focus back. On a phone, by tap.
 */
import type { Browser, Page } from "@playwright/test";
import type { PublicProfile } from "@/lib/shared/types";
import { composer, expect, test, twoInARoom } from "./fixtures";

/** Ana (default time zone) and Ben (in Tokyo) in a fresh room, both with it open; Ben has written. */
async function anaAndBen(browser: Browser, phone: boolean) {
  const device = phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {};
  const people = await twoInARoom(browser, { a: device, b: { timezoneId: "Asia/Tokyo" } });
  const { a, b, room } = people;
  await composer(b, room.name).fill("Konnichiwa");
  await composer(b, room.name).press("Enter");
  await expect(b.getByTestId("message").filter({ hasText: "Konnichiwa" })).toHaveAttribute("data-status", "sent");
  const benId = await b.getByTestId("message").filter({ hasText: "Konnichiwa" }).getAttribute("data-author-id");
  if (!benId) throw new Error("no author id");
  // Ben's browser has reported its time zone.
  await expect.poll(async () => ((await (await a.request.get(`/api/users/${benId}`)).json()) as { user: PublicProfile }).user.timeZone).toBe("Asia/Tokyo");
  return { ...people, benId };
}

const tokyoTimes = (page: Page) =>
  page.evaluate(() => {
    const f = (t: number) => new Intl.DateTimeFormat(undefined, { timeZone: "Asia/Tokyo", hour: "numeric", minute: "2-digit" }).format(t);
    return [f(Date.now()), f(Date.now() + 60_000)];
  });

test.describe("at desktop size", () => {
  test("a click on an author's name shows the card; Message opens the DM; the member list opens it too; Escape gives the focus back; offline shows last seen", async ({ browser }) => {
    const { ctxA, ctxB, a, ben, benId } = await anaAndBen(browser, false);
    const author = a.getByTestId("message").filter({ hasText: "Konnichiwa" }).getByTestId("message-author");
    await author.click();
    const card = a.getByRole("dialog", { name: ben.name });
    await expect(card).toBeVisible();
    await expect(card.getByTestId("profile-presence")).toHaveText("Online");
    const times = await tokyoTimes(a);
    await expect(card.getByTestId("profile-local-time")).toHaveText(new RegExp(`^(${times.join("|")}) local time$`));
    await a.keyboard.press("Escape");
    await expect(card).toBeHidden();
    await expect(author.getByRole("button", { name: ben.name, exact: true })).toBeFocused();

    // From the member list.
    const member = a.getByTestId("member-list").locator(`[data-user-id="${benId}"]`);
    await member.getByRole("button", { name: ben.name, exact: true }).click();
    await expect(card).toBeVisible();
    await a.keyboard.press("Escape");
    await expect(card).toBeHidden();
    await expect(member.getByRole("button", { name: ben.name, exact: true })).toBeFocused();

    // Ben leaves: the card says when he was last seen.
    await ctxB.close();
    await expect(member).toHaveAttribute("data-online", "false");
    await expect.poll(async () => ((await (await a.request.get(`/api/users/${benId}`)).json()) as { user: PublicProfile }).user.lastSeenAt).not.toBeNull();
    await author.click();
    await expect(card.getByTestId("profile-presence")).toHaveText(/^Offline · last seen (just now|1 minute ago)$/);

    // "Message" opens the DM with him.
    await card.getByRole("button", { name: "Message" }).click();
    await expect(card).toBeHidden();
    await expect(a).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
    await expect(a.getByRole("textbox", { name: `Message ${ben.name}` })).toBeVisible();
    // The DM's header says when he was last seen.
    await expect(a.getByTestId("dm-presence")).toHaveText(/^Offline · last seen (just now|1 minute ago)$/);
    await ctxA.close();
  });
});

test.describe("on a phone with touch", () => {
  test("a tap on an author's avatar opens the card, inside the screen; Message opens the DM", async ({ browser }) => {
    const { ctxA, ctxB, a, ben } = await anaAndBen(browser, true);
    const row = a.getByTestId("message").filter({ hasText: "Konnichiwa" });
    // The avatar: for pointers only (keyboards and screen readers use the name beside it).
    await row.getByTestId("person-avatar-button").tap();
    const card = a.getByRole("dialog", { name: ben.name });
    await expect(card).toBeVisible();
    const box = await card.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await expect(card.getByTestId("profile-local-time")).toHaveText(/local time$/);
    await card.getByRole("button", { name: "Message" }).tap();
    await expect(a.getByRole("textbox", { name: `Message ${ben.name}` })).toBeVisible();
    await ctxA.close();
    await ctxB.close();
  });
});
