/**
 * Fuzz: thousands of random and malformed payloads to every socket event (CLIENT_EVENTS) and
 * every REST endpoint (found by scanning app/api for route.ts files and their exported methods),
 * from a signed-in user who belongs to none of the rooms the payloads name, and from nobody.
 * The server must answer every one (a well-formed ack; HTTP below 500), stay up, and leave
 * the stored data exactly as it was. The same attack runs through the loopback cluster in
 * tests/cluster/fuzz.test.ts; the machinery is tests/helpers/fuzz.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_EVENTS } from "@/lib/shared/events";
import { connectUser, emitAck, registerUser, type ClientSocket, type TestUser } from "../helpers/clients";
import { serverFixture } from "../helpers/fixture";
import { discoverRoutes, fuzzRestEndpoints, fuzzSocketEvents, seedVictimIds, snapshot } from "../helpers/fuzz";

const fx = serverFixture();

let attacker: TestUser;
let socket: ClientSocket;
let realIds: string[] = [];
let before: Record<string, string>;

beforeAll(async () => {
  const owner = await registerUser(fx.url, "Owner", "fuzz-owner");
  attacker = await registerUser(fx.url, "Mallory", "fuzz-attacker");
  realIds = (await seedVictimIds(fx.url, owner)).ids;
  socket = await connectUser(fx.url, attacker);
  // Let after-commit work (reply counts, read marks) settle before the snapshot.
  await new Promise((r) => setTimeout(r, 300));
  before = await snapshot(fx.db.url);
});

afterAll(() => socket?.disconnect());

describe("fuzzing every socket event", () => {
  it(`answers ${CLIENT_EVENTS.length} events × 150 random payloads with well-formed acks, never INTERNAL`, async () => {
    const seen = await fuzzSocketEvents(socket, realIds, 150);
    expect(socket.connected).toBe(true);
    expect(Object.keys(seen).length).toBeGreaterThan(0);
  }, 120_000);
});

describe("fuzzing every REST endpoint", () => {
  it("discovers the API's routes", () => {
    const routes = discoverRoutes();
    const paths = routes.map((r) => r.path);
    expect(paths).toContain("/api/rooms");
    expect(paths).toContain("/api/rooms/[id]/messages");
    expect(routes.every((r) => r.methods.length > 0)).toBe(true);
  });

  it("answers random paths, queries and bodies below 500, as the attacker and as nobody", async () => {
    const statuses = await fuzzRestEndpoints(fx.url, attacker, realIds, { runsPerTarget: 60, minRuns: 1500 });
    expect(Object.keys(statuses).some((s) => Number(s) >= 400)).toBe(true);
  }, 180_000);
});

describe("after the fuzzing", () => {
  it("the server is up, the attacker's socket still works, and no stored row changed", async () => {
    expect((await fetch(`${fx.url}/api/health`)).status).toBe(200);
    const ack = await emitAck(socket, "room:join", { roomId: "00000000-0000-7000-8000-000000000000" });
    expect(ack.ok).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    expect(await snapshot(fx.db.url)).toEqual(before);
  });
});
