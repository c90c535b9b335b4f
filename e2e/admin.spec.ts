/**
 * Moderation end to end: an admin (the seeded one) acts, and the other browser sees the effect
 * live — banned and sent to sign-in with the reason, a message replaced, a report resolved.
 */
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { clickMessageAction, composer, createRoomViaApi, expect, registerUser, SEEDED_ADMIN, seedMessages, signIn, signInAndOpen, test, uniqueUser, type TestUser } from "./fixtures";

async function signInAs(browser: Browser, user: TestUser): Promise<{ page: Page; request: APIRequestContext }> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signInAndOpen(page, user);
  return { page, request: ctx.request };
}

/** A new user in a browser of their own, signed in, in a new room of theirs (opened). */
async function userInOwnRoom(browser: Browser, label: string, roomPrefix: string): Promise<{ page: Page; room: { id: string; name: string } }> {
  const who = uniqueUser(label);
  const page = await (await browser.newContext()).newPage();
  await registerUser(page.request, who);
  await signIn(page, who);
  const room = await createRoomViaApi(page.request, { name: `${roomPrefix}-${Date.now().toString(36)}` });
  await page.goto(`/chat/${room.id}`);
  return { page, room };
}

async function userIdOf(request: APIRequestContext): Promise<string> {
  const res = await request.get("/api/me");
  return ((await res.json()) as { user: { id: string } }).user.id;
}

test.describe("moderation", () => {
  test("a banned user chatting in another browser is disconnected and sent to sign-in with the reason within a second", async ({ browser }) => {
    const admin = await signInAs(browser, SEEDED_ADMIN);
    const ben = uniqueUser("ben");
    const benCtx = await browser.newContext();
    const b = await benCtx.newPage();
    await registerUser(b.request, ben);
    await signIn(b, ben);
    const room = await createRoomViaApi(b.request, { name: `ban-${Date.now().toString(36)}` });
    await b.goto(`/chat/${room.id}`);
    await composer(b, room.name).fill("hello before the ban");
    await composer(b, room.name).press("Enter");
    await expect(b.getByTestId("message").filter({ hasText: "hello before the ban" })).toHaveAttribute("data-status", "sent");

    const benId = await userIdOf(b.request);
    const res = await admin.request.post(`/api/admin/users/${benId}/ban`, { data: { reason: "posting spam links", minutes: 60 } });
    expect(res.status()).toBe(200);
    // From the moment the ban is committed (its response), Ben's browser is on sign-in within a second.
    const t0 = Date.now();
    await expect(b).toHaveURL(/\/signin/, { timeout: 1000 });
    expect(Date.now() - t0).toBeLessThan(1000);
    await expect(b.getByRole("form", { name: "Sign in" }).getByRole("alert")).toContainText("Your account is banned until");
    await expect(b.getByRole("form", { name: "Sign in" }).getByRole("alert")).toContainText("Reason: posting spam links");

    // Signing in again is refused with the same reason.
    await b.getByLabel("Email").fill(ben.email);
    await b.getByLabel("Password").fill(ben.password);
    await b.getByRole("button", { name: "Sign in" }).click();
    await expect(b.getByRole("form", { name: "Sign in" }).getByRole("alert")).toContainText("Reason: posting spam links");
    await expect(b).toHaveURL(/\/signin/);
  });

  test("a muted user sees why and until when in place of the composer", async ({ browser }) => {
    const admin = await signInAs(browser, SEEDED_ADMIN);
    const { page: c, room } = await userInOwnRoom(browser, "cat", "mute");
    await expect(composer(c, room.name)).toBeVisible();
    const catId = await userIdOf(c.request);
    await admin.request.post(`/api/admin/users/${catId}/mute`, { data: { minutes: 30, reason: "cooling off" } });
    await expect(c.getByTestId("composer-blocked")).toContainText(/You are muted until .*\. Reason: cooling off/);
    await admin.request.post(`/api/admin/users/${catId}/unmute`, { data: {} });
    await expect(composer(c, room.name)).toBeVisible();
  });
});

