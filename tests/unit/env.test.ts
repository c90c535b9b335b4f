import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/server/env";

const valid = { DATABASE_URL: "postgresql://u@localhost:5432/db", AUTH_SECRET: "x".repeat(32) };

describe("configuration", () => {
  it("applies defaults and derives APP_ORIGIN from PORT", () => {
    const env = parseEnv({ ...valid });
    expect(env).toMatchObject({ PORT: 3000, APP_ORIGIN: "http://localhost:3000", NODE_ENV: "development" });
    expect(env.REDIS_URL).toBeUndefined();
  });

  it("normalises APP_ORIGIN to an origin and treats an empty REDIS_URL as unset", () => {
    const env = parseEnv({ ...valid, APP_ORIGIN: "https://chat.example.com/some/path", REDIS_URL: "" });
    expect(env.APP_ORIGIN).toBe("https://chat.example.com");
    expect(env.REDIS_URL).toBeUndefined();
  });

  it("allows APP_ORIGIN plus the normalised, de-duplicated ALLOWED_ORIGINS", () => {
    expect(parseEnv({ ...valid }).ALLOWED_ORIGINS).toEqual(["http://localhost:3000"]);
    const env = parseEnv({ ...valid, APP_ORIGIN: "https://chat.example.com", ALLOWED_ORIGINS: " https://chat.example.org/x , https://chat.example.com,http://10.0.0.5:8080 " });
    expect(env.ALLOWED_ORIGINS).toEqual(["https://chat.example.com", "https://chat.example.org", "http://10.0.0.5:8080"]);
  });

  it.each([
    [{ ...valid, ALLOWED_ORIGINS: "chat.example.org" }, "ALLOWED_ORIGINS"],
    [{ ...valid, ALLOWED_ORIGINS: "https://ok.example, ftp://files.example" }, "ALLOWED_ORIGINS"],
    [{ AUTH_SECRET: valid.AUTH_SECRET }, "DATABASE_URL"],
    [{ ...valid, DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ DATABASE_URL: valid.DATABASE_URL }, "AUTH_SECRET"],
    [{ ...valid, AUTH_SECRET: "short" }, "AUTH_SECRET"],
    [{ ...valid, PORT: "eighty" }, "PORT"],
    [{ ...valid, REDIS_URL: "http://nope" }, "REDIS_URL"],
    [{ ...valid, APP_ORIGIN: "not a url" }, "APP_ORIGIN"],
  ])("stops with one line naming the bad variable (%#)", (source, name) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    try {
      parseEnv(source);
    } catch (e) {
      const lines = (e as Error).message.split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(name);
    }
  });
});
