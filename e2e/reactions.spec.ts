import type { Page } from "@playwright/test";
import { clickMessageAction, composer, createRoomViaApi, expect, settled, test, twoInARoom } from "./fixtures";

const messageRow = (page: Page, text: string) => page.getByTestId("message").filter({ hasText: text });

test.describe("reactions", () => {
  test("a reaction is seen live by the other person, with who reacted, and toggles", async ({ browser }) => {
    const { ctxA, ctxB, a, b, ana, room } = await twoInARoom(browser);
    await composer(a, room.name).fill("Ship it?");
    await composer(a, room.name).press("Enter");
    const onA = messageRow(a, "Ship it?");
    const onB = messageRow(b, "Ship it?");
    await expect(onA).toHaveAttribute("data-status", "sent");

    // Ana reacts from the hover toolbar's picker.
    await clickMessageAction(onA, onA.getByRole("toolbar", { name: "Message actions" }).getByRole("button", { name: "Add reaction" }));
    await a.getByTestId("emoji-picker").getByRole("button", { name: "React with thumbs up" }).click();
    await expect(a.getByTestId("emoji-picker")).toHaveCount(0);

    // Ben sees it live: the count, and Ana's name on hover.
    const chipB = onB.getByTestId("reaction").filter({ hasText: "👍" });
    await expect(chipB.getByTestId("reaction-count")).toHaveText("1");
    await expect(chipB).toHaveAttribute("title", `${ana.name} reacted with 👍`);
    await expect(chipB).toHaveAttribute("aria-pressed", "false");

    // Ben adds his: both see 2, and the chip is pressed for Ben.
    await chipB.click();
    await expect(chipB).toHaveAttribute("aria-pressed", "true");
    const chipA = onA.getByTestId("reaction").filter({ hasText: "👍" });
    await expect(chipA.getByTestId("reaction-count")).toHaveText("2");
    await expect(chipA).toHaveAttribute("title", /You and .* reacted with 👍/);

    // Ben takes it back: Ana sees 1 again. Ana removes hers: the chip disappears for Ben.
    await chipB.click();
    await expect(chipA.getByTestId("reaction-count")).toHaveText("1");
    await chipA.click();
    await expect(onB.getByTestId("reaction")).toHaveCount(0);

    // Reactions come back from history.
    await clickMessageAction(onB, onB.getByRole("toolbar", { name: "Message actions" }).getByRole("button", { name: "Add reaction" }));
    await b.getByTestId("emoji-picker").getByRole("button", { name: "React with party" }).click();
    await expect(onA.getByTestId("reaction").filter({ hasText: "🎉" })).toHaveCount(1);
    await a.reload();
    await expect(messageRow(a, "Ship it?").getByTestId("reaction").filter({ hasText: "🎉" }).getByTestId("reaction-count")).toHaveText("1");

    await ctxA.close();
    await ctxB.close();
  });
});

test.describe("formatting", () => {
  test("markdown renders; links open safely in a new tab; unsafe links and raw HTML stay text", async ({ page, user: _user }) => {
    const room = await createRoomViaApi(page.request);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`/chat/${room.id}`);
    const input = composer(page, room.name);
    await input.fill("**bold** _it_ ~~old~~ `code` see https://example.com and [bad](javascript:alert(1)) <b onclick=alert(2)>x</b>");
    await input.press("Enter");
    const body = page.getByTestId("message").filter({ hasText: "bold" }).getByTestId("message-body");
    await expect(body.locator("strong")).toHaveText("bold");
    await expect(body.locator("em")).toHaveText("it");
    await expect(body.locator("del")).toHaveText("old");
    await expect(body.locator("code")).toHaveText("code");
    const link = body.getByRole("link", { name: "https://example.com" });
    await expect(link).toHaveAttribute("href", "https://example.com");
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAttribute("rel", "noopener noreferrer");
    await expect(body.getByRole("link")).toHaveCount(1);
    await expect(body).toContainText("bad");
    await expect(body).toContainText("<b onclick=alert(2)>x</b>");
    await expect(body.locator("b")).toHaveCount(0);
    await body.getByText("bad").click();
    await settled(page);
    expect(dialogs).toEqual([]);
  });
});
