import { clickMessageAction, composer, expect, test, twoInARoom } from "./fixtures";

test.describe("editing and deleting messages", () => {
  test("an edit and a delete are seen live by the other person; an owner's removal says so", async ({ browser }) => {
    const { ctxA, ctxB, a, b, room } = await twoInARoom(browser);

    await composer(a, room.name).fill("Meet at 5pm");
    await composer(a, room.name).press("Enter");
    const onB = b.getByTestId("message").filter({ hasText: "Meet at 5pm" });
    await expect(onB).toHaveAttribute("data-status", "sent");
    const onA = a.getByTestId("message").filter({ hasText: "Meet at 5pm" });
    await expect(onA).toHaveAttribute("data-status", "sent");

    // Ben cannot edit or delete Ana's message: no such buttons in his toolbar (it holds react/reply).
    await onB.hover();
    await expect(onB.getByRole("button", { name: /^(Edit|Delete|Remove) message$/ })).toHaveCount(0);

    // Ana edits through the hover toolbar.
    await clickMessageAction(onA, onA.getByRole("button", { name: "Edit message" }));
    const editor = a.getByRole("textbox", { name: "Edit message" });
    await expect(editor).toHaveValue("Meet at 5pm");
    await editor.fill("Meet at 6pm");
    await editor.press("Enter");
    const editedOnB = b.getByTestId("message").filter({ hasText: "Meet at 6pm" });
    // (In the message list: the screen reader announcer keeps the last message it read out.)
    await expect(editedOnB.getByTestId("message-edited")).toHaveText("(edited)");
    await expect(b.getByTestId("message-list").getByText("Meet at 5pm")).toHaveCount(0);

    // Ana deletes it; Ben sees the placeholder in place.
    const editedOnA = a.getByTestId("message").filter({ hasText: "Meet at 6pm" });
    a.once("dialog", (d) => void d.accept());
    await clickMessageAction(editedOnA, editedOnA.getByRole("button", { name: "Delete message" }));
    await expect(b.getByTestId("message-deleted")).toHaveText("This message was deleted.");
    await expect(b.getByTestId("message-list").getByText("Meet at 6pm")).toHaveCount(0);
    await expect(a.getByTestId("message-deleted")).toHaveText("This message was deleted.");

    // Ben writes; Ana (the owner) removes it; Ben sees who removed it.
    await composer(b, room.name).fill("spam spam spam");
    await composer(b, room.name).press("Enter");
    const spamOnA = a.getByTestId("message").filter({ hasText: "spam spam spam" });
    await expect(spamOnA).toHaveAttribute("data-status", "sent");
    a.once("dialog", (d) => void d.accept());
    await clickMessageAction(spamOnA, spamOnA.getByRole("button", { name: "Remove message" }));
    await expect(b.getByTestId("message-deleted").filter({ hasText: "removed by a moderator" })).toBeVisible();
    await expect(b.getByTestId("message-list").getByText("spam spam spam")).toHaveCount(0);

    // After a reload the history shows the same.
    await b.reload();
    await expect(b.getByTestId("message-deleted")).toHaveCount(2);
    await expect(b.getByText("Meet at")).toHaveCount(0);

    await ctxA.close();
    await ctxB.close();
  });
});
