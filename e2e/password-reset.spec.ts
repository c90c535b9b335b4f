/**
 * Password reset in Chromium: "Forgot password?" on the sign-in page, the link read from the
 * admin dashboard's "Outgoing mail" page (the e2e server has no SMTP_URL: the log transport),
 * a new password set, the old one refused, the new one accepted, the link refused a second time.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { registerUser, SEEDED_ADMIN, signIn, uniqueUser, type TestUser } from "./fixtures";

async function signInViaUi(page: Page, user: TestUser, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function resetLinkFromDashboard(browser: Browser, email: string): Promise<string> {
  const ctx = await browser.newContext();
  const admin = await ctx.newPage();
  await signIn(admin, SEEDED_ADMIN);
  let href = "";
  // The mail is sent just after the request is answered: reload until it is listed.
  await expect(async () => {
    await admin.goto("/admin/mail");
    const item = admin.getByRole("list", { name: "Outgoing mail" }).getByRole("listitem").filter({ hasText: email }).first();
    href = (await item.getByRole("link").getAttribute("href", { timeout: 1000 })) ?? "";
    expect(href).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
  }).toPass({ timeout: 15_000 });
  await ctx.close();
  return href;
}

test("a forgotten password is reset through the mailed link, once", async ({ browser, page, request }) => {
  const user = uniqueUser("rita");
  await registerUser(request, user);
  const newPassword = `new-${user.password}-kettle`;

  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("a reset link is on its way");

  const link = await resetLinkFromDashboard(browser, user.email);
  await page.goto(link);
  // Too weak first: the reason shows under the field, and the link still works after.
  await page.getByLabel("New password", { exact: true }).fill("password1");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByLabel("New password", { exact: true })).toHaveAccessibleDescription(/too easy to guess/);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password has been changed.");

  await signInViaUi(page, user, user.password);
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("That email and password don’t match an account.");
  await signInViaUi(page, user, newPassword);
  await expect(page).toHaveURL(/\/chat(\/[0-9a-f-]+)?$/);

  const again = await browser.newContext();
  const second = await again.newPage();
  await second.goto(link);
  await second.getByLabel("New password", { exact: true }).fill(`${newPassword}-again`);
  await second.getByRole("button", { name: "Set new password" }).click();
  await expect(second.getByRole("form", { name: "Set a new password" }).getByRole("alert")).toContainText("This reset link has already been used.");
  await again.close();
});

test("sign-up shows why a password is too weak, under the password field", async ({ page }) => {
  const user = uniqueUser("weak");
  await page.goto("/signup");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("password1");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/Password is too easy to guess/);
  await expect(page).toHaveURL(/\/signup$/);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  // Accepted: the same "Check your email" every address gets (docs/accounts.md).
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
});
