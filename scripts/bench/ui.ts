/**
 * `npm run bench:ui`: the front-end check. A room with 10,000 messages (several authors, some
 * multi-line) is loaded into the browser's message list by scrolling up through history, then
 * the list is scrolled continuously and made to jump, while PerformanceObserver counts long
 * tasks and requestAnimationFrame records frame times. Before that, the cold first paint: a fresh
 * page navigating to the room, timed from navigation start to the first message row in the DOM
 * (desktop 1280×800, and a 390×844 phone with the CPU throttled 4×), with the API requests it
 * made on the way. Prints a table and writes bench-ui-results.json. Not a test: it reports
 * numbers, it does not judge them.
 *
 * Options: --messages=N (default 10000), --out=FILE, --runs=N (first-paint runs per size, default
 * 7), --only=first-paint (the cold first paint alone: no history loading and scrolling).
 */
import { execSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { createTestDatabase, REDIS_URL, withClient } from "../../tests/helpers/db";
import { bulkUsers, createRooms, registerOwner, addMembers } from "./lib/fixtures";
import { ROOT, startParley } from "./lib/servers";
import { CHROMIUM_LAUNCH } from "../chromium";

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const MESSAGES = Number(option("messages") ?? 10_000);
const outFile = path.resolve(option("out") ?? "bench-ui-results.json");
const RUNS = Number(option("runs") ?? 7);
const FIRST_PAINT_ONLY = option("only") === "first-paint";
const AUTH_SECRET = `bench-ui-secret-${process.pid}-0123456789abcdef0123456789`;

async function seedVaried(dbUrl: string, roomId: string, authorIds: string[], count: number) {
  await withClient(dbUrl, async (c) => {
    await c.query(
      `INSERT INTO "Message" ("id", "roomId", "authorId", "seq", "clientId", "body", "createdAt")
       SELECT gen_random_uuid(), $1::uuid, ($2::uuid[])[1 + (g / 3) % array_length($2::uuid[], 1)], g, 'ui-' || g,
              CASE WHEN g % 7 = 0 THEN 'Message ' || g || E' has a few lines:\\nline two\\nline three, a little longer than the others so it wraps on a phone'
                   WHEN g % 5 = 0 THEN 'Message ' || g || ' is a long one: ' || repeat('lorem ipsum dolor sit amet ', 8)
                   ELSE 'Message ' || g END,
              now() - make_interval(secs => ($3::int - g) * 30)
       FROM generate_series(1, $3::int) g`,
      [roomId, authorIds, count],
    );
    await c.query(`UPDATE "Room" SET "lastSeq" = $2::int WHERE "id" = $1::uuid`, [roomId, count]);
  });
}

/** Runs in the page: continuous scrolling down then up at 3,000 px/s for 5 s each, then 30 jumps. */
const MEASURE_IN_PAGE = `(async () => {
  const el = document.querySelector("[data-testid=message-list]");
  const longTasks = [];
  const observer = new PerformanceObserver((l) => l.getEntries().forEach((e) => longTasks.push(e.duration)));
  observer.observe({ type: "longtask" });
  const frames = [];
  const domRows = [];
  const scroll = (pxPerSec, ms) => new Promise((resolve) => {
    let last = performance.now();
    const start = last;
    const tick = (t) => {
      frames.push(t - last);
      el.scrollTop += (pxPerSec * (t - last)) / 1000;
      last = t;
      domRows.push(el.querySelectorAll("[data-testid=message]").length);
      if (t - start < ms) requestAnimationFrame(tick); else resolve();
    };
    requestAnimationFrame(tick);
  });
  el.scrollTop = 0;
  await new Promise((r) => setTimeout(r, 300));
  await scroll(3000, 5000);
  await scroll(-3000, 5000);
  const jumps = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    el.scrollTop = (((i * 7919) % 100) / 100) * el.scrollHeight;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    jumps.push(performance.now() - t0);
  }
  await new Promise((r) => setTimeout(r, 200));
  observer.disconnect();
  return { frames, longTasks, jumps, domRows, heapMb: performance.memory ? performance.memory.usedJSHeapSize / 1048576 : null, scrollHeight: el.scrollHeight };
})()`;

/** Injected before any page script: when the first message row enters the DOM, since navigation start. */
const FIRST_ROW_PROBE = `(() => {
  const done = () => { window.__firstRowMs = performance.now(); observer.disconnect(); };
  const observer = new MutationObserver(() => { if (document.querySelector("[data-testid=message]")) done(); });
  observer.observe(document, { childList: true, subtree: true });
})()`;

interface FirstPaint {
  runs: number[];
  medianMs: number;
  /** API requests made before the first row showed, on the last run (e.g. "/api/rooms ×2"). */
  requests: string;
}

async function firstPaint(browser: import("@playwright/test").Browser, url: string, cookie: string, opts: { phone: boolean }, runs = RUNS): Promise<FirstPaint> {
  const times: number[] = [];
  let requests = "";
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext(opts.phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 800 } });
    const [name, value] = cookie.split("=") as [string, string];
    // For the whole origin (a cookie set for the room's URL would have the path /chat/ only).
    await context.addCookies([{ name, value, url: new URL(url).origin }]);
    await context.addInitScript(FIRST_ROW_PROBE);
    const page = await context.newPage();
    if (opts.phone) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    }
    const seen = new Map<string, number>();
    const trouble: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") trouble.push(m.text());
    });
    page.on("response", (r) => {
      if (r.status() >= 400) trouble.push(`${r.status()} ${r.url()}`);
    });
    page.on("request", (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith("/api/")) seen.set(u.pathname.replace(/[0-9a-f-]{36}/g, "{id}"), (seen.get(u.pathname.replace(/[0-9a-f-]{36}/g, "{id}")) ?? 0) + 1);
    });
    await page.goto(url);
    await page.waitForFunction(() => typeof (window as unknown as { __firstRowMs?: number }).__firstRowMs === "number", undefined, { timeout: 60_000 }).catch(async (e: unknown) => {
      throw new Error(`no message row at ${page.url()}: ${(await page.locator("body").innerText()).slice(0, 300)} ${trouble.join("; ")} ${[...seen.keys()].join(", ")}`, { cause: e });
    });
    times.push(Math.round(await page.evaluate(() => (window as unknown as { __firstRowMs: number }).__firstRowMs)));
    requests = [...seen].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(", ");
    await context.close();
  }
  return { runs: times, medianMs: quantile(times, 0.5), requests };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

