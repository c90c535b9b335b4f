import { describe, expect, it } from "vitest";
import { lastSeenLabel, localTimeIn } from "@/lib/client/lastSeen";

const NOW = Date.parse("2026-12-03T12:00:00Z");
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe("lastSeenLabel", () => {
  it("says how long ago, coarser as it gets older", () => {
    expect(lastSeenLabel(ago(20_000), NOW, "en")).toBe("last seen just now");
    expect(lastSeenLabel(ago(5 * 60_000), NOW, "en")).toBe("last seen 5 minutes ago");
    expect(lastSeenLabel(ago(3 * 3_600_000), NOW, "en")).toBe("last seen 3 hours ago");
    expect(lastSeenLabel(ago(30 * 3_600_000), NOW, "en")).toBe("last seen yesterday");
    expect(lastSeenLabel(ago(10 * 86_400_000), NOW, "en")).toBe("last seen on Nov 23");
    expect(lastSeenLabel(ago(400 * 86_400_000), NOW, "en")).toBe("last seen on Oct 29, 2025");
  });
  it("is null when unknown or unreadable; a clock behind the server's counts as now", () => {
    expect(lastSeenLabel(null, NOW)).toBeNull();
    expect(lastSeenLabel("yesterday", NOW)).toBeNull();
    expect(lastSeenLabel(new Date(NOW + 90_000).toISOString(), NOW, "en")).toBe("last seen just now");
  });
});

describe("localTimeIn", () => {
  it("formats the time in the zone; null for none or an unknown zone", () => {
    expect(localTimeIn("Asia/Tokyo", NOW, "en-US")).toBe("9:00 PM");
    expect(localTimeIn("UTC", NOW, "en-GB")).toBe("12:00");
    expect(localTimeIn(null, NOW)).toBeNull();
    expect(localTimeIn("Mars/Olympus_Mons", NOW)).toBeNull();
  });
});
