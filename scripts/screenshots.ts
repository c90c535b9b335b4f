/**
 * `npx tsx scripts/screenshots.ts`: the README's screenshots. Starts the built server on a fresh
 * database (as `npm run bench:ui` does; it builds if dist/ is missing), seeds a small, realistic
 * conversation through the real API and socket (people, rooms, markdown, code, reactions, a
 * thread, a DM), then captures the main screens — a room, a DM, the thread panel, the admin
 * dashboard, sign-in — at 1366×800 and at a 390×844 phone, in the light and the dark theme, into
 * docs/screenshots/<screen>-<desktop|phone>-<light|dark>.png.
 *
 * Options: --url=URL --database-url=URL (use a running server and its database instead: the
 * database is needed to make the screenshots' admin an admin), --out=DIR.
 */
import { execSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import type { MessageDTO, RoomDTO } from "../lib/shared/types";
import { api, clientId, connectUser, emitAck, registerUser, signIn, type TestUser } from "../tests/helpers/clients";
import { createTestDatabase, REDIS_URL, withClient } from "../tests/helpers/db";
import { ROOT, startParley } from "./bench/lib/servers";
import { CHROMIUM_LAUNCH } from "./chromium";

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const OUT = path.resolve(option("out") ?? path.join(ROOT, "docs/screenshots"));
const AUTH_SECRET = `screenshots-secret-${process.pid}-0123456789abcdef0123456789`;

const SIZES: { size: "desktop" | "phone"; use: BrowserContextOptions }[] = [
  { size: "desktop", use: { viewport: { width: 1366, height: 800 } } },
  { size: "phone", use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
];
const THEMES = ["light", "dark"] as const;

interface Cast {
  me: TestUser;
  ana: TestUser;
  ben: TestUser;
  chloe: TestUser;
  dev: TestUser;
}

async function send(who: TestUser, baseUrl: string, roomId: string, bodies: (string | { body: string; threadRootId: string })[]): Promise<MessageDTO[]> {
  const socket = await connectUser(baseUrl, who);
  const out: MessageDTO[] = [];
  try {
    for (const item of bodies) {
      const message = typeof item === "string" ? { body: item } : item;
      const ack = await emitAck(socket, "message:send", { roomId, clientId: clientId(), ...message });
      if (!ack.ok) throw new Error(`send failed: ${ack.error.code} ${ack.error.message}`);
      out.push(ack.data.message);
    }
  } finally {
    socket.disconnect();
  }
  return out;
}

async function ok<T>(p: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** People, rooms and a conversation worth looking at. Returns the rooms to show. */
async function seed(baseUrl: string, dbUrl: string): Promise<{ cast: Cast; general: RoomDTO; dm: RoomDTO }> {
  const me = await registerUser(baseUrl, "Maya Reyes", "maya");
  await withClient(dbUrl, (c) => c.query(`UPDATE "User" SET "role" = 'ADMIN' WHERE "id" = $1`, [me.user.id]));
  me.cookie = await signIn(baseUrl, me.email, me.password);
  const [ana, ben, chloe, dev] = await Promise.all([registerUser(baseUrl, "Ana Lima", "ana"), registerUser(baseUrl, "Ben Okafor", "ben"), registerUser(baseUrl, "Chloé Martin", "chloe"), registerUser(baseUrl, "Dev Patel", "dev")]);
  if (!ana || !ben || !chloe || !dev) throw new Error("registration failed");
  const cast = { me, ana, ben, chloe, dev };

  const rooms = (await ok(api<{ rooms: RoomDTO[] }>(baseUrl, me, "GET", "/api/rooms"), "rooms")).rooms;
  const general = rooms.find((r) => r.kind === "ROOM") ?? (await ok(api<{ room: RoomDTO }>(baseUrl, me, "POST", "/api/rooms", { name: "general", visibility: "PUBLIC" }), "general")).room;
  const design = (await ok(api<{ room: RoomDTO }>(baseUrl, me, "POST", "/api/rooms", { name: "design", topic: "Mockups, reviews and the colour of buttons", visibility: "PUBLIC" }), "design")).room;
  const engineering = (await ok(api<{ room: RoomDTO }>(baseUrl, me, "POST", "/api/rooms", { name: "engineering", topic: "Builds, deploys, incidents", visibility: "PUBLIC" }), "engineering")).room;
  for (const who of [ana, ben, chloe, dev]) {
    for (const room of [general, design, engineering]) await api(baseUrl, who, "POST", `/api/rooms/${room.id}/join`);
  }

  await send(ana, baseUrl, general.id, ["Morning all! The new onboarding flow is live on staging."]);
  await send(ben, baseUrl, general.id, ["Nice — I'll run through it after standup.", "Is the **sign-up email** the new template?"]);
  await send(ana, baseUrl, general.id, ["Yes, the one Chloé drew last week. Links:\n- staging: https://staging.example.com\n- notes: https://example.com/notes"]);
  await send(dev, baseUrl, general.id, ["The health check now waits for Redis too:\n```ts\nexport async function ready(rt: Runtime): Promise<boolean> {\n  const [db, redis] = await Promise.all([rt.db.ping(), rt.redis.ping()]);\n  return db && redis === \"PONG\";\n}\n```"]);
  const [root] = await send(chloe, baseUrl, general.id, ["Quick poll: do we keep the *compact* message density as the default?"]);
  if (!root) throw new Error("no thread root");
  await send(ben, baseUrl, general.id, [{ body: "Compact for me, it fits more on a laptop.", threadRootId: root.id }]);
  await send(ana, baseUrl, general.id, [{ body: "Comfortable reads better on phones though.", threadRootId: root.id }]);
  await send(dev, baseUrl, general.id, [{ body: "Make it a setting? Default comfortable, remember the choice.", threadRootId: root.id }]);
  await send(me, baseUrl, general.id, [`Thanks @Ana Lima — shipping it to production at 3 pm. @Dev Patel can you watch the dashboards?`]);
  const [onIt] = await send(dev, baseUrl, general.id, ["On it. Dashboards are open."]);
  // (No emoji or reactions in the pictures: this machine's Chromium has no colour emoji font.)
  await send(chloe, baseUrl, design.id, ["New button styles are in Figma — feedback welcome before Friday."]);
  await send(ben, baseUrl, engineering.id, ["Deploy 2026.12.4 went out cleanly."]);

  const dm = (await ok(api<{ room: RoomDTO }>(baseUrl, me, "POST", "/api/dms", { userIds: [ana.user.id] }), "dm")).room;
  await send(ana, baseUrl, dm.id, ["Hey Maya, got five minutes before the release?"]);
  await send(me, baseUrl, dm.id, ["Sure — call in 10?"]);
  const [lastDm] = await send(ana, baseUrl, dm.id, ["Perfect, thanks!"]);
  // Maya has read #general and the DM (the other rooms keep their unread badges).
  await api(baseUrl, me, "POST", `/api/rooms/${general.id}/read`, { seq: onIt?.seq ?? 0 });
  await api(baseUrl, me, "POST", `/api/rooms/${dm.id}/read`, { seq: lastDm?.seq ?? 0 });
  return { cast, general, dm };
}

async function signedInPage(browser: Browser, baseUrl: string, who: TestUser, use: BrowserContextOptions, theme: (typeof THEMES)[number]): Promise<Page> {
  await api(baseUrl, who, "PUT", "/api/me/theme", { theme: theme.toUpperCase() });
  const context = await browser.newContext({ ...use, colorScheme: theme, reducedMotion: "reduce" });
  const [name, ...rest] = who.cookie.split("=");
  await context.addCookies([{ name: name ?? "", value: rest.join("="), url: baseUrl }]);
  return context.newPage();
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  // Two frames: the virtual list has measured its rows, the highlighter has painted.
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  let baseUrl = option("url");
  let dbUrl = option("database-url");
  let stop: (() => Promise<void>) | null = null;
  if (!baseUrl || !dbUrl) {
    if (!existsSync(path.join(ROOT, "dist/server.mjs"))) execSync("npm run build", { cwd: ROOT, stdio: "inherit" });
    const db = await createTestDatabase("parley_screens");
    const server = await startParley({ name: "parley-screens", databaseUrl: db.url, redisUrl: REDIS_URL, redisPrefix: `parley-screens-${process.pid}`, authSecret: AUTH_SECRET });
    baseUrl = server.url;
    dbUrl = db.url;
    stop = async () => {
      await server.stop();
      await db.drop().catch(() => undefined);
    };
  }
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const { cast, general, dm } = await seed(baseUrl, dbUrl);
    for (const { size, use } of SIZES) {
      for (const theme of THEMES) {
        const suffix = `${size}-${theme}`;
        const signin = await browser.newContext({ ...use, colorScheme: theme, reducedMotion: "reduce" });
        const signinPage = await signin.newPage();
        await signinPage.goto(`${baseUrl}/signin`);
        await signinPage.getByRole("button", { name: "Sign in" }).waitFor();
        await shoot(signinPage, `signin-${suffix}`);
        await signin.close();

        const page = await signedInPage(browser, baseUrl, cast.me, use, theme);
        await page.goto(`${baseUrl}/chat/${general.id}`);
        await page.getByTestId("message-body").getByText("On it.", { exact: false }).waitFor();
        await page.locator('[data-testid="code-block"] code[data-highlighted="true"]').first().waitFor();
        await shoot(page, `room-${suffix}`);

        // The thread panel, opened from the root's summary.
        await page.getByTestId("message").filter({ hasText: "Quick poll" }).getByRole("button", { name: /3 replies/ }).first().click();
        await page.getByRole("complementary", { name: "Thread" }).getByText("Make it a setting?").waitFor();
        await shoot(page, `thread-${suffix}`);

        await page.goto(`${baseUrl}/chat/${dm.id}`);
        await page.getByTestId("message-body").getByText("Perfect, thanks!").waitFor();
        await shoot(page, `dm-${suffix}`);

        await page.goto(`${baseUrl}/admin`);
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        await page.waitForLoadState("networkidle");
        await shoot(page, `admin-${suffix}`);
        await page.context().close();
      }
    }
  } finally {
    await browser.close();
    await stop?.();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
