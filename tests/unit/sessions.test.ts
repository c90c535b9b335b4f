import { describe, expect, it } from "vitest";
import { describeUserAgent } from "@/lib/shared/sessions";
import { sessionCookieOf } from "@/server/session";

describe("describeUserAgent", () => {
  it.each([
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome", "Windows"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge", "Windows"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", "Safari", "macOS"],
    ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome", "Android"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1", "Chrome", "iPhone"],
    ["Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox", "Linux"],
    ["curl/8.5.0", "curl", "Unknown device"],
    ["", "Unknown browser", "Unknown device"],
  ])("%s", (ua, browser, device) => {
    expect(describeUserAgent(ua)).toEqual({ browser, device });
  });
});

describe("sessionCookieOf: the one reader of the session cookie", () => {
  const HTTP = "http://127.0.0.1:3000";
  const HTTPS = "https://chat.example.com";
  it.each([
    [undefined, HTTP, { kind: "none" }],
    ["theme=dark", HTTP, { kind: "none" }],
    ["theme=dark; next-auth.session-token=abc", HTTP, { kind: "token", token: "abc" }],
    ["__Secure-next-auth.session-token=abc", HTTPS, { kind: "token", token: "abc" }],
    // Only the origin's own name is read: the other one is ignored, not a conflict.
    ["__Secure-next-auth.session-token=abc", HTTP, { kind: "none" }],
    ["next-auth.session-token=abc", HTTPS, { kind: "none" }],
    ["__Secure-next-auth.session-token=abc; next-auth.session-token=xyz", HTTPS, { kind: "token", token: "abc" }],
    ["next-auth.session-token=abc; next-auth.session-token=abc", HTTP, { kind: "token", token: "abc" }],
    ["next-auth.session-token=abc; next-auth.session-token=xyz", HTTP, { kind: "conflict" }],
    ["__Secure-next-auth.session-token=abc; __Secure-next-auth.session-token=xyz", HTTPS, { kind: "conflict" }],
    ["next-auth.session-token=; next-auth.session-token=abc", HTTP, { kind: "token", token: "abc" }],
    ["xnext-auth.session-token=xyz; next-auth.session-token=abc", HTTP, { kind: "token", token: "abc" }],
  ])("%s (%s)", (header, origin, expected) => {
    expect(sessionCookieOf(header, origin)).toEqual(expected);
  });
});