/**
 * The fuzz attack of tests/integration/fuzz.test.ts, through the loopback cluster: nginx in
 * front of two app instances sharing Redis and PostgreSQL. Random and malformed payloads to
 * every socket event and every REST endpoint, through the load balancer, from a signed-in
 * outsider and from nobody. Afterwards both instances are up and ready, nginx still routes,
 * no stored row changed, and a message sent on one instance still reaches a member on the other.
 */
import { readFileSync } from "node:fs";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onNewMessages } from "@/lib/client/newMessages";
import { CLIENT_EVENTS } from "@/lib/shared/events";
import type { RoomDTO } from "@/lib/shared/types";
import { startCluster, type Cluster } from "../../scripts/cluster/topology";
import { api, clientId, connected, connectUser, emitAck, registerUser, type ClientSocket, type TestUser } from "../helpers/clients";
import { fuzzRestEndpoints, fuzzSocketEvents, seedVictimIds, snapshot } from "../helpers/fuzz";

let cluster: Cluster;
let owner: TestUser;
let attacker: TestUser;
let socket: ClientSocket;
let realIds: string[] = [];
let before: Record<string, string>;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  cluster = await startCluster();
  owner = await registerUser(cluster.url, "Owner", "cfuzz-owner");
  attacker = await registerUser(cluster.url, "Mallory", "cfuzz-attacker");
  realIds = (await seedVictimIds(cluster.url, owner)).ids;
  socket = await connectUser(cluster.url, attacker);
  sockets.push(socket);
  await new Promise((r) => setTimeout(r, 300));
  before = await snapshot(cluster.databaseUrl);
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await cluster?.stop();
});

function appLogs(): string {
  return cluster.apps.map((a) => `--- ${a.name}\n${readFileSync(a.logFile, "utf8").slice(-3000)}`).join("\n");
}

describe("fuzzing through the load balancer", () => {
  it(`answers ${CLIENT_EVENTS.length} socket events × 150 random payloads with well-formed acks, never INTERNAL`, async () => {
    const seen = await fuzzSocketEvents(socket, realIds, 150);
    expect(socket.connected).toBe(true);
    expect(Object.keys(seen).length).toBeGreaterThan(0);
  }, 120_000);

  it("answers random REST paths, queries and bodies below 500, as the attacker and as nobody", async () => {
    const statuses = await fuzzRestEndpoints(cluster.url, attacker, realIds, { runsPerTarget: 15, minRuns: 1500 });
    expect(Object.keys(statuses).some((s) => Number(s) >= 400)).toBe(true);
  }, 240_000);
});

describe("after the fuzzing", () => {
  it("both instances are up and ready, nginx routes, and no stored row changed", async () => {
    for (const app of cluster.apps) {
      expect(app.running, appLogs()).toBe(true);
      expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
      expect((await fetch(`${app.url}/api/health/ready`)).status).toBe(200);
    }
    expect((await fetch(`${cluster.url}/api/health/ready`)).status).toBe(200);
    const ack = await emitAck(socket, "room:join", { roomId: "00000000-0000-7000-8000-000000000000" });
    expect(ack.ok).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    expect(await snapshot(cluster.databaseUrl)).toEqual(before);
  });

  it("a message sent on one instance still reaches a member connected to the other", async () => {
    const [first, second] = cluster.apps;
    if (!first || !second) throw new Error("the cluster has two instances");
    const member = await registerUser(cluster.url, "Member", "cfuzz-member");
    const room = await api<{ room: RoomDTO }>(cluster.url, owner, "POST", "/api/rooms", { name: `after fuzz ${clientId().slice(0, 6)}` });
    expect(room.body.room.id).toBeTruthy();
    expect((await api(cluster.url, member, "POST", `/api/rooms/${room.body.room.id}/join`)).status).toBe(200);
    // Straight to each instance (not through nginx), as browsers from the cluster's origin.
    const direct = (url: string, who: TestUser): ClientSocket =>
      io(url, { transports: ["websocket"], extraHeaders: { cookie: who.cookie, origin: cluster.url }, reconnection: false, forceNew: true });
    const onFirst = direct(first.url, owner);
    const onSecond = direct(second.url, member);
    sockets.push(onFirst, onSecond);
    await Promise.all([connected(onFirst), connected(onSecond)]);
    const body = `across instances ${clientId()}`;
    const received = new Promise<string>((resolve) => onNewMessages(onSecond, (p) => p.body === body && resolve(p.body)));
    await emitAck(onSecond, "room:join", { roomId: room.body.room.id });
    const sent = await emitAck(onFirst, "message:send", { roomId: room.body.room.id, clientId: clientId(), body });
    expect(sent.ok).toBe(true);
    expect(await received).toBe(body);
  });
});
