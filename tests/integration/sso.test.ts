/**
 * Single sign-on's REST side (docs/api.md "Single sign-on"): linked identities listed and
 * unlinked with the last-way-in rule, the link confirmation's validation and single use, and
 * an instance set to single sign-on only refusing every password path. The browser flow against
 * a real OpenID Connect provider is e2e/sso.spec.ts.
 */
import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { api, registerUser, signIn, type TestUser } from "../helpers/clients";
import { withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";
import { registerWithRole } from "../helpers/moderation";

const fx = serverFixture({ env: { OIDC_ISSUER: "http://127.0.0.1:9/", OIDC_CLIENT_ID: "parley-test", OIDC_CLIENT_SECRET: "secret-secret" } });

async function linkIdentity(user: TestUser, subject: string): Promise<string> {
  const { rows } = await withClient(fx.db.url, (c) =>
    c.query<{ id: string }>(`INSERT INTO "Identity" (id, "userId", provider, subject, email) VALUES (gen_random_uuid(), $1, 'oidc', $2, $3) RETURNING id`, [user.user.id, subject, user.email]),
  );
  return rows[0]!.id;
}

async function pendingLink(user: TestUser, opts: { expired?: boolean } = {}): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const hash = createHash("sha256").update(token).digest("hex");
  await withClient(fx.db.url, (c) =>
    c.query(
      `INSERT INTO "IdentityLinkRequest" (id, "userId", "tokenHash", provider, subject, email, "expiresAt") VALUES (gen_random_uuid(), $1, $2, 'oidc', $3, $4, now() + $5::interval)`,
      [user.user.id, hash, `sub-${token.slice(0, 8)}`, user.email, opts.expired ? "-1 minute" : "30 minutes"],
    ),
  );
  return token;
}

describe("linked identities", () => {
  it("are listed for their owner only, and unlinked (audited)", async () => {
    const ana = await registerUser(fx.url, "Ana");
    const ben = await registerUser(fx.url, "Ben");
    const id = await linkIdentity(ana, `sub-${ana.user.id}`);
    const list = await api<{ identities: { id: string; provider: string; email: string }[] }>(fx.url, ana, "GET", "/api/me/identities");
    expect(list.status).toBe(200);
    expect(list.body.identities).toEqual([expect.objectContaining({ id, provider: "oidc", email: ana.email })]);
    expect((await api<{ identities: unknown[] }>(fx.url, ben, "GET", "/api/me/identities")).body.identities).toEqual([]);
    // Ben cannot unlink Ana's.
    expect((await api(fx.url, ben, "DELETE", `/api/me/identities/${id}`)).status).toBe(404);
    expect((await api(fx.url, ana, "DELETE", "/api/me/identities/not-a-uuid")).status).toBe(400);
    expect((await api(fx.url, ana, "DELETE", `/api/me/identities/${id}`)).status).toBe(200);
    expect((await api<{ identities: unknown[] }>(fx.url, ana, "GET", "/api/me/identities")).body.identities).toEqual([]);
    const audit = await withClient(fx.db.url, (c) => c.query(`SELECT 1 FROM "AuditEntry" WHERE action = 'identity.unlink' AND "targetId" = $1`, [ana.user.id]));
    expect(audit.rowCount).toBe(1);
  });

  it("keep the last way into an account without a password", async () => {
    const cy = await registerUser(fx.url, "Cy");
    const id = await linkIdentity(cy, `sub-${cy.user.id}`);
    await withClient(fx.db.url, (c) => c.query(`UPDATE "User" SET "passwordHash" = '' WHERE id = $1`, [cy.user.id]));
    const res = await api<{ error: { code: string } }>(fx.url, cy, "DELETE", `/api/me/identities/${id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("CONFLICT");
    expect((await api<{ identities: unknown[] }>(fx.url, cy, "GET", "/api/me/identities")).body.identities).toHaveLength(1);
    // And no password signs in to it.
    await expect(signIn(fx.url, cy.email, "")).rejects.toThrow(/sign-in failed/);
    await expect(signIn(fx.url, cy.email, cy.password)).rejects.toThrow(/sign-in failed/);
  });
});

describe("the dashboard's user page", () => {
  it("shows an admin the account side: email confirmed or not, linked identities, active sessions", async () => {
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN", "Root");
    const kim = await registerUser(fx.url, "Kim");
    await linkIdentity(kim, `sub-${kim.user.id}`);
    await signIn(fx.url, kim.email, kim.password);
    type Detail = { emailVerifiedAt: string | null; identities: { provider: string; email: string }[]; sessions: { ip: string }[]; invitedBy: unknown };
    const before = await api<Detail>(fx.url, admin, "GET", `/api/admin/users/${kim.user.id}`);
    expect(before.status).toBe(200);
    expect(before.body.emailVerifiedAt).toBeNull();
    expect(before.body.identities).toEqual([{ provider: "oidc", email: kim.email, lastUsedAt: null }]);
    expect(before.body.sessions).toHaveLength(2);
    expect(before.body.invitedBy).toBeNull();
    await withClient(fx.db.url, (c) => c.query(`UPDATE "User" SET "emailVerifiedAt" = now() WHERE id = $1`, [kim.user.id]));
    expect((await api<Detail>(fx.url, admin, "GET", `/api/admin/users/${kim.user.id}`)).body.emailVerifiedAt).not.toBeNull();
  });
});

describe("confirming a link", () => {
  it("links with the account's password once, and refuses a wrong one without spending the link", async () => {
    const dee = await registerUser(fx.url, "Dee");
    const token = await pendingLink(dee);
    const wrong = await api<{ error: { code: string; details: { fieldErrors: Record<string, string[]> } } }>(fx.url, null, "POST", "/api/auth/sso-link", { token, password: "nope-nope" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fieldErrors.password).toBeTruthy();
    const ok = await api<{ email: string }>(fx.url, null, "POST", "/api/auth/sso-link", { token, password: dee.password });
    expect(ok.status).toBe(200);
    expect(ok.body.email).toBe(dee.email);
    expect((await api<{ identities: unknown[] }>(fx.url, dee, "GET", "/api/me/identities")).body.identities).toHaveLength(1);
    const again = await api<{ error: { details: { reason: string } } }>(fx.url, null, "POST", "/api/auth/sso-link", { token, password: dee.password });
    expect(again.status).toBe(400);
    expect(again.body.error.details.reason).toBe("used");
  });

  it("refuses expired links, unknown tokens and bad input, changing nothing", async () => {
    const eve = await registerUser(fx.url, "Eve");
    const expired = await pendingLink(eve, { expired: true });
    const res = await api<{ error: { details: { reason: string } } }>(fx.url, null, "POST", "/api/auth/sso-link", { token: expired, password: eve.password });
    expect(res.status).toBe(400);
    expect(res.body.error.details.reason).toBe("expired");
    expect((await api<{ error: { details: { reason: string } } }>(fx.url, null, "POST", "/api/auth/sso-link", { token: "x".repeat(43), password: "p" })).body.error.details.reason).toBe("unknown");
    for (const body of [{}, { token: "short", password: "p" }, { token: "x".repeat(43) }, { token: "x".repeat(43), password: "p", extra: 1 }]) {
      const bad = await api<{ error: { code: string } }>(fx.url, null, "POST", "/api/auth/sso-link", body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect((await api<{ identities: unknown[] }>(fx.url, eve, "GET", "/api/me/identities")).body.identities).toEqual([]);
  });
});
