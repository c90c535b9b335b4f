/**
 * "Require two-factor for staff" (docs/two-factor.md): with it on, a global moderator or admin
 * without two-factor is refused by the admin API and the dashboard until they set it up; members
 * are untouched; turning it on is audited like every setting.
 */
import { describe, expect, it } from "vitest";
import { api } from "../helpers/clients";
import { withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";
import { registerWithRole } from "../helpers/moderation";
import { enrol, stepClock } from "../helpers/two-factor";

const fx = serverFixture();

type ErrorBody = { error: { code: string; details?: { reason?: string } } };

describe("require two-factor for staff", () => {
  it("keeps staff without two-factor out of the admin API and dashboard until they enrol", async () => {
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN", "Root");
    const mod = await registerWithRole(fx.url, fx.db.url, "MODERATOR", "Mod");
    // Off (the default): staff without two-factor use the dashboard.
    expect((await api(fx.url, mod, "GET", "/api/admin/overview")).status).toBe(200);
    const { code } = await stepClock();
    await enrol(fx.url, admin, (secret) => code(secret, 0));

    const on = await api<{ settings: { requireTwoFactorForStaff: boolean } }>(fx.url, admin, "PUT", "/api/admin/settings", { requireTwoFactorForStaff: true });
    expect(on.status).toBe(200);
    expect(on.body.settings.requireTwoFactorForStaff).toBe(true);
    const bad = await api<ErrorBody>(fx.url, admin, "PUT", "/api/admin/settings", { requireTwoFactorForStaff: "yes" });
    expect(bad.status).toBe(400);
    const audit = await withClient(fx.db.url, (c) => c.query(`SELECT details FROM "AuditEntry" WHERE action = 'instance.settings' AND "actorId" = $1`, [admin.user.id]));
    expect(JSON.stringify(audit.rows.map((r: { details: unknown }) => r.details))).toContain("requireTwoFactorForStaff");

    // The moderator has no second factor: refused, with the reason; the admin (enrolled) is not.
    const refused = await api<ErrorBody>(fx.url, mod, "GET", "/api/admin/overview");
    expect(refused.status).toBe(403);
    expect(refused.body.error.details?.reason).toBe("TWO_FACTOR_REQUIRED");
    const page = await fetch(`${fx.url}/admin`, { headers: { cookie: mod.cookie }, redirect: "manual" });
    expect(page.headers.get("location") ?? "").toContain("/settings/security?required=staff");
    expect((await api(fx.url, admin, "GET", "/api/admin/overview")).status).toBe(200);
    // Chatting is not staff work: the moderator's own profile still answers.
    expect((await api(fx.url, mod, "GET", "/api/me")).status).toBe(200);

    // Once they set it up, the dashboard opens.
    await enrol(fx.url, mod, (secret) => code(secret, 0));
    expect((await api(fx.url, mod, "GET", "/api/admin/overview")).status).toBe(200);
  });
});
