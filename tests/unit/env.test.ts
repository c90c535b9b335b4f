import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultRedisKeyPrefix, EnvError, loadDotenv, loopbackAliases, parseDotenv, parseEnv, readEmbeddedConfig, readSeedConfig } from "@/server/env";

const valid = { DATABASE_URL: "postgresql://u@localhost:5432/db", AUTH_SECRET: "x".repeat(32) };

describe("configuration", () => {
  it("applies defaults and derives APP_ORIGIN from PORT", () => {
    const env = parseEnv({ ...valid });
    expect(env).toMatchObject({ PORT: 3000, APP_ORIGIN: "http://localhost:3000", NODE_ENV: "development" });
    expect(env.REDIS_URL).toBeUndefined();
  });

  it("reads SMTP_URL (empty = unset, the log transport) and MAIL_FROM, and refuses a non-SMTP URL", () => {
    expect(parseEnv({ ...valid }).SMTP_URL).toBeUndefined();
    expect(parseEnv({ ...valid, SMTP_URL: "" }).SMTP_URL).toBeUndefined();
    expect(parseEnv({ ...valid }).MAIL_FROM).toBe("Parley <parley@localhost>");
    expect(parseEnv({ ...valid, SMTP_URL: "smtps://u:p@mail.example.com:465", MAIL_FROM: "X <x@example.com>" })).toMatchObject({ SMTP_URL: "smtps://u:p@mail.example.com:465", MAIL_FROM: "X <x@example.com>" });
    expect(() => parseEnv({ ...valid, SMTP_URL: "http://mail.example.com" })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
  });

  it("reads single sign-on (OIDC_*), and refuses half a configuration or SSO-only without a provider", () => {
    expect(parseEnv({ ...valid })).toMatchObject({ AUTH_SSO_ONLY: false, OIDC_NAME: "single sign-on" });
    expect(parseEnv({ ...valid, OIDC_ISSUER: "" }).OIDC_ISSUER).toBeUndefined();
    const sso = { OIDC_ISSUER: "https://accounts.google.com", OIDC_CLIENT_ID: "id", OIDC_CLIENT_SECRET: "secret" };
    expect(parseEnv({ ...valid, ...sso, OIDC_NAME: "Google", AUTH_SSO_ONLY: "1" })).toMatchObject({ ...sso, OIDC_NAME: "Google", AUTH_SSO_ONLY: true });
    expect(() => parseEnv({ ...valid, OIDC_ISSUER: sso.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required/);
    expect(() => parseEnv({ ...valid, OIDC_CLIENT_ID: "id", OIDC_CLIENT_SECRET: "s" })).toThrow(/OIDC_ISSUER is required/);
    expect(() => parseEnv({ ...valid, AUTH_SSO_ONLY: "1" })).toThrow(/AUTH_SSO_ONLY needs single sign-on configured/);
    expect(() => parseEnv({ ...valid, ...sso, OIDC_ISSUER: "accounts.google.com" })).toThrow(/OIDC_ISSUER must be the provider's issuer URL/);
  });

  it("normalises APP_ORIGIN to an origin and treats an empty REDIS_URL as unset", () => {
    const env = parseEnv({ ...valid, APP_ORIGIN: "https://chat.example.com/some/path", REDIS_URL: "" });
    expect(env.APP_ORIGIN).toBe("https://chat.example.com");
    expect(env.REDIS_URL).toBeUndefined();
  });

  it("allows APP_ORIGIN plus the normalised, de-duplicated ALLOWED_ORIGINS", () => {
    // The default origin is loopback, so its other loopback spellings come with it (the loopback rule below).
    expect(parseEnv({ ...valid }).ALLOWED_ORIGINS).toEqual(["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]);
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
    [{ ...valid, REDIS_KEY_PREFIX: "has space" }, "REDIS_KEY_PREFIX"],
    [{ ...valid, MESSAGE_WRITER_MAX_BATCH: "0" }, "MESSAGE_WRITER_MAX_BATCH"],
    [{ ...valid, MESSAGE_WRITER_MAX_BATCH: "ten" }, "MESSAGE_WRITER_MAX_BATCH"],
    [{ ...valid, MESSAGE_WRITER_WINDOW_MS: "-1" }, "MESSAGE_WRITER_WINDOW_MS"],
    [{ ...valid, DATABASE_POOL_MAX: "0" }, "DATABASE_POOL_MAX"],
    [{ ...valid, DATABASE_POOL_MAX: "2.5" }, "DATABASE_POOL_MAX"],
    [{ ...valid, DATABASE_PREPARED_STATEMENTS: "off" }, "DATABASE_PREPARED_STATEMENTS"],
    [{ ...valid, PARLEY_EMBEDDED: "no" }, "PARLEY_EMBEDDED"],
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

describe("the loopback rule", () => {
  it("accepts every loopback spelling of a loopback APP_ORIGIN, same scheme and port, in any NODE_ENV", () => {
    const all = ["http://localhost:4100", "http://127.0.0.1:4100", "http://[::1]:4100"];
    for (const appOrigin of all) {
      for (const NODE_ENV of ["development", "production", "test"]) {
        const env = parseEnv({ ...valid, NODE_ENV, APP_ORIGIN: appOrigin });
        expect(env.APP_ORIGIN).toBe(appOrigin);
        expect([...env.ALLOWED_ORIGINS].sort()).toEqual([...all].sort());
      }
    }
    expect(loopbackAliases("https://localhost")).toEqual(["https://localhost", "https://127.0.0.1", "https://[::1]"]);
  });

  it("gives no other scheme, port or host, and nothing to a public origin", () => {
    const env = parseEnv({ ...valid, APP_ORIGIN: "http://localhost:4100" });
    for (const other of ["https://localhost:4100", "http://127.0.0.1:4101", "http://127.0.0.2:4100", "http://localhost.evil.example:4100", "http://evil.example"]) {
      expect(env.ALLOWED_ORIGINS).not.toContain(other);
    }
    expect(loopbackAliases("https://chat.example.com")).toEqual([]);
    expect(parseEnv({ ...valid, APP_ORIGIN: "https://chat.example.com" }).ALLOWED_ORIGINS).toEqual(["https://chat.example.com"]);
  });

  it("keeps extra ALLOWED_ORIGINS as given", () => {
    const env = parseEnv({ ...valid, ALLOWED_ORIGINS: "https://chat.example.org" });
    expect(env.ALLOWED_ORIGINS).toEqual(["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000", "https://chat.example.org"]);
  });
});

describe("REDIS_KEY_PREFIX", () => {
  it("defaults to parley:<database name>, so two deployments on one Redis do not share keys", () => {
    expect(parseEnv({ ...valid }).REDIS_KEY_PREFIX).toBe("parley:db");
    const a = parseEnv({ ...valid, DATABASE_URL: "postgresql://u@localhost:5432/parley" });
    const b = parseEnv({ ...valid, DATABASE_URL: "postgresql://u@localhost:5432/parley_staging" });
    expect(a.REDIS_KEY_PREFIX).toBe("parley:parley");
    expect(b.REDIS_KEY_PREFIX).toBe("parley:parley_staging");
  });

  it("reduces the name to the allowed characters and 64 of them, and falls back to parley without a name", () => {
    expect(defaultRedisKeyPrefix("postgresql://u@h/my%20chat%2Fdb?sslmode=require")).toBe("parley:my_chat_db");
    expect(defaultRedisKeyPrefix(`postgresql://u@h/${"x".repeat(100)}`)).toHaveLength(64);
    expect(defaultRedisKeyPrefix("postgresql://u@h")).toBe("parley");
    expect(defaultRedisKeyPrefix("postgresql://u@h/")).toBe("parley");
    for (const url of ["postgresql://u@h/é-ü", "postgresql://u@h/a b;c"]) {
      expect(parseEnv({ ...valid, DATABASE_URL: url }).REDIS_KEY_PREFIX).toMatch(/^[A-Za-z0-9_.:-]{1,64}$/);
    }
  });

  it("an explicit REDIS_KEY_PREFIX wins", () => {
    expect(parseEnv({ ...valid, REDIS_KEY_PREFIX: "parley" }).REDIS_KEY_PREFIX).toBe("parley");
    expect(parseEnv({ ...valid, REDIS_KEY_PREFIX: "team-a" }).REDIS_KEY_PREFIX).toBe("team-a");
  });
});

describe("database, writer and embedded settings", () => {
  it("defaults as before: pool 20, prepared statements on, batches of 100 within 2 ms, embedded allowed", () => {
    expect(parseEnv({ ...valid })).toMatchObject({
      DATABASE_POOL_MAX: 20,
      DATABASE_PREPARED_STATEMENTS: true,
      MESSAGE_WRITER_MAX_BATCH: 100,
      MESSAGE_WRITER_WINDOW_MS: 2,
      PARLEY_EMBEDDED: true,
    });
    expect(parseEnv({ ...valid }).PARLEY_DATA_DIR).toBeUndefined();
    // Empty means unset, as a line `KEY=` in .env gives.
    expect(parseEnv({ ...valid, DATABASE_POOL_MAX: "", DATABASE_PREPARED_STATEMENTS: "", PARLEY_DATA_DIR: "" })).toMatchObject({ DATABASE_POOL_MAX: 20, DATABASE_PREPARED_STATEMENTS: true });
  });

  it("reads the values given", () => {
    const env = parseEnv({
      ...valid,
      DATABASE_POOL_MAX: "1",
      DATABASE_PREPARED_STATEMENTS: "0",
      MESSAGE_WRITER_MAX_BATCH: "1",
      MESSAGE_WRITER_WINDOW_MS: "0",
      PARLEY_EMBEDDED: "0",
      PARLEY_DATA_DIR: "db",
    });
    expect(env).toMatchObject({ DATABASE_POOL_MAX: 1, DATABASE_PREPARED_STATEMENTS: false, MESSAGE_WRITER_MAX_BATCH: 1, MESSAGE_WRITER_WINDOW_MS: 0, PARLEY_EMBEDDED: false, PARLEY_DATA_DIR: "db" });
    expect(parseEnv({ ...valid, DATABASE_PREPARED_STATEMENTS: "1" }).DATABASE_PREPARED_STATEMENTS).toBe(true);
  });

  it("the embedded launcher's reader: wanted without DATABASE_URL unless PARLEY_EMBEDDED=0, in every NODE_ENV", () => {
    expect(readEmbeddedConfig({ NODE_ENV: "production" })).toMatchObject({
      wanted: true,
      dataDir: undefined,
      authSecretSet: false,
      redisUrlSet: false,
      appOrigin: "http://localhost:3000",
      seed: { email: "admin@parley.local", password: undefined },
    });
    expect(readEmbeddedConfig({ DATABASE_URL: valid.DATABASE_URL }).wanted).toBe(false);
    expect(readEmbeddedConfig({ PARLEY_EMBEDDED: "0" }).wanted).toBe(false);
    expect(readEmbeddedConfig({ PARLEY_DATA_DIR: "db", PORT: "4000", AUTH_SECRET: "s", REDIS_URL: "redis://x" })).toMatchObject({
      wanted: true,
      dataDir: "db",
      appOrigin: "http://localhost:4000",
      authSecretSet: true,
      redisUrlSet: true,
    });
    expect(readEmbeddedConfig({ APP_ORIGIN: "https://chat.example.com" }).appOrigin).toBe("https://chat.example.com");
  });

  it("the seed's reader normalises the email; empty means unset", () => {
    expect(readSeedConfig({ SEED_ADMIN_EMAIL: " Boss@Example.COM ", SEED_ADMIN_PASSWORD: "pw-123456" })).toEqual({ email: "boss@example.com", password: "pw-123456" });
    expect(readSeedConfig({ SEED_ADMIN_EMAIL: "", SEED_ADMIN_PASSWORD: "" })).toEqual({ email: "admin@parley.local", password: undefined });
  });
});

describe(".env", () => {
  it("parses KEY=value lines as scripts/setup.sh does", () => {
    const text = ["# comment", "", "A=1", "export B=two words", 'C="quoted"', "D='single'", "E=", "F=a=b", "not a line", "1X=bad key", "  # indented comment", "G=crlf\r"].join("\n");
    expect(parseDotenv(text)).toEqual({ A: "1", B: "two words", C: "quoted", D: "single", E: "", F: "a=b", G: "crlf" });
  });

  it("fills in what the environment lacks; the environment wins; a missing file is nothing", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-dotenv-"));
    try {
      const file = path.join(dir, ".env");
      fs.writeFileSync(file, "DATABASE_URL=postgresql://file@h/db\nPORT=1\n");
      const target: Record<string, string | undefined> = { PORT: "4000" };
      expect(loadDotenv(file, target)).toEqual(["DATABASE_URL"]);
      expect(target).toEqual({ PORT: "4000", DATABASE_URL: "postgresql://file@h/db" });
      expect(loadDotenv(path.join(dir, "missing.env"), target)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
