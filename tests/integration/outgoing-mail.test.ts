/** Without SMTP_URL: a reset mail is listed on the admin page "Outgoing mail", which only global admins can open. */
import { describe, expect, it } from "vitest";
import { api, registerUser, type TestUser } from "../helpers/clients";
import { serverFixture } from "../helpers/fixture";
import { waitFor } from "../helpers/wait";
import { withClient } from "../helpers/db";

const fx = serverFixture();
const setGlobalRole = (who: TestUser, role: string) => withClient(fx.db.url, (c) => c.query(`UPDATE "User" SET role = $1 WHERE id = $2`, [role, who.user.id]));
const page = (who: TestUser) => fetch(`${fx.url}/admin/mail`, { headers: { cookie: who.cookie }, redirect: "manual" });

describe("the log transport and the admin page", () => {
  it("lists the reset link for admins; moderators and members are sent away", async () => {
    const [admin, mod, member] = [await registerUser(fx.url, "Adele"), await registerUser(fx.url, "Mo"), await registerUser(fx.url, "Mel")];
    await setGlobalRole(admin, "ADMIN");
    await setGlobalRole(mod, "MODERATOR");
    expect((await api(fx.url, null, "POST", "/api/auth/password-reset", { email: member.email })).status).toBe(202);

    let html = "";
    await waitFor("the reset mail on the admin page", async () => {
      const res = await page(admin);
      html = await res.text();
      return res.status === 200 && html.includes(member.email);
    });
    expect(html).toMatch(new RegExp(`${fx.url.replace(/[.:/]/g, "\\$&")}/reset-password/[A-Za-z0-9_-]{43}`));

    const asMod = await page(mod);
    expect(asMod.status).toBeGreaterThanOrEqual(300);
    expect(asMod.headers.get("location")).toMatch(/\/admin$/);
    const asMember = await page(member);
    expect(asMember.headers.get("location")).toMatch(/\/chat\?denied=admin$/);
    expect(await asMod.text()).not.toContain("/reset-password/");
  });
});
