import { clickMessageAction, composer, createRoomViaApi, expect, seedMessages, test, twoInARoom } from "./fixtures";

/** Nothing typed is lost: drafts across room switches and reloads, the outbox across a closed tab. */
test.describe("drafts and the durable outbox", () => {
  test("a half-written message survives switching rooms and a reload; rooms with a draft are marked", async ({ page, user: _user, baseURL }) => {
    const first = await createRoomViaApi(page.request);
    const second = await createRoomViaApi(page.request);
    await seedMessages(page.context(), baseURL!, first.id, ["a thread root"]);
    await page.goto(`/chat/${first.id}`);
    await composer(page, first.name).fill("half a thought");

    const sidebar = page.getByTestId("sidebar");
    const firstLink = sidebar.getByTestId("room-link").filter({ hasText: first.name });
    await expect(firstLink.getByTestId("draft-mark")).toHaveCount(0); // not on the room being written in
    await sidebar.getByTestId("room-link").filter({ hasText: second.name }).click();
    await expect(composer(page, second.name)).toHaveValue("");
    await expect(firstLink.getByTestId("draft-mark")).toBeVisible();

    await firstLink.click();
    await expect(composer(page, first.name)).toHaveValue("half a thought");
    await page.reload();
    await expect(composer(page, first.name)).toHaveValue("half a thought");

    // A thread's reply box keeps its own draft.
    const root = page.getByTestId("message").filter({ hasText: "a thread root" });
    await clickMessageAction(root, root.getByRole("button", { name: "Reply in thread" }));
    await page.getByTestId("thread-input").fill("a reply in progress");
    await page.getByTestId("thread-panel").getByRole("button", { name: "Close thread" }).click();
    await page.reload();
    await clickMessageAction(root, root.getByRole("button", { name: "Reply in thread" }));
    await expect(page.getByTestId("thread-input")).toHaveValue("a reply in progress");
    await expect(composer(page, first.name)).toHaveValue("half a thought");

    // Sending clears the draft and the mark.
    await composer(page, first.name).press("Enter");
    await expect(page.getByTestId("message").filter({ hasText: "half a thought" })).toHaveAttribute("data-status", "sent");
    await sidebar.getByTestId("room-link").filter({ hasText: second.name }).click();
    await expect(firstLink.getByTestId("draft-mark")).toHaveCount(0);
  });

  test("a message queued offline survives closing the tab (after a warning) and is sent exactly once", async ({ browser }) => {
    const { ctxA, ctxB, a, b, room } = await twoInARoom(browser);
    await expect(composer(a, room.name)).toBeEditable();
    await ctxA.setOffline(true);
    await expect(a.getByTestId("connection-banner")).toHaveText("Reconnecting…");
    await composer(a, room.name).click();
    await composer(a, room.name).fill("kept through a closed tab");
    await composer(a, room.name).press("Enter");
    await expect(a.getByTestId("message").filter({ hasText: "kept through a closed tab" })).toHaveAttribute("data-status", "queued");

    // Leaving asks first.
    const asked = new Promise<string>((resolve) => a.once("dialog", (d) => void d.accept().then(() => resolve(d.type()))));
    const closed = new Promise<void>((resolve) => a.once("close", () => resolve()));
    await a.close({ runBeforeUnload: true });
    expect(await asked).toBe("beforeunload");
    await closed;

    // Back online in a new tab: the journal sends it, with its original clientId, once.
    await ctxA.setOffline(false);
    const again = await ctxA.newPage();
    await again.goto(`/chat/${room.id}`);
    await expect(again.getByTestId("message").filter({ hasText: "kept through a closed tab" })).toHaveAttribute("data-status", "sent");
    await expect(b.getByTestId("message-body").filter({ hasText: "kept through a closed tab" })).toHaveCount(1);
    const history = (await (await b.request.get(`/api/rooms/${room.id}/messages?limit=50`)).json()) as { messages: { body: string }[] };
    expect(history.messages.filter((m) => m.body === "kept through a closed tab")).toHaveLength(1);
    await again.reload();
    await expect(again.getByTestId("message-body").filter({ hasText: "kept through a closed tab" })).toHaveCount(1);
    await ctxA.close();
    await ctxB.close();
  });
});
