/**
 * The long-polling fallback, proven: nginx refuses every WebSocket upgrade (as some proxies
 * and firewalls do), and still Socket.IO clients configured as the browser is (WebSocket first,
 * `tryAllTransports`) and a real Chromium chat across both instances through HTTP long-polling,
 * held on one instance by nginx's sticky cookie, including across the loss of an instance.
 */
import { chromium, type Browser } from "playwright";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_LAUNCH } from "../../scripts/chromium";
import { startCluster, type Cluster } from "../../scripts/cluster/topology";
import { onNewMessages } from "@/lib/client/newMessages";
import { sleep } from "../helpers/clients";
import { closeClients, converse, createClients, openRoom, settle, verify, waitUntil, type FaultClient } from "./harness";

const CLIENTS = 8;

let cluster: Cluster;
let clients: FaultClient[] = [];
let browser: Browser | null = null;

beforeAll(async () => {
  cluster = await startCluster({ refuseWebSocket: true });
  clients = await createClients(cluster.url, CLIENTS, { stickyCookie: true });
});

afterAll(async () => {
  await browser?.close();
  closeClients(clients);
  await cluster?.stop();
});

const transportOf = (c: FaultClient) => c.socket.io.engine?.transport.name;

/** Converse for `ms` in a fresh room, settle, and check every client against the database. */
async function chatFor(tag: string, ms: number, during?: () => Promise<void>) {
  const roomId = await openRoom(cluster.url, clients, `polling ${tag}`);
  const startedAt = Date.now();
  const talk = converse(clients, tag, 800);
  await sleep(ms / 2);
  await during?.();
  await sleep(ms / 2);
  talk.stop();
  await settle(cluster.databaseUrl, roomId, clients);
  const report = await verify(tag, cluster.databaseUrl, roomId, clients, startedAt, { liveFrom: startedAt });
  expect(report).toMatchObject({ lost: 0, unstored: 0, duplicated: 0, outOfOrder: 0, failed: 0 });
  expect(report.stored).toBe(report.sent);
  expect(report.sent).toBeGreaterThan(CLIENTS);
  return report;
}

describe("Socket.IO over HTTP long-polling, WebSocket refused at nginx", () => {
  it("a WebSocket upgrade through nginx is refused", async () => {
    const ws = io(cluster.url, { transports: ["websocket"], extraHeaders: { cookie: clients[0]?.user.cookie ?? "", origin: cluster.url }, reconnection: false, forceNew: true });
    try {
      const outcome = await new Promise<string>((resolve) => {
        ws.once("connect", () => resolve("connected"));
        ws.once("connect_error", (e) => resolve(`refused: ${e.message}`));
      });
      expect(outcome).toMatch(/^refused/);
    } finally {
      ws.close();
    }
  });

  it("clients configured as the browser fall back to polling and chat across both instances: 0 lost, 0 duplicated, all live", async () => {
    expect(clients.map(transportOf)).toEqual(clients.map(() => "polling"));
    // nginx's cookie put clients on both instances, so their events cross Redis.
    const upstreams = new Set(clients.map((c) => c.upstream));
    expect(upstreams.size).toBe(2);
    const report = await chatFor("steady", 5000);
    expect(report.notLive).toBe(0);
    expect(report.reconnected).toBe(0);
  });

  it("losing an instance: its polling clients reconnect through nginx to the other and catch up", async () => {
    const victim = cluster.apps[0];
    if (!victim) throw new Error("no app");
    const onVictim = clients.filter((c) => c.upstream?.endsWith(`:${victim.port}`));
    expect(onVictim.length).toBeGreaterThan(0);
    const report = await chatFor("kill-9", 8000, async () => {
      victim.kill("SIGKILL");
      await victim.exited;
    });
    expect(report.reconnected).toBeGreaterThanOrEqual(onVictim.length);
    expect(clients.every((c) => c.socket.connected && transportOf(c) === "polling")).toBe(true);
    await victim.start();
  });

  it("a browser (Chromium) chats through polling with socket.io-client users", async () => {
    browser = await chromium.launch(CHROMIUM_LAUNCH);
    const context = await browser.newContext({ baseURL: cluster.url });
    const [person, other] = clients;
    if (!person || !other) throw new Error("no clients");
    const [name, value] = person.user.cookie.split(/=(.*)/s);
    await context.addCookies([{ name: name ?? "", value: value ?? "", url: cluster.url, httpOnly: true, sameSite: "Lax" }]);
    const page = await context.newPage();
    const polls: string[] = [];
    const openedSockets: string[] = [];
    page.on("request", (r) => r.url().includes("/socket.io/") && r.url().includes("transport=polling") && polls.push(r.url()));
    page.on("websocket", (ws) => ws.on("framereceived", () => openedSockets.push(ws.url())));

    const roomId = await openRoom(cluster.url, clients, "polling browser");
    await page.goto(`/chat/${roomId}`);
    const box = page.getByRole("textbox", { name: /^Message #/ });
    await box.waitFor();
    // The browser's own socket is connected (the connection banner is gone) over polling.
    await waitUntil("the browser polling", 30_000, () => polls.length > 2);

    // Browser → socket.io-client user, live.
    const fromBrowser = `from chromium ${Date.now()}`;
    const got = new Promise<void>((resolve) => onNewMessages(other.socket, (m) => m.body === fromBrowser && resolve()));
    await box.fill(fromBrowser);
    await box.press("Enter");
    await got;

    // socket.io-client user → browser, live.
    const toBrowser = `to chromium ${Date.now()}`;
    other.sync?.send(toBrowser);
    // (In the message list: the screen reader's announcer says the message too.)
    const list = page.getByTestId("message-list");
    await list.getByText(toBrowser).waitFor({ timeout: 15_000 });
    expect(await list.getByText(fromBrowser).count()).toBe(1);
    expect(await list.getByText(toBrowser).count()).toBe(1);
    // No WebSocket ever carried a frame: everything went over HTTP long-polling.
    expect(openedSockets).toEqual([]);
    await context.close();
  });
});
