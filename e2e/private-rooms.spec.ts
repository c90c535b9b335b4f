import { composer, createRoomViaApi, expect, openTwoPeople, registerUser, signIn, signInAndOpen, test } from "./fixtures";

test.describe("private rooms", () => {
  test("a non-member can neither see nor open a private room; an invite link lets them in; settings and archive show live", async ({ browser }) => {
    const { ctxA, ctxB, a, b, ana, ben } = await openTwoPeople(browser);
    await registerUser(a.request, ana);
    await registerUser(b.request, ben);
    await signInAndOpen(a, ana);
    await signInAndOpen(b, ben);
    const room = await createRoomViaApi(a.request, { visibility: "PRIVATE", topic: "Only us" });

    // Ben: not in the sidebar, not in the directory, not by URL.
    await expect(b.getByTestId("sidebar").getByRole("link", { name: room.name })).toHaveCount(0);
    await b.getByTestId("sidebar").getByRole("button", { name: "Browse rooms" }).click();
    const directory = b.getByRole("dialog", { name: "Browse rooms" });
    await directory.getByRole("searchbox", { name: "Search rooms" }).fill(room.name);
    await expect(directory.getByText("No rooms match your search.")).toBeVisible();
    await directory.getByRole("button", { name: "Close dialog" }).click();
    await b.goto(`/chat/${room.id}`);
    await expect(b.getByText("This room doesn’t exist, or you don’t have access to it.")).toBeVisible();
    await expect(b.getByText("Only us")).toHaveCount(0);

    // Ana makes a single-use invite link.
    await a.goto(`/chat/${room.id}`);
    await a.getByRole("button", { name: "Invite people" }).click();
    const inviteDialog = a.getByRole("dialog", { name: `Invite people to #${room.name}` });
    await inviteDialog.getByLabel("Max uses (empty: no limit)").fill("1");
    await inviteDialog.getByRole("button", { name: "Create link" }).click();
    const link = await inviteDialog.getByTestId("invite-link").inputValue();
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
    await inviteDialog.getByRole("button", { name: "Close dialog" }).click();

    // Ben accepts it and lands in the room.
    await b.goto(link);
    await expect(b.getByRole("heading", { name: `Join #${room.name}` })).toBeVisible();
    await b.getByRole("button", { name: "Accept invite" }).click();
    await expect(b).toHaveURL(new RegExp(`/chat/${room.id}$`));
    await expect(b.getByTestId("room-title")).toHaveText(room.name);

    // A third person finds the link used up.
    const ctxC = await browser.newContext();
    const c = await ctxC.newPage();
    const cy = { name: `Cy ${Date.now().toString(36)}`, email: `cy-${Date.now().toString(36)}@example.com`, password: "pw-cy-long-enough" };
    await registerUser(c.request, cy);
    await signIn(c, cy);
    await c.goto(link);
    await expect(c.getByText("This invite link has been used up. Ask for a new one.")).toBeVisible();

    // Ana renames the room; Ben sees it live.
    await a.getByRole("button", { name: "Room settings" }).click();
    const settings = a.getByRole("dialog", { name: "Room settings" });
    await settings.getByLabel("Name").fill(`${room.name} renamed`);
    await settings.getByRole("button", { name: "Save" }).click();
    await expect(b.getByTestId("room-title")).toHaveText(`${room.name} renamed`);

    // Ana archives it; Ben's composer gives way to the archived notice live.
    await composer(b, `${room.name} renamed`).fill("still here");
    await composer(b, `${room.name} renamed`).press("Enter");
    await expect(a.getByTestId("message").filter({ hasText: "still here" })).toBeVisible();
    await a.getByRole("button", { name: "Room settings" }).click();
    a.once("dialog", (d) => void d.accept());
    await a.getByRole("dialog", { name: "Room settings" }).getByRole("button", { name: "Archive room" }).click();
    await expect(b.getByTestId("archived-notice")).toBeVisible();
    await expect(b.getByTestId("sidebar").getByRole("link", { name: `${room.name} renamed` })).toHaveCount(0);
    await expect(b.getByTestId("message").filter({ hasText: "still here" })).toBeVisible();

    await ctxA.close();
    await ctxB.close();
    await ctxC.close();
  });
});
