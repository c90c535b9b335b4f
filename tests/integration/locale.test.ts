import { describe, expect, it } from "vitest";
import { api, registerUser, type TestUser } from "../helpers/clients";
import { serverFixture } from "../helpers/fixture";

const fx = serverFixture();
type ErrorBody = { error: { code: string } };

/** The lang the server renders on <html> for this visitor and browser language (a page of the production build). */
async function renderedLang(who: TestUser | null, acceptLanguage?: string, path = "/chat"): Promise<string | undefined> {
  const headers: Record<string, string> = {};
  if (who) headers.cookie = who.cookie;
  if (acceptLanguage) headers["accept-language"] = acceptLanguage;
  const res = await fetch(`${fx.url}${path}`, { headers, redirect: "manual" });
  expect(res.status).toBe(200);
  return /<html[^>]*\slang="([a-zA-Z-]+)"/.exec(await res.text())?.[1];
}

describe("language (PUT /api/me/locale)", () => {
  it("follows Accept-Language until chosen, then the choice wins on every page; null follows the browser again", async () => {
    const ana = await registerUser(fx.url, "Ana");
    expect(await renderedLang(ana)).toBe("en");
    expect(await renderedLang(ana, "de-DE,de;q=0.9,en;q=0.8")).toBe("de");
    expect(await renderedLang(ana, "fr-FR, en;q=0.5")).toBe("en");
    expect(await renderedLang(null, "de-AT", "/signin")).toBe("de");
    expect(await renderedLang(null, "en;q=0.9, de;q=0.1", "/signin")).toBe("en");

    const res = await api<{ locale: string | null }>(fx.url, ana, "PUT", "/api/me/locale", { locale: "de" });
    expect(res).toEqual({ status: 200, body: { locale: "de" } });
    expect(await renderedLang(ana)).toBe("de");
    expect(await renderedLang(ana, "en-US")).toBe("de");
    expect(await renderedLang(ana, "en-US", "/settings/sessions")).toBe("de");

    // German text is rendered by the server, not only the attribute.
    const page = await (await fetch(`${fx.url}/settings/sessions`, { headers: { cookie: ana.cookie } })).text();
    expect(page).toContain("Sitzungen");

    await api(fx.url, ana, "PUT", "/api/me/locale", { locale: null });
    expect(await renderedLang(ana, "en-US")).toBe("en");
    expect(await renderedLang(ana, "de")).toBe("de");

    // Another user's pages are theirs alone.
    await api(fx.url, ana, "PUT", "/api/me/locale", { locale: "de" });
    const ben = await registerUser(fx.url, "Ben");
    expect(await renderedLang(ben)).toBe("en");
  });

  it("refuses what is not a supported locale with 400 and changes nothing; needs a session", async () => {
    const ana = await registerUser(fx.url, "Ana");
    await api(fx.url, ana, "PUT", "/api/me/locale", { locale: "de" });
    for (const body of [{ locale: "fr" }, { locale: "DE" }, { locale: "de-DE" }, {}, { locale: "en", extra: 1 }, { locale: 1 }, "not json"]) {
      const res = await api<ErrorBody>(fx.url, ana, "PUT", "/api/me/locale", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toMatch(/^(VALIDATION_FAILED|BAD_REQUEST)$/);
    }
    expect(await renderedLang(ana)).toBe("de");
    expect((await api(fx.url, null, "PUT", "/api/me/locale", { locale: "de" })).status).toBe(401);
  });
});
