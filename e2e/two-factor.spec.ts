/**
 * Two-factor sign-in in Chromium (docs/two-factor.md): set up from "Password and two-factor"
 * (the secret read from the page, codes computed here with otpauth, as an authenticator app
 * would), sign out, sign in with a code, then with a recovery code; and changing the password,
 * which signs the other browser out.
 */
import { Secret, TOTP } from "otpauth";
import { expectAccessible } from "./axe";
import { expect, registerUser, SEEDED_ADMIN, signIn, signInAndOpen, test, uniqueUser, type TestUser } from "./fixtures";
import type { Page } from "@playwright/test";

const STEP_MS = 30_000;

/** Codes of steps relative to a base step with at least 12 s left (see tests/helpers/two-factor.ts). */
async function stepClock(): Promise<{ code: (secret: string, k: number) => string }> {
  await expect.poll(() => STEP_MS - (Date.now() % STEP_MS), { timeout: STEP_MS, intervals: [250] }).toBeGreaterThanOrEqual(12_000);
  const base = Math.floor(Date.now() / STEP_MS);
  return { code: (secret, k) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: (base + k) * STEP_MS + 1000 }) };
}

async function submitPassword(page: Page, user: TestUser, password = user.password): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Sign out, sign in with the password, and submit a recovery code at the code step. */
async function signInWithRecoveryCode(page: Page, user: TestUser, code: string): Promise<void> {
  await signOut(page);
  await submitPassword(page, user);
  const step = page.getByRole("form", { name: "Two-factor sign-in" });
  await step.getByRole("button", { name: "Use a recovery code" }).click();
  await step.getByLabel("Recovery code").fill(code);
  await step.getByRole("button", { name: "Verify" }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/signin/);
}

