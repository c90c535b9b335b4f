import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { api, connect, registerUser, signIn, sleep, uniqueEmail } from "../helpers/clients";
import { TEST_AUTH_SECRET } from "../helpers/server";
import { serverFixture } from "../helpers/fixture";

const fx = serverFixture();

describe("registration", () => {
  it("creates an account, answering 202 check-email and nothing about the account", async () => {
    const email = uniqueEmail();
    const res = await api<Record<string, unknown>>(fx.url, null, "POST", "/api/auth/register", { email: ` ${email.toUpperCase()} `, password: "long-enough-horse-42", name: " Ana " });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: "check-email" });
    // OPTIONAL verification (the default): the new account signs in at once, as the trimmed, lower-cased email.
    const cookie = await signIn(fx.url, email, "long-enough-horse-42");
    const me = (await (await fetch(`${fx.url}/api/me`, { headers: { cookie } })).json()) as { user: Record<string, unknown> };
    expect(me.user).toMatchObject({ email, name: "Ana", role: "MEMBER" });
    expect(JSON.stringify(me)).not.toContain("passwordHash");
  });

  it("answers a taken email exactly as a new one (202 check-email), and the account keeps its password", async () => {
    const email = uniqueEmail();
    await api(fx.url, null, "POST", "/api/auth/register", { email, password: "long-enough-horse-42", name: "A" });
    const res = await api<Record<string, unknown>>(fx.url, null, "POST", "/api/auth/register", { email, password: "other-pass-horse-7", name: "B" });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: "check-email" });
    await expect(signIn(fx.url, email, "other-pass-horse-7")).rejects.toThrow(/sign-in failed/);
    expect(await signIn(fx.url, email, "long-enough-horse-42")).toContain("session-token=");
  });

  it("answers bad input with 400 and field errors", async () => {
    const res = await api<{ error: { code: string; details: { fieldErrors: Record<string, string[]> } } }>(fx.url, null, "POST", "/api/auth/register", {
      email: "not-an-email",
      password: "short",
      name: "",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(res.body.error.details.fieldErrors).sort()).toEqual(["email", "name", "password"]);
  });

  it("refuses a guessable password, or one containing the email or name, with the reason in fieldErrors.password", async () => {
    const weak = await api<{ error: { code: string; details: { fieldErrors: Record<string, string[]> } } }>(fx.url, null, "POST", "/api/auth/register", { email: uniqueEmail(), password: "password1", name: "Ana" });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe("VALIDATION_FAILED");
    expect(weak.body.error.details.fieldErrors.password?.[0]).toMatch(/too easy to guess: .*common/);
    const email = uniqueEmail("rosalind");
    const mine = await api<{ error: { details: { fieldErrors: Record<string, string[]> } } }>(fx.url, null, "POST", "/api/auth/register", { email, password: `${email.split("@")[0]}-Xq7!`, name: "R" });
    expect(mine.body.error.details.fieldErrors.password).toEqual(["must not contain your email or name"]);
    // Nothing was created: the same email registers afterwards.
    expect((await api(fx.url, null, "POST", "/api/auth/register", { email, password: "long-enough-horse-42", name: "R" })).status).toBe(202);
    expect(await signIn(fx.url, email, "long-enough-horse-42")).toContain("session-token=");
  });

  it.each([
    ["malformed JSON", "{nope", 400, "BAD_REQUEST"],
    ["a JSON array", "[1,2]", 400, "BAD_REQUEST"],
    ["unknown fields", JSON.stringify({ email: uniqueEmail(), password: "long-enough-horse-42", name: "A", role: "ADMIN" }), 400, "VALIDATION_FAILED"],
    ["wrong types", JSON.stringify({ email: 5, password: ["x"], name: {} }), 400, "VALIDATION_FAILED"],
    ["an oversized body", JSON.stringify({ email: uniqueEmail(), password: "x".repeat(40_000), name: "A" }), 413, "PAYLOAD_TOO_LARGE"],
  ])("refuses %s", async (_label, body, status, code) => {
    const res = await api<{ error: { code: string } }>(fx.url, null, "POST", "/api/auth/register", body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });
});