async function main() {
  if (!existsSync(path.join(ROOT, "dist/server.mjs"))) execSync("npm run build", { cwd: ROOT, stdio: "inherit" });
  const db = await createTestDatabase("parley_bench_ui");
  const server = await startParley({ name: "parley-ui", databaseUrl: db.url, redisUrl: REDIS_URL, redisPrefix: `parley-bench-ui-${process.pid}`, authSecret: AUTH_SECRET });
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const owner = await registerOwner(server.url);
    const [roomId] = await createRooms(server.url, owner, 1, "ui");
    const authors = await bulkUsers(db.url, 4, "ui", owner.user.id, AUTH_SECRET);
    await addMembers(db.url, roomId!, authors.map((a) => a.id));
    await seedVaried(db.url, roomId!, [owner.user.id, ...authors.map((a) => a.id)], MESSAGES);

    const roomUrl = `${server.url}/chat/${roomId}`;
    const coldDesktop = await firstPaint(browser, roomUrl, owner.cookie, { phone: false });
    const coldPhone = await firstPaint(browser, roomUrl, owner.cookie, { phone: true });
    console.log(`
| cold first paint (navigation → first message row) | median ms | runs ms | API requests before it |
|---|---|---|---|
| desktop 1280×800 | ${coldDesktop.medianMs} | ${coldDesktop.runs.join(", ")} | ${coldDesktop.requests} |
| phone 390×844, CPU 4× slower | ${coldPhone.medianMs} | ${coldPhone.runs.join(", ")} | ${coldPhone.requests} |
`);
    if (FIRST_PAINT_ONLY) {
      writeFileSync(outFile, `${JSON.stringify({ date: new Date().toISOString(), messages: MESSAGES, firstPaint: { desktop: coldDesktop, phoneCpu4x: coldPhone } }, null, 2)}\n`);
      return;
    }

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const [name, value] = owner.cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    await page.goto(`${server.url}/chat/${roomId}`);
    const list = page.getByTestId("message-list");
    await list.waitFor();
    await page.waitForFunction(() => Number(document.querySelector("[data-testid=message-list]")?.getAttribute("data-message-count")) > 0);

    // Load the whole history by scrolling to the top until every message is in the list.
    const loadStarted = performance.now();
    for (;;) {
      const count = Number(await list.getAttribute("data-message-count"));
      if (count >= MESSAGES) break;
      if (performance.now() - loadStarted > 600_000) throw new Error(`only ${count} messages loaded after 10 minutes`);
      await list.evaluate((el) => el.scrollTo({ top: 0 }));
      await page.waitForFunction((n) => Number(document.querySelector("[data-testid=message-list]")?.getAttribute("data-message-count")) > n, count, { timeout: 30_000 }).catch(() => undefined);
    }
    const loadMs = performance.now() - loadStarted;
    console.log(`Loaded ${MESSAGES} messages into the list by scrolling up in ${Math.round(loadMs)} ms`);

    // Measure: continuous scrolling at a fixed speed (down, then up), then 30 jumps.
    // Plain JavaScript (a string): tsx's helpers (__name) do not exist in the page.
    const metrics = (await page.evaluate(MEASURE_IN_PAGE)) as {
      frames: number[];
      longTasks: number[];
      jumps: number[];
      domRows: number[];
      heapMb: number | null;
      scrollHeight: number;
    };
    const frames = metrics.frames.slice(1);
    const results = {
      date: new Date().toISOString(),
      messages: MESSAGES,
      firstPaint: { desktop: coldDesktop, phoneCpu4x: coldPhone },
      loadAllMs: Math.round(loadMs),
      frames: frames.length,
      frameMs: { p50: r1(quantile(frames, 0.5)), p95: r1(quantile(frames, 0.95)), p99: r1(quantile(frames, 0.99)), max: r1(Math.max(...frames)) },
      framesOver50ms: frames.filter((f) => f > 50).length,
      longTasks: metrics.longTasks.length,
      longTaskTotalMs: Math.round(metrics.longTasks.reduce((a, b) => a + b, 0)),
      longTaskMaxMs: Math.round(Math.max(0, ...metrics.longTasks)),
      jumpTwoFramesMs: { p50: r1(quantile(metrics.jumps, 0.5)), p99: r1(quantile(metrics.jumps, 0.99)) },
      domRowsMax: Math.max(...metrics.domRows),
      heapMb: metrics.heapMb === null ? null : r1(metrics.heapMb),
      scrollHeightPx: Math.round(metrics.scrollHeight),
    };
    writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`
| messages loaded | frames | frame time p50 / p95 / p99 / max ms | frames > 50 ms | long tasks (total ms, max ms) | jump + 2 frames p50 / p99 ms | message rows in DOM (max) | JS heap MB |
|---|---|---|---|---|---|---|---|
| ${MESSAGES.toLocaleString("en")} | ${results.frames} | ${results.frameMs.p50} / ${results.frameMs.p95} / ${results.frameMs.p99} / ${results.frameMs.max} | ${results.framesOver50ms} | ${results.longTasks} (${results.longTaskTotalMs}, ${results.longTaskMaxMs}) | ${results.jumpTwoFramesMs.p50} / ${results.jumpTwoFramesMs.p99} | ${results.domRowsMax} | ${results.heapMb ?? "—"} |

Wrote ${path.relative(process.cwd(), outFile)}. Loading the 10,000 by scrolling up took ${Math.round(loadMs / 1000)} s (${Math.ceil(MESSAGES / 50)} history pages).`);
  } finally {
    await browser.close();
    await server.stop();
    await db.drop().catch(() => undefined);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
