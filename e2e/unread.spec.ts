import type { Browser, Page } from "@playwright/test";
import type { RoomDTO } from "@/lib/shared/types";
import { composer, createRoomViaApi, expect, openTwoPeople, registerUser, seedMessages, signInAndOpen, test } from "./fixtures";

/** Ana and Ben, registered and signed in, each in a context of their own. */
async function twoSignedIn(browser: Browser) {
  const people = await openTwoPeople(browser);
  await registerUser(people.a.request, people.ana);
  await registerUser(people.b.request, people.ben);
  await signInAndOpen(people.a, people.ana);
  await signInAndOpen(people.b, people.ben);
  return people;
}

/** The DM between the page's user and the other page's user, opened over the API by the first. */
async function openDmViaApi(from: Page, to: Page): Promise<RoomDTO> {
  const toId = ((await (await to.request.get("/api/me")).json()) as { user: { id: string } }).user.id;
  return ((await (await from.request.post("/api/dms", { data: { userIds: [toId] } })).json()) as { room: RoomDTO }).room;
}

/** Mentions, unread counts, the "New messages" divider, "seen by", the title, notifications. */
test.describe("mentions and unread state", () => {
  test("an @mention picked from the suggestions raises a badge on the other person's sidebar live and is highlighted", async ({ browser }) => {
    const { ctxA, ctxB, a, b, ben } = await twoSignedIn(browser);
    const room = await createRoomViaApi(a.request);
    expect((await b.request.post(`/api/rooms/${room.id}/join`)).status()).toBe(200);
    await b.reload();
    const benRoomLink = b.getByTestId("room-link").filter({ hasText: room.name });
    await expect(benRoomLink).toBeVisible();
    await expect(benRoomLink.getByTestId("mention-badge")).toHaveCount(0);

    await a.goto(`/chat/${room.id}`);
    const input = composer(a, room.name);
    // "Ben" and the start of Ben's unique suffix: only Ben matches.
    await input.pressSequentially(`hey @${ben.name.slice(0, 6)}`);
    const suggestions = a.getByTestId("mention-suggestions");
    await expect(suggestions.getByRole("option", { name: ben.name })).toBeVisible();
    // Keyboard: down and up again, then Enter inserts the name (and does not send).
    await input.press("ArrowDown");
    await input.press("ArrowUp");
    await expect(suggestions.getByRole("option", { name: ben.name })).toHaveAttribute("aria-selected", "true");
    await input.press("Enter");
    await expect(suggestions).toHaveCount(0);
    await expect(input).toHaveValue(`hey @${ben.name} `);
    await input.pressSequentially("can you look?");
    await input.press("Enter");
    await expect(a.getByTestId("message").filter({ hasText: "can you look?" })).toHaveAttribute("data-status", "sent");
    // Escape closes the suggestions without touching the text.
    await input.pressSequentially("@");
    await expect(suggestions).toBeVisible();
    await input.press("Escape");
    await expect(suggestions).toHaveCount(0);
    await expect(input).toHaveValue("@");

    // Ben, elsewhere, sees the mention badge appear without a reload.
    await expect(benRoomLink.getByTestId("mention-badge")).toHaveText(/@1/);
    await benRoomLink.click();
    const mentioned = b.getByTestId("message").filter({ hasText: "can you look?" });
    await expect(mentioned).toHaveAttribute("data-mentioned", "true");
    // Read now: the badge goes (here and on every other tab).
    await expect(benRoomLink.getByTestId("mention-badge")).toHaveCount(0);
    // Ana's own message is not highlighted for her.
    await expect(a.getByTestId("message").filter({ hasText: "can you look?" })).not.toHaveAttribute("data-mentioned", "true");
    await ctxA.close();
    await ctxB.close();
  });

  test("unread counts live in the sidebar and the title, and a New messages divider marks where reading stopped", async ({ browser, baseURL }) => {
    const origin = baseURL ?? "http://127.0.0.1:3100";
    const { ctxA, ctxB, a, b } = await twoSignedIn(browser);
    const room = await createRoomViaApi(a.request);
    await seedMessages(ctxA, origin, room.id, ["old news 1", "old news 2"]);
    expect((await b.request.post(`/api/rooms/${room.id}/join`)).status()).toBe(200);
    await b.reload();
    const link = b.getByTestId("room-link").filter({ hasText: room.name });
    await expect(link).toBeVisible();
    await expect(link.getByTestId("unread-badge")).toHaveCount(0); // history before joining is not unread
    await expect(b).toHaveTitle(/^Parley/); // in #general, where /chat opened

    await seedMessages(ctxA, origin, room.id, ["fresh 1", "fresh 2", "fresh 3"]);
    await expect(link.getByTestId("unread-badge")).toHaveText(/^3/);
    await expect(link).toHaveAttribute("data-unread", "true");
    await expect(b).toHaveTitle(/^\(3\) Parley/);

    await link.click();
    const divider = b.getByTestId("unread-divider");
    await expect(divider).toBeVisible();
    // The divider sits right above the first unread message.
    const afterDivider = await divider.evaluate((el) => el.nextElementSibling?.textContent ?? "");
    expect(afterDivider).toContain("fresh 1");
    await expect(b.getByTestId("message-body").getByText("fresh 3")).toBeInViewport();
    await expect(link.getByTestId("unread-badge")).toHaveCount(0);
    await expect(b).toHaveTitle(`Parley — #${room.name}`);

    // Mute persists: the bell stays pressed after a reload, and new messages are counted but subdued.
    await b.getByTestId("mute-toggle").click();
    await expect(b.getByTestId("mute-toggle")).toHaveAttribute("aria-pressed", "true");
    // Elsewhere (/chat would open this room again, the last one opened).
    await b.goto(`/chat/${(await createRoomViaApi(b.request)).id}`);
    await seedMessages(ctxA, origin, room.id, ["while muted"]);
    await expect(link.getByTestId("unread-badge")).toHaveText(/^1/);
    await expect(link).not.toHaveAttribute("data-unread", "true");
    await expect(b).toHaveTitle(/^Parley/); // muted rooms do not count in the title
    await b.goto(`/chat/${room.id}`);
    await expect(b.getByTestId("mute-toggle")).toHaveAttribute("aria-pressed", "true");
    await ctxA.close();
    await ctxB.close();
  });

  test("a room with more unread than fits opens at the divider and is read only once scrolled to the newest", async ({ browser, baseURL }) => {
    test.setTimeout(90_000);
    const origin = baseURL ?? "http://127.0.0.1:3100";
    const { ctxA, ctxB, a, b } = await twoSignedIn(browser);
    const room = await createRoomViaApi(a.request);
    await seedMessages(ctxA, origin, room.id, Array.from({ length: 8 }, (_, i) => `already read ${i + 1}`));
    expect((await b.request.post(`/api/rooms/${room.id}/join`)).status()).toBe(200);
    await seedMessages(ctxA, origin, room.id, Array.from({ length: 30 }, (_, i) => `unread ${String(i + 1).padStart(2, "0")}`));
    await b.reload();
    const link = b.getByTestId("room-link").filter({ hasText: room.name });
    await expect(link.getByTestId("unread-badge")).toHaveText(/^30/);

    await link.click();
    const body = (text: string) => b.getByTestId("message-body").getByText(text, { exact: true });
    await expect(b.getByTestId("unread-divider")).toBeInViewport();
    await expect(body("unread 01")).toBeInViewport();
    await expect(body("unread 30")).not.toBeInViewport();
    // Not seen yet: still unread.
    await b.waitForTimeout(600);
    await expect(link.getByTestId("unread-badge")).toHaveText(/^30/);
    await b.getByTestId("message-list").evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(body("unread 30")).toBeInViewport();
    await expect(link.getByTestId("unread-badge")).toHaveCount(0);
    await ctxA.close();
    await ctxB.close();
  });

  test("a DM shows who has seen my last message, live", async ({ browser, baseURL }) => {
    const origin = baseURL ?? "http://127.0.0.1:3100";
    const { ctxA, ctxB, a, b, ana, ben } = await twoSignedIn(browser);
    const dm = await openDmViaApi(a, b);
    await a.goto(`/chat/${dm.id}`);
    const toBen = a.getByRole("textbox", { name: `Message ${ben.name}` });
    await toBen.fill("ping, are you there?");
    await toBen.press("Enter");
    await expect(a.getByTestId("message").filter({ hasText: "ping, are you there?" })).toHaveAttribute("data-status", "sent");
    await expect(a.getByTestId("seen-by")).toHaveCount(0);

    await b.reload();
    const dmLink = b.getByTestId("dm-list").getByRole("link", { name: ana.name });
    await expect(dmLink.getByTestId("unread-badge")).toHaveText(/^1/);
    await dmLink.click();
    await expect(b.getByTestId("message").filter({ hasText: "ping, are you there?" })).toBeVisible();
    await expect(a.getByTestId("seen-by")).toHaveText(`Seen by ${ben.name}`);

    // A newer message of mine: "seen by" moves under it once Ben's open tab has shown it.
    await seedMessages(ctxA, origin, dm.id, ["second ping"]);
    await expect(a.getByTestId("message").filter({ hasText: "second ping" })).toBeVisible();
    await expect.poll(() => a.getByTestId("seen-by").evaluate((el) => el.previousElementSibling?.textContent ?? "")).toContain("second ping");
    await expect(a.getByTestId("seen-by")).toHaveText(`Seen by ${ben.name}`);
    await ctxA.close();
    await ctxB.close();
  });

  test("a hidden tab raises a browser notification for a DM, once permission was granted", async ({ browser, baseURL }) => {
    const origin = baseURL ?? "http://127.0.0.1:3100";
    const { ctxA, a, ana, ben } = await openTwoPeople(browser);
    const ctxB = await browser.newContext({ permissions: ["notifications"] });
    // The tab reports itself hidden, and every Notification constructed is recorded.
    await ctxB.addInitScript(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
      const seen: { title: string; body: string }[] = [];
      (window as unknown as { __notifications: typeof seen }).__notifications = seen;
      const Real = window.Notification;
      class Spy extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          seen.push({ title, body: options?.body ?? "" });
        }
      }
      window.Notification = Spy;
    });
    const b = await ctxB.newPage();
    await registerUser(a.request, ana);
    await registerUser(b.request, ben);
    await signInAndOpen(a, ana);
    await signInAndOpen(b, ben);
    const dm = await openDmViaApi(a, b);
    await b.reload();
    await expect(b.getByTestId("dm-list").getByRole("link", { name: ana.name })).toBeVisible();
    await expect(b.getByTestId("notification-prompt")).toHaveCount(0); // already granted: no prompt
    await seedMessages(ctxA, origin, dm.id, ["psst, a secret"]);
    await expect
      .poll(() => b.evaluate(() => (window as unknown as { __notifications: { title: string; body: string }[] }).__notifications))
      .toEqual([{ title: ana.name, body: "psst, a secret" }]);
    // Do not disturb (set from another tab: the status reaches this one live) silences them;
    // back online, they come again. The later notification proves the middle message arrived.
    expect((await b.request.put("/api/me/status", { data: { status: "DND" } })).status()).toBe(200);
    await expect(b.getByRole("button", { name: /^Profile and status: .+, Do not disturb$/ })).toBeVisible();
    await seedMessages(ctxA, origin, dm.id, ["not now"]);
    expect((await b.request.put("/api/me/status", { data: { status: "ONLINE" } })).status()).toBe(200);
    await expect(b.getByRole("button", { name: /^Profile and status: .+, Online$/ })).toBeVisible();
    await seedMessages(ctxA, origin, dm.id, ["now then"]);
    await expect
      .poll(() => b.evaluate(() => (window as unknown as { __notifications: { title: string; body: string }[] }).__notifications))
      .toEqual([
        { title: ana.name, body: "psst, a secret" },
        { title: ana.name, body: "now then" },
      ]);
    await ctxA.close();
    await ctxB.close();
  });
});
