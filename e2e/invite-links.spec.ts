import { createRoomViaApi, expect, openTwoPeople, registerUser, signIn, test } from "./fixtures";

test.describe("invite links", () => {
  test("the owner sees the room's active links and revokes one; the revoked link no longer lets anyone in", async ({ browser }) => {
    const { ctxA, ctxB, a, b, ana, ben } = await openTwoPeople(browser);
    await registerUser(a.request, ana);
    await registerUser(b.request, ben);
    await signIn(a, ana);
    await signIn(b, ben);
    const room = await createRoomViaApi(a.request, { visibility: "PRIVATE" });

    await a.goto(`/chat/${room.id}`);
    await a.getByRole("button", { name: "Invite people" }).click();
    const dialog = a.getByRole("dialog", { name: `Invite people to #${room.name}` });
    await expect(dialog.getByText("No link is active.")).toBeVisible();
    await dialog.getByLabel("Max uses (empty: no limit)").fill("5");
    await dialog.getByRole("button", { name: "Create link" }).click();
    const link = await dialog.getByTestId("invite-link").inputValue();
    const token = link.split("/").pop()!;

    const row = dialog.getByTestId("invite-row");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(`…${token.slice(-8)}`);
    await expect(row).toContainText(`by ${ana.name}`);
    await expect(row).toContainText("0 of 5 uses");

    await row.getByRole("button", { name: `Revoke link ending ${token.slice(-8)}` }).click();
    await expect(dialog.getByTestId("invite-row")).toHaveCount(0);
    await expect(dialog.getByText("No link is active.")).toBeVisible();

    await b.goto(link);
    await expect(b.getByText("This invite link was revoked. Ask for a new one.")).toBeVisible();
    expect((await b.request.post(`/api/invites/${token}/accept`)).status()).toBe(410);
    await ctxA.close();
    await ctxB.close();
  });
});