describe("sign-in", () => {
  it("issues a session through next-auth's credentials flow, accepted by REST", async () => {
    const u = await registerUser(fx.url, "Ben");
    const me = await api<{ user: { id: string; name: string } }>(fx.url, u, "GET", "/api/me");
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ id: u.user.id, name: "Ben" });
  });

  it("refuses a wrong password", async () => {
    const u = await registerUser(fx.url);
    await expect(signIn(fx.url, u.email, "wrong-password")).rejects.toThrow(/sign-in failed/);
  });

  it("answers 401 without a session or with a forged one", async () => {
    expect((await api(fx.url, null, "GET", "/api/me")).status).toBe(401);
    const forged = { user: { id: "x", email: "x", name: "x", avatarUrl: null, role: "ADMIN" as const }, email: "", password: "", cookie: "next-auth.session-token=eyJhbGciOiJub25lIn0.e30." };
    expect((await api(fx.url, forged, "GET", "/api/me")).status).toBe(401);
    expect((await api(fx.url, null, "GET", "/api/rooms")).status).toBe(401);
  });

  it("stops accepting a session at its expiry, though the server has decoded it before", async () => {
    const u = await registerUser(fx.url);
    // The user's own token (its server-side session included), re-issued expired 12 s ago:
    // next-auth still accepts it for the rest of its 15 s clock tolerance, i.e. 2–3 s more.
    const claims = await decode({ token: u.cookie.slice(u.cookie.indexOf("=") + 1), secret: TEST_AUTH_SECRET });
    const token = await encode({ token: { ...claims }, secret: TEST_AUTH_SECRET, maxAge: -12 });
    const short = { ...u, cookie: `next-auth.session-token=${token}` };
    expect((await api(fx.url, short, "GET", "/api/me")).status).toBe(200);
    expect((await api(fx.url, short, "GET", "/api/me")).status).toBe(200); // served from the decoded cache
    await sleep(3_200);
    expect((await api(fx.url, short, "GET", "/api/me")).status).toBe(401);
    // The user's own long session still works.
    expect((await api(fx.url, u, "GET", "/api/me")).status).toBe(200);
  });
});

describe("cross-site writes", () => {
  it("refuses a cookie-authenticated write from a foreign Origin with 403", async () => {
    const u = await registerUser(fx.url);
    const res = await fetch(`${fx.url}/api/rooms`, {
      method: "POST",
      headers: { cookie: u.cookie, origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ name: "csrf" }),
    });
    expect(res.status).toBe(403);
    const same = await fetch(`${fx.url}/api/rooms`, {
      method: "POST",
      headers: { cookie: u.cookie, origin: fx.url, "content-type": "application/json" },
      body: JSON.stringify({ name: "same origin" }),
    });
    expect(same.status).toBe(201);
  });
});

describe("socket handshake", () => {
  it("refuses a handshake without a session: connect_error UNAUTHENTICATED", async () => {
    const s = connect(fx.url, null);
    const err = await new Promise<Error>((resolve) => s.once("connect_error", resolve));
    expect(err.message).toBe("UNAUTHENTICATED");
    s.close();
  });

  it("refuses a handshake from a foreign origin: connect_error FORBIDDEN_ORIGIN", async () => {
    const u = await registerUser(fx.url);
    const s = connect(fx.url, u, { origin: "https://evil.example" });
    const err = await new Promise<Error>((resolve) => s.once("connect_error", resolve));
    expect(err.message).toBe("FORBIDDEN_ORIGIN");
    s.close();
  });

  it("accepts the session cookie from the app's own origin", async () => {
    const u = await registerUser(fx.url);
    const s = connect(fx.url, u);
    await new Promise<void>((resolve, reject) => {
      s.once("connect", resolve);
      s.once("connect_error", reject);
    });
    expect(s.connected).toBe(true);
    s.close();
  });
});

describe("health", () => {
  it("reports the database up", async () => {
    const res = await api<{ status: string; db: string; redis: string }>(fx.url, null, "GET", "/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", db: "up", redis: "disabled" });
  });
});
