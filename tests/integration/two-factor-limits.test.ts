/** Wrong two-factor codes lock the account's codes out like wrong passwords (two-factor:account, at its real size). */
import { describe, expect, it } from "vitest";
import { api, registerUser } from "../helpers/clients";
import { serverFixture } from "../helpers/fixture";
import { attemptSignIn, enrol, stepClock } from "../helpers/two-factor";
import { RATE_LIMITS } from "@/server/services/limits-table";

const fx = serverFixture({ env: { RATE_LIMIT_SCALE: "1" } });

describe("two-factor:account", () => {
  it("after 5 wrong codes refuses every code, the right one too, at sign-in and in settings; another account is unaffected", async () => {
    expect(RATE_LIMITS["two-factor:account"].points).toBe(5);
    const u = await registerUser(fx.url);
    const other = await registerUser(fx.url);
    const clock = await stepClock();
    const { secret } = await enrol(fx.url, u, (s) => clock.code(s, -1));
    const otherTwoFactor = await enrol(fx.url, other, (s) => clock.code(s, -1));
    const creds = { email: u.email, password: u.password };
    const wrong = clock.code(secret, 0) === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) expect(await attemptSignIn(fx.url, { ...creds, otp: wrong })).toMatchObject({ error: "TWO_FACTOR_INVALID", cookie: null });

    expect(await attemptSignIn(fx.url, { ...creds, otp: clock.code(secret, 0) })).toMatchObject({ error: "RATE_LIMITED", cookie: null });
    const settings = await api<{ error: { code: string } }>(fx.url, u, "POST", "/api/me/two-factor/recovery-codes", { code: clock.code(secret, 0) });
    expect(settings.status).toBe(429);
    expect(settings.body.error.code).toBe("RATE_LIMITED");
    // The password step still answers as before (the limit is on codes), and the other account signs in.
    expect((await attemptSignIn(fx.url, creds)).error).toBe("TWO_FACTOR_REQUIRED");
    expect((await attemptSignIn(fx.url, { email: other.email, password: other.password, otp: clock.code(otherTwoFactor.secret, 0) })).cookie).not.toBeNull();
  });
});
