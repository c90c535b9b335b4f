/**
 * Resuming events in the browser (docs/delivery.md "Resuming events"): while Ben's live
 * connection is cut, Ana edits a message he already has on screen and reacts to it — changes no
 * history catch-up would bring, since no new message arrives. When his connection comes back the
 * page resumes from the server's event journal and shows both, once.
 */
import type { WebSocketRoute } from "@playwright/test";
import { composer, expect, test, twoJoined } from "./fixtures";

test.describe("resuming missed events", () => {
  test("an edit and a reaction made while the other person was offline appear when they reconnect", async ({ browser }) => {
    // The room is opened only once Ben's connection goes through the test (below).
    const { ctxA, ctxB, a, b, room } = await twoJoined(browser);

    // Ben's live connection goes through the test, which can close it; while his browser is
    // offline it cannot open another (nor fall back to long-polling).
    const open = new Set<WebSocketRoute>();
    await b.routeWebSocket(/\/socket\.io\//, (ws) => {
      ws.connectToServer();
      open.add(ws);
    });

    await a.goto(`/chat/${room.id}`);
    await b.goto(`/chat/${room.id}`);
    await composer(a, room.name).fill("Lunch at noon?");
    await composer(a, room.name).press("Enter");
    const onB = b.getByTestId("message").filter({ hasText: "Lunch at noon?" });
    await expect(onB).toHaveAttribute("data-status", "sent");
    const history = (await (await a.request.get(`/api/rooms/${room.id}/messages`)).json()) as { messages: { id: string; body: string }[] };
    const messageId = history.messages.find((m) => m.body === "Lunch at noon?")?.id;
    expect(messageId).toBeTruthy();

    await ctxB.setOffline(true);
    for (const ws of open) await ws.close();
    open.clear();
    await expect(b.getByTestId("connection-banner")).toBeVisible();

    expect((await a.request.patch(`/api/messages/${messageId}`, { data: { body: "Lunch at 1pm?" } })).status()).toBe(200);
    expect((await a.request.post(`/api/rooms/${room.id}/messages/${messageId}/reactions`, { data: { emoji: "🎉", on: true } })).status()).toBe(200);
    // Ana sees both at once; Ben, offline, still has the old copy.
    await expect(a.getByTestId("message").filter({ hasText: "Lunch at 1pm?" }).getByTestId("reaction")).toHaveCount(1);
    await expect(onB).toBeVisible();

    await ctxB.setOffline(false);
    await expect(b.getByTestId("connection-banner")).toHaveCount(0, { timeout: 20_000 });
    const editedOnB = b.getByTestId("message").filter({ hasText: "Lunch at 1pm?" });
    await expect(editedOnB.getByTestId("message-edited")).toHaveText("(edited)");
    await expect(editedOnB.getByTestId("reaction").filter({ hasText: "🎉" }).getByTestId("reaction-count")).toHaveText("1");
    await expect(b.getByText("Lunch at noon?")).toHaveCount(0);
    await expect(b.getByTestId("message")).toHaveCount(1);

    await ctxA.close();
    await ctxB.close();
  });
});
