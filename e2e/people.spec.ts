/**
 * First screens and people (#16 items 5, 7, 10), at desktop size and on a phone with touch:
 * `/chat` opens a room at once, staff find the dashboard, the dashboard fits a phone, DMs speak of
 * people, and avatars cost no request for people without one and show for their owner at once.
 */
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { createRoomViaApi, expect, registerUser, SEEDED_ADMIN, signInAndOpen, test, uniqueUser } from "./fixtures";
import { LAST_ROOM_COOKIE } from "@/lib/shared/cookies";

const SIZES = [
  { label: "desktop", use: { viewport: { width: 1280, height: 800 } } },
  { label: "phone", use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
] as const;

const roomIdOf = (page: Page) => new URL(page.url()).pathname.split("/")[2] ?? "";

/** The sidebar's contents: always present on a desktop; on a phone, behind the menu button. */
async function openSidebar(page: Page, phone: boolean): Promise<void> {
  if (phone) await page.getByRole("button", { name: "Open room list" }).first().click();
  await expect(page.getByTestId("sidebar")).toBeVisible();
}

for (const size of SIZES) {
  const phone = size.label === "phone";
  test.describe(`first screens (${size.label})`, () => {
    test.use(size.use);

    test("/chat opens #general for a new member, then the room opened last; never a room left", async ({ page, user }) => {
      expect(user.name).toBeTruthy();
      // The fixture opened /chat: a new account is in #general, so that room is open, not a "Pick a room" page.
      await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
      await expect(page.getByTestId("room-title")).toHaveText("general");
      await expect(page.getByText("Pick a room to start chatting")).toHaveCount(0);

      const room = await createRoomViaApi(page.request);
      await page.goto(`/chat/${room.id}`);
      await expect(page.getByTestId("room-title")).toHaveText(room.name);
      // The title is in the server-rendered HTML; the room counts as opened once the page has
      // hydrated and noted it (the last-room cookie).
      await expect.poll(async () => (await page.context().cookies()).find((c) => c.name === LAST_ROOM_COOKIE)?.value).toBe(room.id);
      await page.goto("/chat");
      await expect(page).toHaveURL(new RegExp(`/chat/${room.id}$`));

      // Left: /chat falls back to #general.
      expect((await page.request.post(`/api/rooms/${room.id}/leave`)).status()).toBe(200);
      await page.goto("/chat");
      await expect(page.getByTestId("room-title")).toHaveText("general");
    });

    test("staff see an Admin link in the chat, members do not", async ({ page, browser, user }) => {
      expect(user.name).toBeTruthy();
      await openSidebar(page, phone);
      await expect(page.getByTestId("admin-link")).toHaveCount(0);

      const ctx = await browser.newContext(size.use);
      const admin = await ctx.newPage();
      await signInAndOpen(admin, SEEDED_ADMIN);
      await openSidebar(admin, phone);
      await admin.getByTestId("admin-link").click();
      await expect(admin).toHaveURL(/\/admin$/);
      await expect(admin.getByTestId("admin-nav")).toBeVisible();
      await ctx.close();
    });
  });
}

test.describe("the admin dashboard on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("no page scrolls sideways and the nav is a compact top bar", async ({ page }) => {
    await signInAndOpen(page, SEEDED_ADMIN);
    for (const path of ["/admin", "/admin/users", "/admin/rooms", "/admin/messages", "/admin/reports", "/admin/word-filter", "/admin/audit"]) {
      await page.goto(path);
      await expect(page.getByTestId("admin-nav")).toBeVisible();
      await expect(page.locator("main h1, main h2").first()).toBeVisible();
      const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
      expect(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(390);
      const nav = await page.getByTestId("admin-nav").boundingBox();
      expect(nav?.height ?? 999, `${path}: the nav's height`).toBeLessThanOrEqual(844 / 8);
    }
    // Every section is reachable from the bar.
    await page.getByTestId("admin-nav").getByRole("link", { name: "Audit log" }).click();
    await expect(page).toHaveURL(/\/admin\/audit$/);
  });
});

