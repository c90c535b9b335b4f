import { describe, expect, it } from "vitest";
import { RoomPresence } from "@/lib/client/sync/presence";
import { newStore } from "./client-sync-fakes";

describe("sync/presence", () => {
  it("takes online and typing from the join ack, then from events, stamping typing with the clock", () => {
    const store = newStore();
    let t = 100;
    const presence = new RoomPresence(store, () => t);
    presence.joined(["u-ana", "u-ben"], ["u-ben"]);
    expect(store.get()).toMatchObject({ online: ["u-ana", "u-ben"], typing: { userIds: ["u-ben"], receivedAt: 100 } });
    t = 250;
    presence.onTyping(["u-ana"]);
    presence.onPresence(["u-ana"]);
    expect(store.get()).toMatchObject({ online: ["u-ana"], typing: { userIds: ["u-ana"], receivedAt: 250 } });
  });

  it("clears both when unsubscribed, telling listeners once and not again for a second clear", () => {
    const store = newStore();
    const presence = new RoomPresence(store, () => 1);
    presence.joined(["u-ana"], ["u-ben"]);
    let told = 0;
    store.subscribe(() => told++);
    presence.clear();
    presence.clear();
    expect(store.get()).toMatchObject({ online: [], typing: { userIds: [] } });
    expect(told).toBe(1);
  });
});
