import { describe, expect, it } from "vitest";
import { api, registerUser, type TestUser } from "../helpers/clients";
import { serverFixture } from "../helpers/fixture";

const fx = serverFixture();
type ErrorBody = { error: { code: string } };

/** The data-theme the server renders on <html> for this visitor (a page of the production build). */
async function renderedTheme(who: TestUser | null, path = "/chat"): Promise<string | undefined> {
  const res = await fetch(`${fx.url}${path}`, { headers: who ? { cookie: who.cookie } : {}, redirect: "manual" });
  expect(res.status).toBe(200);
  return /<html[^>]*\sdata-theme="([a-z]+)"/.exec(await res.text())?.[1];
}

describe("theme (PUT /api/me/theme)", () => {
  it("is SYSTEM until chosen, then rendered on <html> of every page from the session; signed-out pages follow the device", async () => {
    const ana = await registerUser(fx.url, "Ana");
    expect(await renderedTheme(ana)).toBe("system");
    expect(await renderedTheme(null, "/signin")).toBe("system");

    const res = await api<{ theme: string }>(fx.url, ana, "PUT", "/api/me/theme", { theme: "DARK" });
    expect(res).toEqual({ status: 200, body: { theme: "DARK" } });
    expect(await renderedTheme(ana)).toBe("dark");
    expect(await renderedTheme(ana, "/settings/sessions")).toBe("dark");

    await api(fx.url, ana, "PUT", "/api/me/theme", { theme: "LIGHT" });
    expect(await renderedTheme(ana)).toBe("light");

    // Another user's pages are theirs alone.
    const ben = await registerUser(fx.url, "Ben");
    expect(await renderedTheme(ben)).toBe("system");
  });

  it("refuses what is not a theme with 400 and changes nothing; needs a session", async () => {
    const ana = await registerUser(fx.url, "Ana");
    await api(fx.url, ana, "PUT", "/api/me/theme", { theme: "DARK" });
    for (const body of [{ theme: "dark" }, { theme: "SEPIA" }, {}, { theme: "LIGHT", extra: 1 }, "not json"]) {
      const res = await api<ErrorBody>(fx.url, ana, "PUT", "/api/me/theme", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toMatch(/^(VALIDATION_FAILED|BAD_REQUEST)$/);
    }
    expect(await renderedTheme(ana)).toBe("dark");
    expect((await api(fx.url, null, "PUT", "/api/me/theme", { theme: "DARK" })).status).toBe(401);
  });
});
