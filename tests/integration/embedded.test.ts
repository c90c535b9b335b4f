/**
 * Embedded mode (docs/embedded.md): the built server started with no DATABASE_URL, REDIS_URL or
 * AUTH_SECRET runs on its own PGlite database, here in a temporary folder, and keeps its data,
 * its generated secret and its first admin across a restart. The tests share one data folder
 * and run in order.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser, HistoryPage, RoomDTO } from "@/lib/shared/types";
import { api, clientId, connectUser, emitAck, registerUser, signIn, type TestUser } from "../helpers/clients";
import { createTestDatabase, ROOT } from "../helpers/db";
import { startServer, type RunningServer } from "../helpers/server";

const run = promisify(execFile);
const SLOW = 240_000; // a first start runs initdb and the migrations; 2 shared cores

let home: string; // the server's working directory: ./.parley lives here
const servers: RunningServer[] = [];
const started: Record<string, number> = {};

/** Starts the built server in embedded mode on `home`, data in home/db (PARLEY_DATA_DIR). */
async function startEmbedded(label: string): Promise<RunningServer> {
  const t0 = Date.now();
  const server = await startServer({ databaseUrl: null, authSecret: null, cwd: home, env: { PARLEY_DATA_DIR: "db" } });
  started[label] = Date.now() - t0;
  servers.push(server);
  return server;
}

function readAdminFile(): { email: string; password: string } {
  const text = fs.readFileSync(path.join(home, ".parley", "admin.txt"), "utf8");
  const field = (name: string) => new RegExp(`^${name}: (.+)$`, "m").exec(text)?.[1] ?? "";
  return { email: field("email"), password: field("password") };
}

const mode = (p: string) => fs.statSync(p).mode & 0o777;
/** A caller for api() known only by its session cookie (api() reads nothing else). */
const withCookie = (cookie: string) => ({ cookie }) as TestUser;

beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "parley-embedded-"));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  fs.rmSync(home, { recursive: true, force: true });
  console.log(`embedded mode, ms from process start to /api/health 200: ${JSON.stringify(started)}`);
});

