/** AUTH_SSO_ONLY (docs/accounts.md "Single sign-on"): no password sign-in, sign-up or reset; the provider is the only way in. */
import { describe, expect, it } from "vitest";
import { api } from "../helpers/clients";
import { serverFixture } from "../helpers/fixture";

const fx = serverFixture({ env: { OIDC_ISSUER: "http://127.0.0.1:9/", OIDC_CLIENT_ID: "parley-test", OIDC_CLIENT_SECRET: "secret-secret", OIDC_NAME: "Acme SSO", AUTH_SSO_ONLY: "1" } });

describe("an instance set to single sign-on only", () => {
  it("offers only the provider, and refuses sign-up and password reset", async () => {
    const providers = (await (await fetch(`${fx.url}/api/auth/providers`)).json()) as Record<string, { name: string }>;
    expect(Object.keys(providers)).toEqual(["oidc"]);
    expect(providers.oidc?.name).toBe("Acme SSO");
    for (const [path, body] of [
      ["/api/auth/register", { email: "new@example.test", password: "correct horse battery staple 42", name: "New" }],
      ["/api/auth/password-reset", { email: "new@example.test" }],
      ["/api/auth/password-reset/confirm", { token: "x".repeat(43), password: "correct horse battery staple 42" }],
    ] as const) {
      const res = await api<{ error: { code: string; details: { reason: string } } }>(fx.url, null, "POST", path, body);
      expect(res.status, path).toBe(403);
      expect(res.body.error.details.reason).toBe("SSO_ONLY");
    }
  });

  it("shows only the provider's button on the sign-in page and sends sign-up to it", async () => {
    const page = await (await fetch(`${fx.url}/signin`)).text();
    expect(page).toMatch(/Continue with (<!-- -->)?Acme SSO/);
    expect(page).not.toContain('name="password"');
    const signup = await fetch(`${fx.url}/signup`, { redirect: "manual" });
    expect([303, 307, 308]).toContain(signup.status);
    expect(signup.headers.get("location")).toContain("/signin?error=SsoOnly");
  });
});
