/**
 * Single sign-on in Chromium against a real OpenID Connect provider (oidc-provider, started
 * here on the port scripts/test.sh gave the e2e server as OIDC_ISSUER): a first sign-in creates
 * the account and lands in the chat; signing out ends the Parley session; an email that already
 * has an account links only after its owner types that account's password; a provider that
 * vouches for no email is refused.
 */
import { expect, test, type Page } from "@playwright/test";
import { startOidcProvider, type OidcTestProvider } from "../tests/helpers/oidc";
import { registerUser, uniqueUser } from "./fixtures";

const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 0);
const PROVIDER_NAME = process.env.E2E_OIDC_NAME ?? "Test IdP";

let idp: OidcTestProvider;

test.skip(!OIDC_PORT, "scripts/test.sh starts the e2e server with OIDC_ISSUER on E2E_OIDC_PORT");

test.beforeAll(async ({ baseURL }) => {
  idp = await startOidcProvider({ appOrigin: baseURL ?? "", port: OIDC_PORT });
});
test.afterAll(async () => {
  await idp?.stop();
});

/**
 * From Parley's sign-in page through the provider's login and consent screens, back to Parley.
 * A browser still signed in at the provider comes straight back (`login` is then not asked).
 */
async function signInWithProvider(page: Page, login: string): Promise<void> {
  await page.goto("/signin");
  await page.getByRole("button", { name: `Continue with ${PROVIDER_NAME}` }).click();
  await expect(page).not.toHaveURL(/\/signin$/);
  await expect(page.locator('input[name="login"]').or(page.getByTestId("current-user-name")).first()).toBeVisible();
  if (!page.url().startsWith(`${idp.issuer}/interaction/`)) return;
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // The development provider asks for consent once per client and account.
  const consent = page.getByRole("button", { name: "Continue" });
  await expect(consent.or(page.getByTestId("current-user-name")).or(page.getByRole("heading", { name: "Link your account" })).first()).toBeVisible();
  if (await consent.isVisible()) await consent.click();
}

test("a first single sign-on creates the account, and signing out ends its session", async ({ page }) => {
  const person = uniqueUser("sso");
  idp.accounts.set(`sub-${person.email}`, { email: person.email, name: person.name });

  await signInWithProvider(page, `sub-${person.email}`);
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]+$/);
  await expect(page.getByTestId("current-user-name")).toHaveText(person.name);
  // A new account starts in #general, like one made with a password.
  await expect(page.getByRole("heading", { name: /general/i }).first()).toBeVisible();

  const me = await page.request.get("/api/me/identities");
  expect(me.status()).toBe(200);
  const { identities } = (await me.json()) as { identities: { provider: string; email: string }[] };
  expect(identities).toEqual([expect.objectContaining({ provider: "oidc", email: person.email })]);

  // The cookie's session is the Parley session: after sign-out it no longer works, even if replayed.
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.includes("session-token"));
  expect(session).toBeTruthy();
  // Off the chat first: the open tab would follow its ended session to the sign-in page by
  // itself, racing the navigation below.
  await page.goto("about:blank");
  const csrf = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await page.request.post("/api/auth/signout", { form: { csrfToken: csrf.csrfToken, json: "true" } });
  const replay = await page.request.get("/api/me", { headers: { cookie: `${session!.name}=${session!.value}` } });
  expect(replay.status()).toBe(401);

  // Signing in again with the same identity is the same account, not a second one.
  await signInWithProvider(page, `sub-${person.email}`);
  await expect(page.getByTestId("current-user-name")).toHaveText(person.name);
});

test("an existing account is linked only after its owner confirms with its password", async ({ page, request }) => {
  const owner = uniqueUser("owner");
  await registerUser(request, owner);
  idp.accounts.set(`sub-${owner.email}`, { email: owner.email, name: "Someone Else" });

  await signInWithProvider(page, `sub-${owner.email}`);
  await expect(page).toHaveURL(/\/link-account\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText(owner.email)).toBeVisible();
  // Not signed in yet.
  expect((await page.request.get("/api/me")).status()).toBe(401);

  await page.getByLabel("Parley password").fill("not-the-password");
  await page.getByRole("button", { name: "Link and sign in" }).click();
  await expect(page.getByTestId("field-error")).toHaveText("That is not this account’s password.");
  expect((await page.request.get("/api/me")).status()).toBe(401);

  const linkUrl = page.url();
  await page.getByLabel("Parley password").fill(owner.password);
  await page.getByRole("button", { name: "Link and sign in" }).click();
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]+$/);
  // Signed in as the existing account, with its own name (not the provider's).
  await expect(page.getByTestId("current-user-name")).toHaveText(owner.name);

  // The confirmation link works once.
  const again = await page.request.post("/api/auth/sso-link", { data: { token: linkUrl.split("/").pop(), password: owner.password } });
  expect(again.status()).toBe(400);
  expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/already been used/);
});

test("a provider that vouches for no email is refused with a clear message", async ({ page }) => {
  // No claims for this login: the provider sends only `sub`.
  await signInWithProvider(page, `nobody-${Date.now()}`);
  await expect(page).toHaveURL(/\/signin\?error=SsoEmailUnverified/);
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toContainText("did not confirm an email address");
  expect((await page.request.get("/api/me")).status()).toBe(401);
});

test("the link confirmation refuses bad input and unknown tokens", async ({ request, page }) => {
  const bad = await request.post("/api/auth/sso-link", { data: { token: "short", password: "" } });
  expect(bad.status()).toBe(400);
  const unknown = await request.post("/api/auth/sso-link", { data: { token: "A".repeat(43), password: "whatever" } });
  expect(unknown.status()).toBe(400);
  expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/not valid/);
  await page.goto(`/link-account/${"B".repeat(43)}`);
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toContainText("not valid");
});
