/**
 * Behind the shipped proxy: deploy/nginx.conf on loopback in front of the real app, configured
 * as docker-compose.yml configures it (TRUST_PROXY=1, a METRICS_TOKEN). A client cannot choose
 * its own address with X-Forwarded-For, so the per-IP limits hold; /metrics is refused from
 * outside and answers on the app's own port with the token.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientId, uniqueEmail } from "../helpers/clients";
import { serverFixture } from "../helpers/fixture";
import { startNginx, type RunningNginx } from "../helpers/nginx";

const METRICS_TOKEN = "proxy-metrics-token-0123456789";
// Scale 0.3: 9 sign-in attempts per IP, 3 registrations per IP.
const fx = serverFixture({ env: { TRUST_PROXY: "1", RATE_LIMIT_SCALE: "0.3", METRICS_TOKEN } });
let nginx: RunningNginx;

beforeAll(async () => {
  nginx = await startNginx([fx.server.port]);
});
afterAll(async () => {
  await nginx?.stop();
});

/** A spoofed X-Forwarded-For: a different made-up address each time. */
const spoofed = (i: number) => ({ "x-forwarded-for": `203.0.113.${(i % 250) + 1}, 198.51.100.${(i % 200) + 1}` });

/** One credentials sign-in through nginx; next-auth's error code, or "ok". */
async function signInError(email: string, password: string, headers: Record<string, string>): Promise<string> {
  const csrfRes = await fetch(`${nginx.url}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${nginx.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const { url } = (await res.json()) as { url: string };
  return new URL(url).searchParams.get("error") ?? "ok";
}

describe("X-Forwarded-For behind nginx", () => {
  it("40 wrong sign-ins, each claiming another address, are limited as one IP's", async () => {
    const errors: string[] = [];
    // A new account each time, so only the per-IP limit (9 at this scale) can stop them.
    for (let i = 0; i < 40; i++) errors.push(await signInError(uniqueEmail("spray"), "wrong-password", spoofed(i)));
    expect(errors.slice(0, 9)).toEqual(Array(9).fill("CredentialsSignin"));
    expect(errors.slice(9)).toEqual(Array(31).fill("RATE_LIMITED"));
  });

  it("registrations claiming other addresses hit the per-hour limit of the one IP", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${nginx.url}/api/auth/register`, {
        method: "POST",
        headers: { ...spoofed(i), "content-type": "application/json" },
        body: JSON.stringify({ email: uniqueEmail("xff"), password: "long-enough-horse-42", name: `X ${clientId().slice(0, 4)}` }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
  });
});

describe("/metrics", () => {
  it("is refused through nginx, with or without the token", async () => {
    for (const path of ["/metrics", "/metrics?x=1", "//metrics", "/%6detrics"]) {
      const anonymous = await fetch(`${nginx.url}${path}`);
      expect(anonymous.status, path).toBe(404);
      const withToken = await fetch(`${nginx.url}${path}`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(withToken.status, path).toBe(404);
      expect(await withToken.text()).not.toContain("parley_");
    }
  });

  it("answers on the app's own port with the token, and only with it", async () => {
    expect((await fetch(`${fx.url}/metrics`)).status).toBe(401);
    const res = await fetch(`${fx.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("parley_sockets_connected");
  });
});
