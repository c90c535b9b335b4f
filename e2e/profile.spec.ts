import { composer, expect, test, twoInARoom } from "./fixtures";

test.describe("profiles and status", () => {
  test("a new display name and do-not-disturb show live to the other person", async ({ browser }) => {
    const { ctxA, ctxB, a, b, ana, room } = await twoInARoom(browser);
    await composer(a, room.name).fill("hello from Ana");
    await composer(a, room.name).press("Enter");
    await expect(b.getByTestId("message").filter({ hasText: "hello from Ana" }).getByTestId("message-author")).toHaveText(ana.name);

    // Ana renames herself.
    const newName = `${ana.name} Lovelace`;
    await a.getByTestId("profile-button").click();
    await a.getByRole("menuitem", { name: "Edit profile…" }).click();
    const dialog = a.getByRole("dialog", { name: "Edit profile" });
    await dialog.getByLabel("Display name").fill(newName);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(a.getByTestId("current-user-name")).toHaveText(newName);
    await expect(b.getByTestId("message").filter({ hasText: "hello from Ana" }).getByTestId("message-author")).toHaveText(newName);
    await expect(b.getByTestId("member-name").filter({ hasText: newName })).toBeVisible();

    // Ana chooses do not disturb; Ben sees her dot change.
    await a.getByTestId("profile-button").click();
    await a.getByRole("menuitemradio", { name: "Do not disturb" }).click();
    await expect(a.getByTestId("current-user-status")).toHaveText("Do not disturb");
    const anaDot = b.getByTestId("member").filter({ hasText: newName }).getByTestId("presence-dot");
    await expect(anaDot).toHaveAttribute("data-status", "do not disturb");
    await a.getByTestId("profile-button").click();
    await a.getByRole("menuitemradio", { name: "Online" }).click();
    await expect(anaDot).toHaveAttribute("data-status", "online");

    await ctxA.close();
    await ctxB.close();
  });
});
