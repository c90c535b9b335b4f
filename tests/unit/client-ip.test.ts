import { describe, expect, it } from "vitest";
import { parseEnv } from "@/server/env";
import { clientIpOf } from "@/server/http/request-context";

const PEER = "10.0.0.2";
const ip = (xff: string | string[] | undefined, hops: number) => clientIpOf(xff === undefined ? {} : { "x-forwarded-for": xff }, PEER, hops);

describe("clientIpOf: the client IP from X-Forwarded-For and TRUST_PROXY hops", () => {
  it("0 hops: the TCP peer, whatever the header says", () => {
    expect(ip("203.0.113.9", 0)).toBe(PEER);
    expect(ip(undefined, 0)).toBe(PEER);
  });

  it("1 hop: the entry the proxy appended (the rightmost), never a spoofed one left of it", () => {
    expect(ip("198.51.100.7", 1)).toBe("198.51.100.7");
    expect(ip("6.6.6.6, 7.7.7.7, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(ip(["6.6.6.6", "198.51.100.7"], 1)).toBe("198.51.100.7");
    expect(ip("2001:db8::1", 1)).toBe("2001:db8::1");
  });

  it("2 hops: the entry second from the right (the outer proxy's peer)", () => {
    expect(ip("6.6.6.6, 198.51.100.7, 10.0.0.1", 2)).toBe("198.51.100.7");
    expect(ip("198.51.100.7,10.0.0.1", 2)).toBe("198.51.100.7");
  });

  it("a missing header, too few entries or a non-address: the TCP peer", () => {
    expect(ip(undefined, 1)).toBe(PEER);
    expect(ip("", 1)).toBe(PEER);
    expect(ip("198.51.100.7", 2)).toBe(PEER);
    expect(ip("6.6.6.6, not-an-ip", 1)).toBe(PEER);
    expect(clientIpOf({}, undefined, 1)).toBe("unknown");
  });
});

describe("TRUST_PROXY", () => {
  const base = { DATABASE_URL: "postgresql://u@localhost:5432/db", AUTH_SECRET: "x".repeat(32) };
  it.each([
    [undefined, 0],
    ["", 0],
    ["0", 0],
    ["1", 1],
    ["2", 2],
    ["true", 1],
    ["false", 0],
  ])("%s is %i hops", (value, hops) => {
    expect(parseEnv({ ...base, TRUST_PROXY: value }).TRUST_PROXY).toBe(hops);
  });

  it.each(["yes", "-1", "1.5", "100"])("refuses %s", (value) => {
    expect(() => parseEnv({ ...base, TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });
});
