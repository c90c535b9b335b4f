/**
 * Helpers for Parley's end-to-end tests: unique users created through the API, sign-in and
 * sign-up through the UI, rooms through the API, and messages seeded over a real socket with
 * the browser context's session cookie.
 */
import { randomUUID } from "node:crypto";
import { expect, test as base, type APIRequestContext, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/shared/events";
import type { RoomDTO } from "@/lib/shared/types";

export interface TestUser {
  name: string;
  email: string;
  password: string;
}

/** The account prisma/seed.ts creates (scripts/test.sh seeds the e2e database). */
export const SEEDED_ADMIN: TestUser = {
  name: "Admin",
  email: process.env.SEED_ADMIN_EMAIL ?? "admin@parley.local",
  password: process.env.SEED_ADMIN_PASSWORD ?? "parley-admin",
};

let counter = 0;

/** A short id unique across runs against the same database. */
export function uniqueSuffix(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** A fresh user; `label` becomes the start of the display name ("Ana 1x2y"). */
export function uniqueUser(label: string): TestUser {
  const id = uniqueSuffix();
  const name = `${label[0]?.toUpperCase() ?? "U"}${label.slice(1)} ${id.slice(-4)}`;
  return { name, email: `${label.toLowerCase()}-${id}@example.com`, password: `pw-${id}-long-enough` };
}

/** Options for each person's browser context (a phone, a time zone). */
export interface TwoPeopleOptions {
  a?: BrowserContextOptions;
  b?: BrowserContextOptions;
}

/** Two people, Ana and Ben, each in a browser context of their own (not yet signed up). */
export async function openTwoPeople(browser: Browser, opts: TwoPeopleOptions = {}) {
  const ctxA = await browser.newContext(opts.a);
  const ctxB = await browser.newContext(opts.b);
  return { ctxA, ctxB, a: await ctxA.newPage(), b: await ctxB.newPage(), ana: uniqueUser("ana"), ben: uniqueUser("ben") };
}

/** Create the account through the API (`POST /api/auth/register`). */
export async function registerUser(request: APIRequestContext, user: TestUser): Promise<void> {
  const response = await request.post("/api/auth/register", { data: user });
  // The same answer for every address (docs/accounts.md); the account can sign in at once (verification OPTIONAL).
  expect(response.status(), await response.text()).toBe(202);
}

/** Fill and submit the sign-up form (which answers "Check your email"), then sign in with the form; lands on /chat. */
export async function signUpViaUi(page: Page, user: TestUser): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  // Verification OPTIONAL (the default): the page offers signing in now, with the email filled in.
  await page.getByRole("link", { name: "Sign in now" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByLabel("Email")).toHaveValue(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // A new account is in #general: /chat opens it.
  await expect(page).toHaveURL(/\/chat(\/[0-9a-f-]+)?$/);
  await expect(page.getByTestId("current-user-name")).toHaveText(user.name);
}

/**
 * Sign in through next-auth's own credentials endpoint from the page's request context, which
 * shares the browser context's cookies: no sign-in page to load. The page stays where it is; the
 * next navigation is signed in. The sign-in form itself is tested in chat.spec.ts.
 */
export async function signIn(page: Page, user: TestUser): Promise<void> {
  const csrf = await page.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: user.email, password: user.password, json: "true" },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.endsWith("session-token")), `no session cookie for ${user.email}`).toBe(true);
}

/** Sign in (API) and open the chat; resolves once the shell shows who is signed in. */
export async function signInAndOpen(page: Page, user: TestUser, path = "/chat"): Promise<void> {
  await signIn(page, user);
  await page.goto(path);
  await expect(page.getByTestId("current-user-name")).toHaveText(user.name);
}

/**
 * Click one of a message row's toolbar actions. The toolbar shows while the row is hovered; a
 * re-render under the pointer (a live event, a layout shift) can hide it between the hover and
 * the click, so hover and click are retried together until the click lands.
 */