for (const size of SIZES) {
  test.describe(`avatars (${size.label})`, () => {
    test.use(size.use);

    test("a room load asks for no picture of people without one", async ({ page, browser, user }) => {
      expect(user.name).toBeTruthy();
      const room = await createRoomViaApi(page.request);
      // Others without pictures, in the room with messages of theirs.
      for (let i = 0; i < 3; i++) {
        const ctx = await browser.newContext();
        const other = await ctx.newPage();
        const person = uniqueUser(`plain${i}`);
        await registerUser(other.request, person);
        await signInAndOpen(other, person, `/chat/${room.id}`);
        expect((await other.request.post(`/api/rooms/${room.id}/join`)).status()).toBe(200);
        await ctx.close();
      }
      const avatarRequests: string[] = [];
      page.on("request", (r) => {
        if (r.url().includes("/avatar")) avatarRequests.push(r.url());
      });
      await page.goto(`/chat/${room.id}`);
      await expect(page.getByTestId("room-title")).toHaveText(room.name);
      if (size.label === "desktop") await expect(page.getByTestId("member-list").getByRole("listitem")).toHaveCount(4);
      await page.waitForLoadState("networkidle");
      expect(avatarRequests).toEqual([]);
    });

    test("your own picture shows in the sidebar footer, even when it loaded before the page hydrated", async ({ page, user }) => {
      expect(user.name).toBeTruthy();
      const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#2060c0" } }).png().toBuffer();
      expect((await page.request.put("/api/me/avatar", { data: png, headers: { "content-type": "image/png" } })).status()).toBe(200);

      // Hold the page's scripts until the server-rendered picture is complete: it loads before React hydrates.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route("**/_next/static/chunks/**", async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`/chat/${roomIdOf(page)}`, { waitUntil: "commit" });
      await expect
        .poll(() => page.evaluate(() => [...document.querySelectorAll<HTMLImageElement>('[data-testid="avatar-image"]')].some((img) => img.complete && img.naturalWidth > 0)))
        .toBe(true);
      release();
      await openSidebar(page, size.label === "phone");
      const own = page.getByTestId("profile-button").getByTestId("avatar-image");
      await expect(own).toHaveAttribute("data-loaded", "true");
      await expect(own).toHaveCSS("opacity", "1");
    });
  });
}

for (const size of SIZES) {
  const phone = size.label === "phone";
  test.describe(`DMs speak of people (${size.label})`, () => {
    test.use(size.use);

    test("a DM shows the person, not a room: avatar and presence in the header, a conversation intro, no #", async ({ page, browser, user }) => {
      const bob = uniqueUser("bob");
      const cy = uniqueUser("cy");
      const ctx = await browser.newContext(size.use);
      const other = await ctx.newPage();
      await registerUser(other.request, bob);
      await registerUser(other.request, cy);
      await signInAndOpen(other, bob);
      const idOf = async (name: string) => ((await (await page.request.get(`/api/users?q=${encodeURIComponent(name)}`)).json()) as { users: { id: string }[] }).users[0]!.id;
      const [bobId, cyId] = [await idOf(bob.name), await idOf(cy.name)];

      const dm = ((await (await page.request.post("/api/dms", { data: { userIds: [bobId] } })).json()) as { room: { id: string } }).room;
      await page.goto(`/chat/${dm.id}`);
      const header = page.getByTestId("room-header");
      await expect(page.getByTestId("room-title")).toHaveText(bob.name);
      await expect(header.getByTestId("presence-dot")).toHaveAttribute("data-status", "online"); // Bob's tab is open
      await expect(page.getByTestId("dm-presence")).toHaveText("Online");
      const intro = page.getByTestId("room-intro");
      await expect(intro).toContainText(`This is the beginning of your conversation with ${bob.name}`);
      await expect(intro).not.toContainText("#");
      await expect(header).not.toContainText("#");
      await expect(page.getByRole("textbox", { name: `Message ${bob.name}` })).toBeVisible();

      // A group DM: stacked faces and the members' names.
      const group = ((await (await page.request.post("/api/dms", { data: { userIds: [bobId, cyId] } })).json()) as { room: { id: string } }).room;
      await page.goto(`/chat/${group.id}`);
      await expect(page.getByTestId("room-title")).toHaveText(`${bob.name}, ${cy.name}`);
      await expect(header.getByTestId("dm-faces").getByTestId("avatar-image")).toHaveCount(0); // initials, nothing asked for
      await expect(header.getByTestId("dm-faces").locator(":scope > span")).toHaveCount(2);
      await expect(page.getByTestId("room-intro")).toContainText(`This is the beginning of your conversation with ${bob.name}, ${cy.name}`);

      // Named by a member: Bob sees the new name live, with the members' names beside it.
      await other.goto(`/chat/${group.id}`);
      await expect(other.getByTestId("room-title")).toHaveText(`${user.name}, ${cy.name}`);
      if (phone) await page.getByTestId("room-more").click();
      await page.getByRole("button", { name: "Rename conversation" }).click();
      const dialog = page.getByRole("dialog", { name: "Name this conversation" });
      await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("Weekend plans");
      await dialog.getByRole("button", { name: "Save" }).click();
      await expect(page.getByTestId("room-title")).toHaveText("Weekend plans");
      await expect(other.getByTestId("room-title")).toHaveText("Weekend plans");
      await expect(other.getByTestId("room-topic")).toHaveText(`${user.name}, ${cy.name}`);
      // The sidebar too (on a phone it is a closed drawer: matched by text, not by role).
      await expect(other.getByTestId("dm-link").filter({ hasText: "Weekend plans" })).toHaveCount(1);

      // Left from the header, after a confirmation; Bob keeps it.
      const leave = page.getByRole("button", { name: "Leave room" });
      // (On a phone the overflow menu may still be open from the rename.)
      if (phone && !(await leave.isVisible())) await page.getByTestId("room-more").click();
      await leave.click();
      const confirm = page.getByRole("dialog", { name: "Leave this conversation?" });
      await confirm.getByRole("button", { name: "Leave conversation" }).click();
      await expect(page).not.toHaveURL(new RegExp(group.id));
      await expect(other.getByTestId("room-title")).toHaveText("Weekend plans");
      expect(user.name).toBeTruthy();
      await ctx.close();
    });
  });
}
