/** ACCOUNT_DELETION_MESSAGES=remove: a deleted account's messages are soft-deleted too, live for the room. */
import { describe, expect, it } from "vitest";
import type { HistoryPage, MessageDTO } from "@/lib/shared/types";
import { api, connectUser, nextEvent, registerUser } from "../helpers/clients";
import { serverFixture } from "../helpers/fixture";
import { roomAndMessage } from "../helpers/account-data";

const fx = serverFixture({ env: { ACCOUNT_DELETION_MESSAGES: "remove" } });

describe("deleting an account under the remove policy", () => {
  it("deletes its messages, and the room sees them go", async () => {
    const ana = await registerUser(fx.url, "Ana");
    const ben = await registerUser(fx.url, "Ben");
    const { roomId, message, socket } = await roomAndMessage(fx.url, ana, "soon gone");
    await api(fx.url, ben, "POST", `/api/rooms/${roomId}/join`);
    const watcher = await connectUser(fx.url, ben);
    try {
      const updated = nextEvent(watcher, "message:updated", (m: MessageDTO) => m.id === message.id);
      const res = await api<{ messages: string; removed: number }>(fx.url, ana, "DELETE", "/api/me", { confirmEmail: ana.email, password: ana.password });
      expect(res.body).toEqual({ messages: "remove", removed: 1 });
      expect((await updated)[0].deleted).toBe(true);
      const history = await api<HistoryPage>(fx.url, ben, "GET", `/api/rooms/${roomId}/messages`);
      const row = history.body.messages.find((m) => m.id === message.id);
      expect(row?.deleted).toBe(true);
      expect(row?.body).toBe("");
    } finally {
      watcher.close();
      socket.close();
    }
  });
});
