import { describe, expect, it } from "vitest";
import { addPending, emptyLog, mergeMessages } from "@/lib/client/messageStore";
import { buildTimeline, dayLabel, shortTimeLabel, timeLabel, timelineMessages, type TimelineItem } from "@/lib/client/timeline";
import { ana, ben, msg, ROOM } from "./client-fixtures";

const now = new Date(2025, 2, 12, 15, 0); // Wednesday 12 March 2025, local time
const at = (day: number, hour: number, minute = 0) => new Date(2025, 2, day, hour, minute).toISOString();

function shape(items: TimelineItem[]): string[] {
  return items.map((i) => (i.kind === "day" ? `[${i.label}]` : `${i.message.authorName}${i.startsGroup ? "*" : ""}`));
}

describe("dayLabel", () => {
  it("names today, yesterday, then dates", () => {
    expect(dayLabel(new Date(2025, 2, 12, 0, 1), now, "en-US")).toBe("Today");
    expect(dayLabel(new Date(2025, 2, 11, 23, 59), now, "en-US")).toBe("Yesterday");
    expect(dayLabel(new Date(2025, 2, 3, 9), now, "en-US")).toBe("Monday, March 3");
    expect(dayLabel(new Date(2024, 11, 31, 9), now, "en-US")).toBe("Tuesday, December 31, 2024");
  });

  it("handles yesterday across a month boundary", () => {
    expect(dayLabel(new Date(2025, 1, 28, 22), new Date(2025, 2, 1, 8), "en-US")).toBe("Yesterday");
  });
});

describe("time labels", () => {
  it("drops AM/PM in the short form", () => {
    const d = new Date(2025, 2, 12, 17, 6);
    expect(timeLabel(d, "en-US").replace(/\s/g, " ")).toBe("5:06 PM");
    expect(shortTimeLabel(d, "en-US")).toBe("5:06");
    expect(shortTimeLabel(d, "en-GB")).toBe("17:06");
  });
});

describe("buildTimeline", () => {
  it("groups consecutive messages by author and starts a group at each new day", () => {
    const log = mergeMessages(emptyLog, [
      msg(1, { author: ana, createdAt: at(11, 10) }),
      msg(2, { author: ana, createdAt: at(11, 10, 1) }),
      msg(3, { author: ben, createdAt: at(11, 10, 2) }),
      msg(4, { author: ben, createdAt: at(12, 9) }),
      msg(5, { author: ana, createdAt: at(12, 9, 1) }),
    ]);
    expect(shape(buildTimeline(timelineMessages(log), now, "en-US"))).toEqual([
      "[Yesterday]",
      "Ana*",
      "Ana",
      "Ben*",
      "[Today]",
      "Ben*",
      "Ana*",
    ]);
  });

  it("starts a new group after a long pause by the same author", () => {
    const log = mergeMessages(emptyLog, [msg(1, { author: ana, createdAt: at(12, 9) }), msg(2, { author: ana, createdAt: at(12, 9, 30) })]);
    expect(shape(buildTimeline(timelineMessages(log), now))).toEqual(["[Today]", "Ana*", "Ana*"]);
  });

  it("puts pending messages after stored ones, keyed by clientId so the row survives confirmation", () => {
    let log = mergeMessages(emptyLog, [msg(1, { author: ana, createdAt: at(12, 14, 59) })]);
    log = addPending(log, { clientId: "pending01", roomId: ROOM, body: "later", author: ana, createdAt: at(12, 15), status: "sending", error: null });
    const items = buildTimeline(timelineMessages(log), now);
    const last = items.at(-1);
    expect(last?.kind === "message" && last.message.status).toBe("sending");
    expect(last?.kind === "message" && last.startsGroup).toBe(false);
    const confirmed = buildTimeline(timelineMessages(mergeMessages(log, [msg(2, { author: ana, clientId: "pending01", createdAt: at(12, 15) })])), now);
    expect(confirmed.at(-1)?.key).toBe(last?.key);
  });
});