test("two-factor: set up with the QR code's secret, then sign in with a code and with a recovery code", async ({ page }) => {
  test.setTimeout(90_000);
  const user = uniqueUser("tfa");
  await registerUser(page.request, user);
  await signInAndOpen(page, user);

  await page.getByTestId("profile-button").click();
  await page.getByRole("menuitem", { name: "Password and two-factor…" }).click();
  await expect(page).toHaveURL(/\/settings\/security$/);
  await expect(page.getByTestId("two-factor-state")).toHaveText("Two-factor sign-in is off.");
  const clock = await stepClock();
  await page.getByRole("button", { name: "Set up two-factor" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("two-factor-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  const code = page.getByLabel("Authentication code");
  await expect(code).toHaveAttribute("autocomplete", "one-time-code");
  await code.fill(clock.code(secret, -3));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(code).toHaveAccessibleDescription(/is not right/);
  await code.fill(clock.code(secret, -1));
  await page.getByRole("button", { name: "Turn on" }).click();

  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recovery = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
  expect(recovery[0]).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  await expect(page.getByRole("link", { name: "Download" })).toHaveAttribute("download", "parley-recovery-codes.txt");
  await expectAccessible(page, "recovery codes");
  await page.getByRole("button", { name: "I saved them" }).click();
  await expect(page.getByTestId("two-factor-state")).toHaveText("Two-factor sign-in is on. 10 recovery codes left.");
  // Shown once: a reload shows no codes and no secret.
  await page.reload();
  await expect(page.getByTestId("two-factor-state")).toHaveText("Two-factor sign-in is on. 10 recovery codes left.");
  await expect(page.getByTestId("two-factor-secret")).toHaveCount(0);

  // Sign out; the password alone now leads to the code step.
  await page.goto("/chat");
  await signOut(page);
  await submitPassword(page, user);
  const step = page.getByRole("form", { name: "Two-factor sign-in" });
  const otp = step.getByLabel("Authentication code");
  await expect(otp).toBeFocused();
  await expect(otp).toHaveAttribute("autocomplete", "one-time-code");
  await expect(otp).toHaveAttribute("inputmode", "numeric");
  await expectAccessible(page, "sign-in code step");
  await otp.fill(clock.code(secret, -1)); // the one that turned it on: used
  await step.getByRole("button", { name: "Verify" }).click();
  await expect(step.getByRole("alert")).toHaveText(/That code is not right, or was already used/);
  await otp.fill(clock.code(secret, 0));
  await step.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/chat(\/[0-9a-f-]+)?$/);
  await expect(page.getByTestId("current-user-name")).toHaveText(user.name);

  // And with a recovery code.
  await signInWithRecoveryCode(page, user, recovery[0] ?? "");
  await expect(page.getByRole("status")).toHaveText(/You signed in with a recovery code\. 9 recovery codes are left/);
  await expectAccessible(page, "signed in with a recovery code");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/chat(\/[0-9a-f-]+)?$/);
  await expect(page.getByTestId("current-user-name")).toHaveText(user.name);

  // That recovery code is spent.
  await signInWithRecoveryCode(page, user, recovery[0] ?? "");
  await expect(step.getByRole("alert")).toHaveText("That recovery code is not right, or was already used.");
});

test("changing the password needs the current one and signs the other browser out", async ({ browser }) => {
  const user = uniqueUser("chpw");
  const here = await browser.newContext();
  const there = await browser.newContext();
  const [a, b] = [await here.newPage(), await there.newPage()];
  await registerUser(a.request, user);
  await signInAndOpen(a, user);
  await signInAndOpen(b, user);
  const next = `${user.password}-orchard-lantern`;

  await a.goto("/settings/security");
  const form = a.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill("not-the-password");
  await form.getByLabel("New password").fill(next);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByLabel("Current password")).toHaveAccessibleDescription(/is not your current password/);
  await form.getByLabel("Current password").fill(user.password);
  await form.getByLabel("New password").fill("baseball");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByLabel("New password")).toHaveAccessibleDescription(/10,000 most common passwords/);
  await form.getByLabel("New password").fill(next);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText("Password changed. 1 other session was signed out.");

  // The other browser's session has ended (its open tab is told live: sent to sign-in, or, when
  // its socket was reconnecting, "Your session has ended"); loading a page signs it out. This one stays.
  await expect(b.getByRole("form", { name: "Sign in" }).or(b.getByText("Your session has ended."))).toBeVisible();
  await expect.poll(async () => (await b.request.get("/api/me")).status()).toBe(401);
  const fresh = await there.newPage();
  await fresh.goto("/chat");
  await expect(fresh).toHaveURL(/\/signin/);
  await a.goto("/chat");
  await expect(a.getByTestId("current-user-name")).toHaveText(user.name);
  await signOut(a);
  await submitPassword(a, user);
  await expect(a.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("That email and password don’t match an account.");
  await submitPassword(a, user, next);
  await expect(a).toHaveURL(/\/chat(\/[0-9a-f-]+)?$/);
  await here.close();
  await there.close();
});

test("an admin resets someone's two-factor from the dashboard: audited, and the password alone signs them in", async ({ browser, page }) => {
  const user = uniqueUser("lost");
  await registerUser(page.request, user);
  await signIn(page, user);
  const clock = await stepClock();
  const { secret } = (await (await page.request.post("/api/me/two-factor/setup", { data: {} })).json()) as { secret: string };
  expect((await page.request.post("/api/me/two-factor/enable", { data: { code: clock.code(secret, 0) } })).ok()).toBe(true);

  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  await signIn(admin, SEEDED_ADMIN);
  await admin.goto("/admin/users");
  await admin.getByLabel("Search users").fill(user.email);
  await admin.getByTestId("admin-user-row").getByRole("button", { name: user.name }).click();
  const detail = admin.getByTestId("user-detail");
  await expect(detail.getByText("Two-factor on")).toBeVisible();
  await detail.getByLabel("Reason").fill("lost their phone");
  admin.once("dialog", (d) => void d.accept());
  await detail.getByRole("button", { name: "Reset two-factor" }).click();
  await expect(detail.getByTestId("user-history")).toContainText("user.resetTwoFactor");
  await expect(detail.getByTestId("user-history")).toContainText("lost their phone");
  await expect(detail.getByText("Two-factor on")).toHaveCount(0);
  await adminCtx.close();

  // Their session goes on, and the password alone signs them in again.
  expect((await page.request.get("/api/me")).status()).toBe(200);
  const fresh = await browser.newContext();
  const again = await fresh.newPage();
  await submitPassword(again, user);
  await expect(again).toHaveURL(/\/chat(\/[0-9a-f-]+)?$/);
  await fresh.close();
});
