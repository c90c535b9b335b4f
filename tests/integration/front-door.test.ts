/**
 * The front door, as a new user meets it (the built server, as `npm start` runs it): the
 * printed address works for REST writes and sockets whichever loopback spelling the browser
 * uses; `.env` in the working directory is read (the real environment winning over it); a busy
 * port ends with one line saying which port and how to change it.
 */
import fs from "node:fs";
import { createServer, type Server } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoomDTO } from "@/lib/shared/types";
import { clientId, connect, handshakeOutcome, registerUser, type TestUser } from "../helpers/clients";
import { createTestDatabase, withClient, type TestDatabase } from "../helpers/db";
import { freePort, startServer, TEST_AUTH_SECRET, type RunningServer } from "../helpers/server";

let db: TestDatabase;
const servers: RunningServer[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  await db?.drop();
});

/** A REST write (create a room) sent from a page on `origin`. */
function createRoomFrom(server: RunningServer, who: TestUser, origin: string) {
  return fetch(`${server.url}/api/rooms`, {
    method: "POST",
    headers: { cookie: who.cookie, origin, "content-type": "application/json" },
    body: JSON.stringify({ name: `door ${clientId().slice(0, 8)}`, visibility: "PUBLIC" }),
  });
}

/** The handshake's outcome from a page on `origin`: "connected" or the connect_error message. */
function handshakeFrom(server: RunningServer, who: TestUser, origin: string): Promise<string> {
  return handshakeOutcome(connect(server.url, who, { origin }));
}

describe("the printed address", () => {
  let server: RunningServer;
  let port: number;
  let user: TestUser;

  beforeAll(async () => {
    port = await freePort();
    // The default configuration's shape: APP_ORIGIN on localhost, the browser on 127.0.0.1.
    server = await startServer({ databaseUrl: db.url, port, env: { APP_ORIGIN: `http://localhost:${port}`, LOG_LEVEL: "info" } });
    servers.push(server);
    user = await registerUser(server.url, "Door");
  });

  it("is the configured origin", () => {
    expect(server.output()).toContain(`Parley ready on http://localhost:${port}`);
  });

  it("accepts REST writes from every loopback spelling of it, and still refuses a foreign origin", async () => {
    for (const origin of [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`]) {
      const res = await createRoomFrom(server, user, origin);
      expect(res.status, origin).toBe(201);
      expect(((await res.json()) as { room: RoomDTO }).room.visibility).toBe("PUBLIC");
    }
    for (const origin of ["https://evil.example", `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`]) {
      const res = await createRoomFrom(server, user, origin);
      expect(res.status, origin).toBe(403);
      expect(await res.text()).toContain("Cross-site request refused");
    }
  });

  it("accepts socket handshakes from every loopback spelling of it, and still refuses a foreign origin", async () => {
    expect(await handshakeFrom(server, user, `http://127.0.0.1:${port}`)).toBe("connected");
    expect(await handshakeFrom(server, user, `http://[::1]:${port}`)).toBe("connected");
    expect(await handshakeFrom(server, user, "https://evil.example")).toBe("FORBIDDEN_ORIGIN");
    expect(await handshakeFrom(server, user, `http://127.0.0.1:${port + 1}`)).toBe("FORBIDDEN_ORIGIN");
  });
});

describe(".env", () => {
  it("is read from the working directory by the built server; the real environment wins over it", async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "parley-dotenv-"));
    dirs.push(cwd);
    // PORT=1 in the file loses to the PORT the helper sets in the environment.
    fs.writeFileSync(path.join(cwd, ".env"), `# written by the test\nDATABASE_URL=${db.url}\nAUTH_SECRET="${TEST_AUTH_SECRET}"\nPORT=1\n`);
    const server = await startServer({ databaseUrl: null, authSecret: null, cwd });
    servers.push(server);

    const user = await registerUser(server.url, "From dotenv", "dotenv");
    const rows = await withClient(db.url, (c) => c.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [user.email]));
    expect(rows.rows.map((r) => r.id)).toEqual([user.user.id]);
    // Not embedded mode: no local database folder, no "embedded" announcement.
    expect(fs.existsSync(path.join(cwd, ".parley"))).toBe(false);
    expect(server.output()).not.toContain("embedded PostgreSQL");
  });
});

describe("a busy port", () => {
  let blocker: Server;
  afterAll(() => new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve())));

  it("ends with one line naming host:port and PORT=, exit code 1", async () => {
    // Closes what it accepts, so the helper's health polls fail fast instead of hanging.
    blocker = createServer((socket) => socket.destroy());
    const port = await new Promise<number>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve((blocker.address() as { port: number }).port)));
    const failure = await startServer({ databaseUrl: db.url, port }).then(
      (s) => {
        servers.push(s);
        return "started";
      },
      (e: unknown) => String(e),
    );
    expect(failure).toContain("server exited with 1");
    expect(failure).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(failure).toContain(`PORT=${port + 1}`);
    expect(failure).not.toContain("EADDRINUSE");
  }, 120_000);
});
