/**
 * Moderation end to end: an admin (the seeded one) acts, and the other browser sees the effect
 * live — banned and sent to sign-in with the reason, a message replaced, a report resolved.
 */
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { composer, createRoomViaApi, expect, registerUser, signInViaUi, test, uniqueUser, type TestUser } from "./fixtures";

/** The account prisma/seed.ts creates (scripts/test.sh seeds the e2e database). */
const SEEDED_ADMIN: TestUser = {
  name: "Admin",
  email: process.env.SEED_ADMIN_EMAIL ?? "admin@parley.local",
  password: process.env.SEED_ADMIN_PASSWORD ?? "parley-admin",
};

async function signInAs(browser: Browser, user: TestUser): Promise<{ page: Page; request: APIRequestContext }> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signInViaUi(page, user);
  return { page, request: ctx.request };
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
    await signInViaUi(b, ben);
    const room = await createRoomViaApi(b.request, { name: `ban-${Date.now().toString(36)}` });
    await b.goto(`/chat/${room.id}`);
    await composer(b, room.name).fill("hello before the ban");
    await composer(b, room.name).press("Enter");
    await expect(b.getByTestId("message").filter({ hasText: "hello before the ban" })).toHaveAttribute("data-status", "sent");

    const benId = await userIdOf(b.request);
    const t0 = Date.now();
    const res = await admin.request.post(`/api/admin/users/${benId}/ban`, { data: { reason: "posting spam links", minutes: 60 } });
    expect(res.status()).toBe(200);
    await expect(b).toHaveURL(/\/signin/, { timeout: 1000 });
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeLessThan(1000);
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
    const cat = uniqueUser("cat");
    const ctx = await browser.newContext();
    const c = await ctx.newPage();
    await registerUser(c.request, cat);
    await signInViaUi(c, cat);
    const room = await createRoomViaApi(c.request, { name: `mute-${Date.now().toString(36)}` });
    await c.goto(`/chat/${room.id}`);
    await expect(composer(c, room.name)).toBeVisible();
    const catId = await userIdOf(c.request);
    await admin.request.post(`/api/admin/users/${catId}/mute`, { data: { minutes: 30, reason: "cooling off" } });
    await expect(c.getByTestId("composer-blocked")).toContainText(/You are muted until .* UTC\. Reason: cooling off/);
    await admin.request.post(`/api/admin/users/${catId}/unmute`, { data: {} });
    await expect(composer(c, room.name)).toBeVisible();
  });
});
