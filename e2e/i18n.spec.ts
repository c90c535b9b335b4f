/**
 * Languages (#16 item 13, docs/i18n.md): the interface is English by default; a person picks
 * Deutsch in Edit profile and the chat is German at once and after a reload (rendered by the
 * server, <html lang="de">), dates and times included; a browser that asks for German gets it
 * without any choice; "Follow the browser" goes back to what the browser asks for.
 */
import type { Page } from "@playwright/test";
import { createRoomViaApi, expect, registerUser, signIn, test, uniqueUser } from "./fixtures";

const GERMAN_WEEKDAY = /^(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag), \d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4} um \d{1,2}:\d{2}$/;

async function openProfile(page: Page) {
  await page.getByTestId("profile-button").click();
  await page.getByRole("menuitem", { name: /Edit profile…|Profil bearbeiten…/ }).click();
  return page.getByRole("dialog", { name: /Edit profile|Profil bearbeiten/ });
}

async function chooseLanguage(page: Page, label: RegExp, value: string) {
  const profile = await openProfile(page);
  const saved = page.waitForResponse((r) => r.url().endsWith("/api/me/locale") && r.request().method() === "PUT");
  await profile.getByLabel(label).selectOption(value);
  expect((await saved).status()).toBe(200);
  return profile;
}

test.describe("languages", () => {
  test.use({ viewport: { width: 1366, height: 800 }, locale: "en-US" });

  test("English by default; Deutsch chosen in the profile turns the chat German at once and after a reload, dates included; “Follow the browser” returns to English", async ({ page, user }) => {
    const room = await createRoomViaApi(page.request, { name: `sprache-${Date.now().toString(36)}` });
    await page.goto(`/chat/${room.id}`);
    await expect(page.getByTestId("current-user-name")).toHaveText(user.name);

    // English: the default.
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const sidebar = page.getByRole("navigation", { name: "Rooms" });
    await expect(sidebar.getByRole("heading", { name: "Your rooms" })).toBeVisible();
    const input = page.getByTestId("composer-input");
    await expect(input).toHaveAttribute("placeholder", `Message #${room.name}`);
    await input.fill("Guten Tag zusammen");
    await input.press("Enter");
    const row = page.getByTestId("message").filter({ hasText: "Guten Tag zusammen" });
    await expect(row).toHaveAttribute("data-status", "sent");
    await expect(page.getByTestId("day-divider")).toHaveText("Today");

    // Deutsch, chosen in the profile beside the theme.
    const profile = await chooseLanguage(page, /^Language$/, "de");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(profile.getByLabel(/^Sprache$/)).toHaveValue("de");
    await expect(page.getByRole("dialog", { name: "Profil bearbeiten" })).toBeVisible();
    await page.keyboard.press("Escape");

    const checkGerman = async () => {
      const nav = page.getByRole("navigation", { name: "Räume" });
      await expect(nav.getByRole("heading", { name: "Deine Räume" })).toBeVisible();
      await expect(nav.getByRole("button", { name: "Nachrichten suchen" })).toBeVisible();
      await expect(nav.getByRole("heading", { name: "Direktnachrichten" })).toBeVisible();
      await expect(page.getByTestId("composer-input")).toHaveAttribute("placeholder", `Nachricht an #${room.name}`);
      const header = page.getByTestId("room-header");
      await expect(header.getByRole("button", { name: "Raum verlassen" })).toBeVisible();
      await expect(header.getByRole("button", { name: "Angeheftete Nachrichten" })).toBeVisible();
      await expect(header.getByRole("button", { name: /Mitglieder/ })).toBeVisible();
      await expect(page.getByTestId("day-divider")).toHaveText("Heute");
      // A date in German: the full timestamp of the message, 24-hour clock.
      const time = row.locator("time").first();
      await expect(time).toHaveAttribute("title", GERMAN_WEEKDAY);
      await expect(time).not.toContainText(/AM|PM/);
      // A menu: the message's actions, from the keyboard.
      await row.focus();
      await page.keyboard.press("Enter");
      const menu = page.getByRole("dialog", { name: "Nachrichtenaktionen" });
      await expect(menu.getByRole("menuitem", { name: "Im Thread antworten" })).toBeVisible();
      await expect(menu.getByRole("menuitem", { name: "Text kopieren" })).toBeVisible();
      await expect(menu.getByRole("menuitem", { name: "Nachricht bearbeiten" })).toBeVisible();
      await page.keyboard.press("Escape");
      await expect(menu).toBeHidden();
    };
    await checkGerman();

    // The server renders the choice: the page arrives German, before any script runs.
    const html = await (await page.request.get(`/chat/${room.id}`, { headers: { "accept-language": "en-US" } })).text();
    expect(html).toMatch(/<html[^>]*lang="de"/);
    await page.reload();
    await expect(page.getByTestId("current-user-name")).toHaveText(user.name);
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await checkGerman();

    // Back to following the browser (en-US here).
    await chooseLanguage(page, /^Sprache$/, "browser");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("navigation", { name: "Rooms" }).getByRole("heading", { name: "Your rooms" })).toBeVisible();
    await expect(page.getByTestId("composer-input")).toHaveAttribute("placeholder", `Message #${room.name}`);
  });

  test("a browser that asks for German gets the chat in German without choosing anything", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, locale: "de-DE", viewport: { width: 1366, height: 800 } });
    const page = await context.newPage();
    const user = uniqueUser("deutsch");
    await registerUser(page.request, user);
    await signIn(page, user);
    await page.goto("/chat");
    await expect(page.getByTestId("current-user-name")).toHaveText(user.name);
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    const nav = page.getByRole("navigation", { name: "Räume" });
    await expect(nav.getByRole("heading", { name: "Deine Räume" })).toBeVisible();
    await expect(nav.getByRole("button", { name: "Raum erstellen" })).toBeVisible();
    await expect(page.getByTestId("composer-input")).toHaveAttribute("placeholder", /^Nachricht an #/);
    // The profile says the choice is still "follow the browser".
    const profile = await openProfile(page);
    await expect(profile.getByLabel(/^Sprache$/)).toHaveValue("browser");
    await context.close();
  });

  test("a browser that asks for German gets the sign-in page in German: the form, its answers and the notices of a redirect", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, locale: "de-DE", viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto("/signin?error=SessionEnded");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page).toHaveTitle("Anmelden — Parley");
    await expect(page.getByRole("heading", { name: "Bei Parley anmelden" })).toBeVisible();
    const form = page.getByRole("form", { name: "Anmelden" });
    // The server-rendered notice of the redirect's ?error= code.
    await expect(form.getByRole("alert")).toHaveText("Du wurdest abgemeldet. Melde dich wieder an, um weiterzumachen.");
    await expect(page.getByRole("link", { name: "Konto erstellen" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Passwort vergessen?" })).toBeVisible();
    // The form's own answer, worded in the browser.
    await form.getByLabel("E-Mail", { exact: true }).fill(`niemand-${Date.now().toString(36)}@example.com`);
    await form.getByLabel("Passwort", { exact: true }).fill("nicht das richtige Passwort");
    await form.getByRole("button", { name: "Anmelden" }).click();
    await expect(form.getByRole("alert")).toHaveText("E-Mail-Adresse und Passwort passen zu keinem Konto.");
    await context.close();
  });
});