describe("embedded mode", () => {
  let first: RunningServer;
  let ana: TestUser;
  let generalId: string;
  const body = `kept across restarts ${clientId().slice(0, 8)}`;

  it(
    "first start: migrates, seeds an admin and #general, and shows the admin's password once",
    async () => {
      first = await startEmbedded("first");
      const admin = readAdminFile();
      expect(admin.email).toBe("admin@parley.local");
      expect(admin.password.length).toBeGreaterThanOrEqual(16);
      expect(first.output()).toContain(`password: ${admin.password}`);
      expect(mode(path.join(home, ".parley", "admin.txt"))).toBe(0o600);
      expect(mode(path.join(home, ".parley", "auth-secret"))).toBe(0o600);
      expect(mode(path.join(home, ".parley"))).toBe(0o700);
      expect(fs.existsSync(path.join(home, "db", "PG_VERSION"))).toBe(true);

      const cookie = await signIn(first.url, admin.email, admin.password);
      const me = await api<{ user: CurrentUser }>(first.url, withCookie(cookie), "GET", "/api/me");
      expect(me.body.user).toMatchObject({ email: admin.email, role: "ADMIN" });
      const rooms = await api<{ rooms: RoomDTO[] }>(first.url, withCookie(cookie), "GET", "/api/rooms");
      const general = rooms.body.rooms.find((r) => r.slug === "general");
      expect(general).toBeDefined();
      generalId = general!.id;
    },
    SLOW,
  );

  it(
    "keeps accounts, messages and sessions across a restart",
    async () => {
      ana = await registerUser(first.url, "Ana", "embedded");
      const rooms = await api<{ rooms: RoomDTO[] }>(first.url, ana, "GET", "/api/rooms");
      expect(rooms.body.rooms.map((r) => r.id)).toContain(generalId); // auto-joined
      const socket = await connectUser(first.url, ana);
      try {
        expect((await emitAck(socket, "room:join", { roomId: generalId })).ok).toBe(true);
        const sent = await emitAck(socket, "message:send", { roomId: generalId, clientId: clientId(), body });
        expect(sent.ok).toBe(true);
      } finally {
        socket.close();
      }

      expect(await first.stop()).toBe(0);
      expect(fs.existsSync(path.join(home, "db", "parley.pid"))).toBe(false); // lock released

      const again = await startEmbedded("restart");
      expect(again.output()).not.toContain("First start");
      // The session cookie from before the restart is still valid: the generated secret was kept.
      expect((await api(again.url, ana, "GET", "/api/me")).status).toBe(200);
      // And the account itself is there.
      const cookie = await signIn(again.url, ana.email, ana.password);
      const history = await api<HistoryPage>(again.url, { ...ana, cookie }, "GET", `/api/rooms/${generalId}/messages`);
      expect(history.status).toBe(200);
      expect(history.body.messages.map((m) => m.body)).toEqual([body]);

      expect(await again.stop()).toBe(0);
    },
    SLOW,
  );

  it(
    "loses no committed message when killed, and takes over the lock the dead process left",
    async () => {
      const server = await startEmbedded("after-kill-1");
      const socket = await connectUser(server.url, ana);
      try {
        expect((await emitAck(socket, "room:join", { roomId: generalId })).ok).toBe(true);
        expect((await emitAck(socket, "message:send", { roomId: generalId, clientId: clientId(), body: `${body} (2)` })).ok).toBe(true);
      } finally {
        socket.close();
      }
      await server.stop("SIGKILL");
      expect(fs.existsSync(path.join(home, "db", "parley.pid"))).toBe(true);

      const again = await startEmbedded("after-kill");
      const history = await api<HistoryPage>(again.url, ana, "GET", `/api/rooms/${generalId}/messages`);
      expect(history.body.messages.map((m) => m.body)).toEqual([body, `${body} (2)`]);

      // One process per data folder: db:export (like a second server) is refused while it runs.
      const exported = await run(process.execPath, [path.join(ROOT, "scripts/db-export.mjs"), "-"], {
        cwd: home,
        env: { ...process.env, PARLEY_DATA_DIR: "db" },
      }).catch((e: { code: number; stderr: string }) => e);
      expect(exported).toMatchObject({ code: 1, stderr: expect.stringContaining("stop it first") });
      expect(await again.stop()).toBe(0);
    },
    SLOW,
  );

  it(
    "db:export writes the data so that a real PostgreSQL with the same migrations takes it",
    async () => {
      const file = path.join(home, "export.sql");
      await run(process.execPath, [path.join(ROOT, "scripts/db-export.mjs"), file], { cwd: home, env: { ...process.env, PARLEY_DATA_DIR: "db" } });
      expect(mode(file)).toBe(0o600);
      const hasPsql = await run("psql", ["--version"]).then(
        () => true,
        () => false,
      );
      if (!hasPsql) {
        console.log("psql not installed: exported but not loaded into PostgreSQL");
        return;
      }
      const db = await createTestDatabase("parley_embedded_export");
      try {
        await run("psql", [db.url, "-v", "ON_ERROR_STOP=1", "--single-transaction", "-q", "-f", file]);
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        try {
          const users = await client.query<{ email: string }>(`SELECT email FROM "User" ORDER BY email`);
          expect(users.rows.map((r) => r.email)).toEqual(["admin@parley.local", ana.email].sort());
          const messages = await client.query<{ body: string; seq: number }>(`SELECT body, seq FROM "Message" ORDER BY seq`);
          expect(messages.rows).toEqual([
            { body, seq: 1 },
            { body: `${body} (2)`, seq: 2 },
          ]);
        } finally {
          await client.end();
        }
        // Loading it twice is refused (the target must be empty), leaving the data as it was.
        await expect(run("psql", [db.url, "-v", "ON_ERROR_STOP=1", "--single-transaction", "-q", "-f", file])).rejects.toMatchObject({
          stderr: expect.stringContaining("is not empty"),
        });
      } finally {
        await db.drop();
      }
    },
    SLOW,
  );
});

describe("with DATABASE_URL set", () => {
  it(
    "starts nothing embedded and writes no ./.parley",
    async () => {
      const db = await createTestDatabase();
      const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "parley-external-"));
      try {
        const server = await startServer({ databaseUrl: db.url, cwd });
        servers.push(server);
        expect(server.output()).not.toContain("embedded");
        expect(await server.stop()).toBe(0);
        expect(fs.existsSync(path.join(cwd, ".parley"))).toBe(false);
      } finally {
        fs.rmSync(cwd, { recursive: true, force: true });
        await db.drop();
      }
    },
    SLOW,
  );
});