test.describe("dashboard", () => {
  test("a non-admin opening /admin is refused: redirected to the chat, 403 from the API", async ({ page, user }) => {
    void user;
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/chat(\?.*)?$/);
    await expect(page.getByRole("status").filter({ hasText: "admin dashboard is for" })).toBeVisible();
    const res = await page.request.get("/api/admin/users");
    expect(res.status()).toBe(403);
    await page.goto("/admin/reports");
    await expect(page).toHaveURL(/\/chat(\?.*)?$/);
  });

  test("a moderator removes a message from the dashboard and the other user sees it replaced live", async ({ browser }) => {
    const admin = await signInAs(browser, SEEDED_ADMIN);
    const { page: a, room } = await userInOwnRoom(browser, "ana", "mod");
    const text = `remove me ${Date.now()}`;
    await composer(a, room.name).fill(text);
    await composer(a, room.name).press("Enter");
    const row = a.getByTestId("message").filter({ hasText: text });
    await expect(row).toHaveAttribute("data-status", "sent");

    await admin.page.goto("/admin/messages");
    await admin.page.getByRole("searchbox", { name: "Search messages" }).fill(text);
    const adminRow = admin.page.getByTestId("admin-message-row").filter({ hasText: text });
    await adminRow.getByRole("button", { name: "Remove" }).click();
    // The body is erased on removal, so the search no longer finds it.
    await expect(adminRow).toHaveCount(0);

    await expect(a.getByText("This message was removed by a moderator.")).toBeVisible();
    await expect(a.getByText(text)).toHaveCount(0);
  });

  test("an admin archives a room from the dashboard: the member's composer gives way live, the audit log records it, unarchive restores it", async ({ browser }) => {
    const admin = await signInAs(browser, SEEDED_ADMIN);
    const { page: a, room } = await userInOwnRoom(browser, "ana", "arch");
    await expect(composer(a, room.name)).toBeVisible();

    await admin.page.goto("/admin/rooms");
    await admin.page.getByRole("searchbox", { name: "Search rooms" }).fill(room.name);
    await admin.page.getByTestId("admin-room-row").filter({ hasText: room.name }).click();
    const detail = admin.page.getByTestId("room-detail");
    admin.page.once("dialog", (d) => void d.accept());
    await detail.getByRole("button", { name: "Archive", exact: true }).click();
    await expect(detail.getByRole("button", { name: "Unarchive" })).toBeVisible();
    await expect(admin.page.getByTestId("admin-room-row").filter({ hasText: room.name })).toContainText("Archived");

    // Live for the member: read-only notice instead of the composer, without a reload.
    await expect(a.getByTestId("archived-notice")).toBeVisible();
    await expect(composer(a, room.name)).toHaveCount(0);

    await admin.page.goto("/admin/audit");
    await expect(admin.page.getByTestId("audit-entry").filter({ hasText: "room.archive" }).filter({ hasText: `#${room.name}` })).toHaveCount(1);

    await admin.page.goto("/admin/rooms");
    await admin.page.getByRole("searchbox", { name: "Search rooms" }).fill(room.name);
    await admin.page.getByTestId("admin-room-row").filter({ hasText: room.name }).click();
    await admin.page.getByTestId("room-detail").getByRole("button", { name: "Unarchive" }).click();
    await expect(composer(a, room.name)).toBeVisible();
  });

  test("a user reports a message and the admin resolves it from the queue", async ({ browser }) => {
    const admin = await signInAs(browser, SEEDED_ADMIN);
    const ana = uniqueUser("ana");
    const ben = uniqueUser("ben");
    const ctxA = await browser.newContext();
    const ctxB = await browser.newContext();
    const a = await ctxA.newPage();
    const b = await ctxB.newPage();
    await registerUser(a.request, ana);
    await registerUser(b.request, ben);
    await signIn(a, ana);
    await signIn(b, ben);
    const room = await createRoomViaApi(b.request, { name: `rep-${Date.now().toString(36)}` });
    await a.request.post(`/api/rooms/${room.id}/join`);
    const nasty = `nasty words ${Date.now()}`;
    await b.goto(`/chat/${room.id}`);
    await composer(b, room.name).fill(nasty);
    await composer(b, room.name).press("Enter");
    await expect(b.getByTestId("message").filter({ hasText: nasty })).toHaveAttribute("data-status", "sent");

    await a.goto(`/chat/${room.id}`);
    const row = a.getByTestId("message").filter({ hasText: nasty });
    await clickMessageAction(row, row.getByRole("button", { name: "Report message" }));
    const dialog = a.getByRole("dialog", { name: "Report this message" });
    await dialog.getByLabel("Reason").fill("insulting the room");
    await dialog.getByRole("button", { name: "Send report" }).click();
    await expect(dialog.getByTestId("report-sent")).toBeVisible();
    await dialog.getByRole("button", { name: "Close dialog" }).click();

    await admin.page.goto("/admin/reports");
    const card = admin.page.getByTestId("report").filter({ hasText: "insulting the room" });
    await expect(card.getByTestId("reported-message")).toContainText(nasty);
    await card.getByRole("button", { name: "Remove message" }).click();
    await expect(admin.page.getByTestId("report").filter({ hasText: "insulting the room" })).toHaveCount(0);

    await expect(a.getByTestId("message").filter({ hasText: "This message was removed by a moderator." })).toBeVisible();
    await expect(b.getByText("This message was removed by a moderator.")).toBeVisible();
  });

  test("the overview updates live as people chat", async ({ browser }) => {
    const admin = await signInAs(browser, SEEDED_ADMIN);
    await admin.page.goto("/admin");
    await expect(admin.page.getByTestId("stat-users-online")).toBeVisible();
    const cy = uniqueUser("cy");
    const ctx = await browser.newContext();
    const c = await ctx.newPage();
    await registerUser(c.request, cy);
    await signIn(c, cy);
    const room = await createRoomViaApi(c.request, { name: `busy-${Date.now().toString(36)}` });
    // More than any room of the specs before this one (the accessibility spec seeds 5 per room),
    // so this room is among the busiest five whatever ran just before.
    await seedMessages(ctx, new URL(admin.page.url()).origin, room.id, Array.from({ length: 12 }, (_, i) => `message ${i + 1}`));
    await expect.poll(async () => Number(await admin.page.getByTestId("stat-mpm").textContent()), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect(admin.page.getByTestId("busiest-rooms")).toContainText(room.name);
    await expect(admin.page.getByTestId("overview-chart")).toBeVisible();
  });
});
