import { clickMessageAction, composer, createRoomViaApi, expect, SEEDED_ADMIN, seedMessages, signIn, test, twoInARoom } from "./fixtures";

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

test.describe("refusals in the composer", () => {
  test("a blocked word hands the text back with the reason and no Retry; slow mode counts down before sending", async ({ browser }) => {
    // Ben is a plain member of Ana's room (owners are exempt from slow mode).
    const { ctxA, ctxB, a, b, room } = await twoInARoom(browser);
    const term = `zorbl${Date.now().toString(36)}`;
    const adminCtx = await browser.newContext();
    const admin = await adminCtx.newPage();
    await signIn(admin, SEEDED_ADMIN);
    expect((await admin.request.post("/api/admin/word-filter", { data: { term, mode: "BLOCK" } })).status()).toBe(201);

    const input = composer(b, room.name);
    await input.fill(`this has ${term} in it`);
    await input.press("Enter");
    await expect(b.getByTestId("composer-refusal")).toContainText("Not sent:");
    await expect(input).toHaveValue(`this has ${term} in it`);
    await expect(b.getByTestId("message").filter({ hasText: term })).toHaveCount(0);
    await expect(b.getByRole("button", { name: "Retry" })).toHaveCount(0);
    // Fixed and sent: the notice goes.
    await input.fill("this has nothing bad in it");
    await input.press("Enter");
    await expect(b.getByTestId("message").filter({ hasText: "nothing bad" })).toHaveAttribute("data-status", "sent");
    await expect(b.getByTestId("composer-refusal")).toHaveCount(0);

    // Slow mode: a countdown after each message, and the next one waits for it in the composer.
    expect((await a.request.post(`/api/rooms/${room.id}/slow-mode`, { data: { seconds: 3 } })).ok()).toBe(true);
    await expect(b.getByTestId("composer-hint")).toContainText("Slow mode");
    await input.fill("first in slow mode");
    await input.press("Enter");
    await expect(b.getByTestId("message").filter({ hasText: "first in slow mode" })).toHaveAttribute("data-status", "sent");
    await expect(b.getByTestId("slow-mode-countdown")).toContainText(/You can send again in [1-3] s/);
    await input.fill("second in slow mode");
    await input.press("Enter");
    await expect(b.getByRole("button", { name: "Send message" })).toBeDisabled();
    await expect(input).toHaveValue("second in slow mode"); // kept: not sent, not failed
    await expect(b.getByTestId("slow-mode-countdown")).toHaveCount(0, { timeout: 6_000 });
    await input.press("Enter");
    await expect(b.getByTestId("message").filter({ hasText: "second in slow mode" })).toHaveAttribute("data-status", "sent");
    await expect(a.getByTestId("message-body").filter({ hasText: "second in slow mode" })).toHaveCount(1);

    await Promise.all([ctxA.close(), ctxB.close(), adminCtx.close()]);
  });
});