export async function clickMessageAction(row: Locator, action: Locator): Promise<void> {
  await expect(async () => {
    await row.hover();
    await action.click({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
}

/**
 * Scroll the message list to one end, again and again, until `done` holds: after each scroll it
 * waits for the page of history that scroll asked for (the list's `data-message-count` changes)
 * or for `done`, never for a fixed time. At most `max` pages.
 */
export async function scrollListUntil(list: Locator, edge: "top" | "bottom", done: () => Promise<boolean>, max = 30): Promise<void> {
  for (let i = 0; i < max && !(await done()); i++) {
    const before = await list.getAttribute("data-message-count");
    await list.evaluate((el, toTop) => el.scrollTo({ top: toTop ? 0 : el.scrollHeight }), edge === "top");
    await expect.poll(async () => (await done()) || (await list.getAttribute("data-message-count")) !== before).toBe(true);
  }
  expect(await done(), `the list did not reach its ${edge} condition in ${max} pages`).toBe(true);
}

/** Let the page render what it has: two animation frames (a script injected by a message would have run). */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** Create a room as the context's signed-in user (the request shares the browser's cookies). */
export async function createRoomViaApi(
  request: APIRequestContext,
  input: { name?: string; topic?: string; visibility?: "PUBLIC" | "PRIVATE" } = {},
): Promise<RoomDTO> {
  const response = await request.post("/api/rooms", {
    data: { name: input.name ?? `room-${uniqueSuffix()}`, topic: input.topic, visibility: input.visibility ?? "PUBLIC" },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { room: RoomDTO }).room;
}

/** Ana and Ben signed in, both members of a fresh public room Ana created (not yet opened). */
export async function twoJoined(browser: Browser, opts: TwoPeopleOptions = {}) {
  const people = await openTwoPeople(browser, opts);
  const { a, b, ana, ben } = people;
  await registerUser(a.request, ana);
  await registerUser(b.request, ben);
  await signIn(a, ana);
  await signIn(b, ben);
  const room = await createRoomViaApi(a.request);
  expect((await b.request.post(`/api/rooms/${room.id}/join`)).status()).toBe(200);
  return { ...people, room };
}

/** Ana and Ben signed in, both in a fresh public room Ana created, with it open. */
export async function twoInARoom(browser: Browser, opts: TwoPeopleOptions = {}) {
  const people = await twoJoined(browser, opts);
  const { a, b, room } = people;
  await a.goto(`/chat/${room.id}`);
  await b.goto(`/chat/${room.id}`);
  return people;
}

/** The composer of the open room. */
export function composer(page: Page, roomName: string) {
  return page.getByRole("textbox", { name: `Message #${roomName}` });
}

type NodeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Send messages over a Socket.IO connection opened from Node with the context's session
 * cookie, one at a time, waiting for each ack (and honouring RATE_LIMITED). `concurrent`: all
 * at once instead (they are then stored in group commits and arrive as `messages:new` batches).
 */
export async function seedMessages(
  context: BrowserContext,
  baseURL: string,
  roomId: string,
  bodies: readonly (string | { body: string; threadRootId: string })[],
  opts: { concurrent?: boolean } = {},
): Promise<void> {
  const origin = new URL(baseURL).origin;
  const cookie = (await context.cookies(origin)).map((c) => `${c.name}=${c.value}`).join("; ");
  const socket: NodeSocket = io(origin, { transports: ["websocket"], extraHeaders: { cookie, origin }, reconnection: false, forceNew: true });
  const sendOne = async (item: string | { body: string; threadRootId: string }) => {
    const clientId = randomUUID().replace(/-/g, "");
    const message = typeof item === "string" ? { body: item } : item;
    for (let attempt = 0; ; attempt++) {
      const ack = await socket.timeout(10_000).emitWithAck("message:send", { roomId, clientId, ...message });
      if (ack.ok) return;
      if (ack.error.code !== "RATE_LIMITED" || attempt >= 20) throw new Error(`seed failed: ${ack.error.code} ${ack.error.message}`);
      const wait = Number(ack.error.details?.retryAfterMs ?? 500);
      await new Promise((r) => setTimeout(r, Math.min(Math.max(wait, 50), 5000)));
    }
  };
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", (err) => reject(new Error(`seed socket refused: ${err.message}`)));
    });
    if (opts.concurrent) await Promise.all(bodies.map(sendOne));
    else for (const item of bodies) await sendOne(item);
  } finally {
    socket.disconnect();
  }
}

/**
 * A room read by a fresh user signed in on `page` (its owner), and a second user in a browser
 * context of their own who has joined it, to write (e.g. with seedMessages).
 */
export async function readerAndWriter(page: Page, browser: Browser) {
  const reader = uniqueUser("reader");
  await registerUser(page.request, reader);
  await signIn(page, reader);
  const room = await createRoomViaApi(page.request);
  const writerCtx = await browser.newContext();
  const writerPage = await writerCtx.newPage();
  const writer = uniqueUser("writer");
  await registerUser(writerPage.request, writer);
  await signIn(writerPage, writer);
  expect((await writerPage.request.post(`/api/rooms/${room.id}/join`)).ok()).toBe(true);
  return { reader, room, writer, writerCtx };
}

/** The two sizes the UI is checked at: a desktop window, and a phone with touch. */
export const SCREEN_SIZES = [
  { size: "desktop", use: { viewport: { width: 1280, height: 800 } } },
  { size: "phone", use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
] as const;

/** The theme the page shows: the computed color-scheme of <html> ("light" or "dark", app/theme.css). */
export function renderedScheme(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
}

/** A test with one freshly registered user, signed in through the UI. */
export const test = base.extend<{ user: TestUser }>({
  user: async ({ page }, provide) => {
    const user = uniqueUser("tester");
    await registerUser(page.request, user);
    await signInAndOpen(page, user);
    await provide(user);
  },
});

export { expect };
