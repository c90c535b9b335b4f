import { describe, expect, it } from "vitest";
import { negotiateLocale } from "@/lib/shared/locales";

describe("negotiateLocale (Accept-Language)", () => {
  it("takes the highest-weighted supported language, by primary subtag", () => {
    expect(negotiateLocale("de-DE,de;q=0.9,en;q=0.8")).toBe("de");
    expect(negotiateLocale("en-GB,en;q=0.9,de;q=0.8")).toBe("en");
    expect(negotiateLocale("fr-FR,fr;q=0.9,de;q=0.5,en;q=0.4")).toBe("de");
    expect(negotiateLocale("en;q=0.2, de;q=0.7")).toBe("de");
    expect(negotiateLocale("DE-at")).toBe("de");
  });

  it("gives null for no header, no match, a wildcard, or q=0", () => {
    expect(negotiateLocale(null)).toBeNull();
    expect(negotiateLocale("")).toBeNull();
    expect(negotiateLocale("fr, es;q=0.5")).toBeNull();
    expect(negotiateLocale("*")).toBeNull();
    expect(negotiateLocale("de;q=0, fr")).toBeNull();
  });
});
