import type { Page } from "@playwright/test";
import { clickMessageAction, composer, expect, test, twoInARoom } from "./fixtures";

const messageRow = (page: Page, text: string) => page.getByTestId("message").filter({ hasText: text });

test.describe("threads", () => {
  test("a thread reply updates the count live for the other person; also-to-room replies show in the room", async ({ browser }) => {
    const { ctxA, ctxB, a, b, ana, ben, room } = await twoInARoom(browser);
    await composer(a, room.name).fill("Let's plan the launch");
    await composer(a, room.name).press("Enter");
    const rootOnB = messageRow(b, "Let's plan the launch");
    await expect(rootOnB).toHaveCount(1);

    // Ben opens the thread from the hover toolbar and replies.
    await clickMessageAction(rootOnB, rootOnB.getByRole("button", { name: "Reply in thread" }));
    const panelB = b.getByTestId("thread-panel");
    await expect(panelB.getByTestId("thread-root")).toContainText("Let's plan the launch");
    await panelB.getByTestId("thread-input").fill("Tuesday works for me");
    await panelB.getByTestId("thread-input").press("Enter");
    await expect(panelB.getByTestId("thread-reply").filter({ hasText: "Tuesday works for me" })).toHaveCount(1);

    // Ana sees the count and Ben as a replier, live; the reply stays out of the main timeline.
    const rootOnA = messageRow(a, "Let's plan the launch");
    await expect(rootOnA.getByTestId("reply-count")).toHaveText("1 reply");
    await expect(rootOnA.getByTestId("thread-summary").locator(`[title="${ben.name}"]`)).toHaveCount(1);
    await expect(a.getByTestId("message").filter({ hasText: "Tuesday works for me" })).toHaveCount(0);
    await expect(rootOnB.getByTestId("reply-count")).toHaveText("1 reply");

    // Ana opens the thread from the summary and answers, also to the room.
    await rootOnA.getByTestId("thread-summary").click();
    const panelA = a.getByTestId("thread-panel");
    await expect(panelA.getByTestId("thread-reply").filter({ hasText: "Tuesday works for me" })).toHaveCount(1);
    await panelA.getByTestId("thread-input").fill("Tuesday it is");
    await panelA.getByLabel(`Also send to #${room.name}`).check();
    await panelA.getByRole("button", { name: "Reply", exact: true }).click();

    // Ben sees it in the open thread, in the room (marked as a thread reply), and the count at 2.
    await expect(panelB.getByTestId("thread-reply").filter({ hasText: "Tuesday it is" })).toHaveCount(1);
    await expect(rootOnB.getByTestId("reply-count")).toHaveText("2 replies");
    const inRoom = messageRow(b, "Tuesday it is");
    await expect(inRoom).toHaveCount(1);
    await expect(inRoom.getByTestId("in-thread-link")).toBeVisible();
    await expect(rootOnB.getByTestId("thread-summary").locator(`[title="${ana.name}"]`)).toHaveCount(1);

    // After a reload the thread comes back from the server the same way.
    await b.reload();
    await expect(messageRow(b, "Let's plan the launch").getByTestId("reply-count")).toHaveText("2 replies");
    await expect(b.getByTestId("message").filter({ hasText: "Tuesday works for me" })).toHaveCount(0);
    await messageRow(b, "Let's plan the launch").getByTestId("thread-summary").click();
    await expect(b.getByTestId("thread-panel").getByTestId("thread-reply")).toHaveCount(2);

    await ctxA.close();
    await ctxB.close();
  });
});

test.describe("pins", () => {
  test("the owner pins a message; the other person sees it live and in the pinned list, without pin controls", async ({ browser }) => {
    const { ctxA, ctxB, a, b, ana, room } = await twoInARoom(browser);
    await composer(a, room.name).fill("Read the rules first");
    await composer(a, room.name).press("Enter");
    const onA = messageRow(a, "Read the rules first");
    const onB = messageRow(b, "Read the rules first");
    await expect(onB).toHaveCount(1);

    // Ben (a plain member) opens the pinned list: empty, and he has no pin button.
    await b.getByRole("button", { name: "Pinned messages" }).click();
    await expect(b.getByTestId("pinned-panel")).toContainText("Nothing is pinned");
    await onB.hover();
    await expect(onB.getByRole("button", { name: "Pin message" })).toHaveCount(0);

    await clickMessageAction(onA, onA.getByRole("button", { name: "Pin message" }));
    await expect(onA.getByTestId("pinned-mark")).toBeVisible();

    await expect(onB.getByTestId("pinned-mark")).toBeVisible();
    const item = b.getByTestId("pinned-panel").getByTestId("pinned-item");
    await expect(item).toHaveCount(1);
    await expect(item).toContainText("Read the rules first");
    await expect(item).toContainText(`Pinned by ${ana.name}`);
    await expect(item.getByRole("button", { name: "Unpin" })).toHaveCount(0);

    // Unpinned from Ana's pinned panel: it leaves Ben's list live.
    await a.getByRole("button", { name: "Pinned messages" }).click();
    await a.getByTestId("pinned-panel").getByRole("button", { name: "Unpin" }).click();
    await expect(item).toHaveCount(0);
    await expect(onB.getByTestId("pinned-mark")).toHaveCount(0);

    await ctxA.close();
    await ctxB.close();
  });
});
