import { composer, expect, test, twoInARoom } from "./fixtures";

/**
 * Mentions render as pills resolved by user id (#16 item 12): the body keeps the `@name` it was
 * written with, the pill shows the person's current name and opens their profile card.
 */
test.describe("mention pills", () => {
  test("Ben mentions Ana; Ana renames herself; Ben's pill shows her new name, live and after a reload", async ({ browser }) => {
    test.setTimeout(90_000);
    const { a, b, ana, room } = await twoInARoom(browser);
    const input = composer(b, room.name);
    await input.fill(`thanks @${ana.name} for the notes, and `);
    await input.pressSequentially("see you");
    await input.press("Enter");

    const row = b.getByTestId("message").filter({ hasText: "for the notes" });
    const pill = row.getByTestId("mention-pill");
    await expect(pill).toHaveText(`@${ana.name}`);
    // The rest of the body stays text around it.
    await expect(row.getByTestId("message-body")).toHaveText(`thanks @${ana.name} for the notes, and see you`);
    // Ana's copy (live) has the pill too.
    await expect(a.getByTestId("message").filter({ hasText: "for the notes" }).getByTestId("mention-pill")).toHaveText(`@${ana.name}`);

    // A pill is a button to the profile card.
    await row.getByRole("button", { name: `@${ana.name}` }).click();
    const card = b.getByRole("dialog", { name: ana.name });
    await expect(card).toBeVisible();
    await b.keyboard.press("Escape");
    await expect(card).toBeHidden();

    const renamed = `${ana.name} Costa`;
    expect((await a.request.patch("/api/me", { data: { name: renamed } })).ok()).toBe(true);
    // Live: user:updated reaches Ben's page; the body text is still as written, the pill says the name now.
    await expect(pill).toHaveText(`@${renamed}`);
    await b.reload();
    await expect(b.getByTestId("message").filter({ hasText: "for the notes" }).getByTestId("mention-pill")).toHaveText(`@${renamed}`);
    // A plain `@word` that is nobody stays text.
    await composer(b, room.name).fill("mail @nobody-here please");
    await composer(b, room.name).press("Enter");
    await expect(b.getByTestId("message").filter({ hasText: "@nobody-here" })).toBeVisible();
    await expect(b.getByTestId("message").filter({ hasText: "@nobody-here" }).getByTestId("mention-pill")).toHaveCount(0);
  });
});
