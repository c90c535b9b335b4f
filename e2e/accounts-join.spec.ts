/**
 * Who may join (docs/accounts.md) in Chromium, mail read from the admin page "Outgoing mail" (the
 * e2e server has no SMTP_URL: the log transport): sign-up answers "Check your email" and the chat
 * asks to confirm until the mailed link is used; with verification required the sign-in form
 * asks to confirm and resends; the settings page's change is audited; an invitation into a
 * private room is accepted on a phone and lands in the room.
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import type { InstanceSettingsDTO } from "@/lib/shared/accounts";
import { createRoomViaApi, registerUser, SEEDED_ADMIN, signIn, signUpViaUi, uniqueUser, type TestUser } from "./fixtures";

const DEFAULTS: Omit<InstanceSettingsDTO, "updatedAt"> = { signupPolicy: "OPEN", allowedEmailDomains: [], emailVerification: "OPTIONAL", roomOwnersMayInvite: false, requireTwoFactorForStaff: false };

/** The seeded admin in a context of its own (for the dashboard and the settings API). */
async function adminPage(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, SEEDED_ADMIN);
  return page;
}

async function putSettings(request: APIRequestContext, patch: Partial<typeof DEFAULTS>): Promise<void> {
  const res = await request.put("/api/admin/settings", { data: patch });
  expect(res.status(), await res.text()).toBe(200);
}

/** The latest link to `path` mailed to `email`, from "Outgoing mail" (reloaded until it is listed: mail goes out after the answer). */
async function mailedLink(admin: Page, email: string, path: "verify-email" | "join", after: string | null = null): Promise<string> {
  let href = "";
  await expect(async () => {
    await admin.goto("/admin/mail");
    const item = admin.getByRole("list", { name: "Outgoing mail" }).getByRole("listitem").filter({ hasText: email }).first();
    href = (await item.getByRole("link").getAttribute("href", { timeout: 1000 })) ?? "";
    expect(href).toMatch(new RegExp(`/${path}/[A-Za-z0-9_-]{43}$`));
    expect(href).not.toBe(after);
  }).toPass({ timeout: 15_000 });
  return href;
}

test("sign-up says 'Check your email'; the chat asks to confirm until the mailed link is used", async ({ browser, page }) => {
  const user = uniqueUser("vera");
  await signUpViaUi(page, user);
  const banner = page.getByTestId("verify-email-banner");
  await expect(banner).toContainText(`we mailed a link to ${user.email}`);

  const admin = await adminPage(browser);
  const first = await mailedLink(admin, user.email, "verify-email");
  // Send a new link from the banner: a second link is mailed.
  await banner.getByRole("button", { name: "Send a new link" }).click();
  await expect(banner).toContainText("A new link is on its way.");
  const link = await mailedLink(admin, user.email, "verify-email", first);

  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page.getByRole("status")).toContainText(`${user.email} is confirmed.`);
  await page.getByRole("link", { name: "Go to Parley" }).first().click();
  await expect(page.getByTestId("current-user-name")).toHaveText(user.name);
  await expect(page.getByTestId("verify-email-banner")).toHaveCount(0);
  // The same link a second time is refused, with the reason.
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("This confirmation link has already been used.");
  await admin.context().close();
});

test("with verification required, an unconfirmed account is asked to confirm at sign-in and gets a new link", async ({ browser, page, request }) => {
  const admin = await adminPage(browser);
  const user = uniqueUser("rhea");
  await registerUser(request, user);
  await putSettings(admin.request, { emailVerification: "REQUIRED" });
  try {
    await page.goto("/signin");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    const notice = page.getByTestId("unverified-notice");
    await expect(notice.getByRole("alert")).toHaveText(`Confirm your email address first: open the link we mailed to ${user.email}. Then sign in.`);
    const first = await mailedLink(admin, user.email, "verify-email");
    await notice.getByRole("button", { name: "Send a new confirmation link" }).click();
    await expect(notice.getByRole("status")).toContainText("A new confirmation link is on its way");
    const link = await mailedLink(admin, user.email, "verify-email", first);

    await page.goto(link);
    await page.getByRole("button", { name: "Confirm my email" }).click();
    await page.getByRole("status").getByRole("link", { name: "Sign in" }).click();
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("current-user-name")).toHaveText(user.name);
  } finally {
    await putSettings(admin.request, DEFAULTS);
    await admin.context().close();
  }
});

test("the 'Sign-up & accounts' page saves a change, and the audit log shows it", async ({ page }) => {
  await signIn(page, SEEDED_ADMIN);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Sign-up & accounts" }).click();
  await expect(page.getByRole("heading", { name: "Sign-up & accounts" })).toBeVisible();
  const form = page.getByRole("form", { name: "Sign-up settings" });
  try {
    // A bad domain is refused in place and nothing is saved.
    await form.getByLabel("Allowed email domains").fill("not a domain");
    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(form.getByLabel("Allowed email domains")).toHaveAccessibleDescription(/must be a domain such as example.com/);
    await form.getByLabel("Allowed email domains").fill("");

    await form.getByRole("checkbox", { name: /Room owners may invite people by email/ }).check();
    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(form.getByRole("status")).toHaveText("Settings saved.");
    await page.reload();
    await expect(page.getByRole("form", { name: "Sign-up settings" }).getByRole("checkbox", { name: /Room owners may invite/ })).toBeChecked();

    await page.goto("/admin/audit");
    await expect(page.getByText("instance.settings").first()).toBeVisible();
  } finally {
    await putSettings(page.request, DEFAULTS);
  }
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("an invitation into a private room: the admin sends it from the dashboard, the invitee accepts and lands in the room", async ({ browser, page }) => {
    const admin = await adminPage(browser);
    const room = await createRoomViaApi(admin.request, { visibility: "PRIVATE" });
    const invitee: TestUser = uniqueUser("ines");

    await admin.goto("/admin/invitations");
    const form = admin.getByRole("form", { name: "Invite by email" });
    await form.getByLabel("Email to invite").fill(invitee.email);
    await form.getByRole("searchbox", { name: "Find rooms" }).fill(room.name);
    await form.getByRole("checkbox", { name: `#${room.name}` }).check();
    await form.getByRole("button", { name: "Send invitation" }).click();
    await expect(form.getByRole("status")).toHaveText(`Invitation sent to ${invitee.email}.`);
    await expect(admin.getByTestId("invitation-row").filter({ hasText: invitee.email })).toContainText("Pending");

    const link = await mailedLink(admin, invitee.email, "join");
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "Join Parley" })).toBeVisible();
    await expect(page.getByText(`invited ${invitee.email} to #${room.name}`)).toBeVisible();
    // A weak password: the reason under the field, nothing created.
    await page.getByLabel("Name").fill(invitee.name);
    await page.getByLabel("Password").fill("password1");
    await page.getByRole("button", { name: "Create account and join" }).click();
    await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/too easy to guess/);
    await page.getByLabel("Password").fill(invitee.password);
    await page.getByRole("button", { name: "Create account and join" }).click();
    await expect(page).toHaveURL(new RegExp(`/chat/${room.id}$`));
    await expect(page.getByTestId("room-title")).toHaveText(room.name);
    // Confirmed by the invitation itself: no banner.
    await expect(page.getByTestId("verify-email-banner")).toHaveCount(0);

    await admin.goto("/admin/invitations");
    await expect(admin.getByTestId("invitation-row").filter({ hasText: invitee.email })).toContainText("Accepted");
    // The link is spent.
    await page.goto(link);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("This invitation has been used already: sign in instead.");
    await admin.context().close();
  });
});
