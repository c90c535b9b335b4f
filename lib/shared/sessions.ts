/**
 * Sessions (signed-in browsers) as the Sessions page shows them, and the small user-agent reader
 * that names their device and browser. Deliberately simple: the common browsers and systems by
 * their well-known tokens, "Unknown" otherwise; it labels a row, it never decides anything.
 */
import { z } from "zod";

export interface SessionDTO {
  id: string;
  /** e.g. "Firefox", "Chrome", "Safari", "Edge", or "Unknown browser". */
  browser: string;
  /** e.g. "Windows", "macOS", "iPhone", "Android", "Linux", or "Unknown device". */
  device: string;
  ip: string;
  createdAt: string;
  lastActiveAt: string;
  /** The session this request came with ("this device"). */
  current: boolean;
}

/** `DELETE /api/sessions?others=1`: the only bulk revoke; without `others=1` the request is refused. */
export const ZRevokeOthersQuery = z.object({ others: z.literal("1", { message: "must be 1 (sign out all other sessions)" }) }).strict();

// Order matters: Edge and Opera carry "Chrome", Chrome carries "Safari".
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, "Edge"],
  [/\b(?:OPR|Opera)\//, "Opera"],
  [/\b(?:Firefox|FxiOS)\//, "Firefox"],
  [/\b(?:Chrome|CriOS|Chromium)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
  [/\bcurl\//, "curl"],
  [/\bnode(?:-fetch)?\b|\bundici\b/, "Node.js"],
];
const DEVICES: [RegExp, string][] = [
  [/\biPhone\b/, "iPhone"],
  [/\biPad\b/, "iPad"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

function first(ua: string, table: [RegExp, string][], fallback: string): string {
  for (const [re, label] of table) if (re.test(ua)) return label;
  return fallback;
}

export function describeUserAgent(ua: string): { browser: string; device: string } {
  return { browser: first(ua, BROWSERS, "Unknown browser"), device: first(ua, DEVICES, "Unknown device") };
}
