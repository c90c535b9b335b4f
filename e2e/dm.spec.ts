import { expect, openTwoPeople, registerUser, signInAndOpen, test, twoInARoom, uniqueUser } from "./fixtures";

test.describe("direct messages", () => {
  test("a DM started from the new-message dialog appears live for the other person, and they talk", async ({ browser }) => {
    const { ctxA, ctxB, a, b, ana, ben } = await openTwoPeople(browser);
    await registerUser(a.request, ana);
    await registerUser(b.request, ben);
    await signInAndOpen(a, ana);
    await signInAndOpen(b, ben);

    await a.getByTestId("sidebar").getByRole("button", { name: "New message" }).click();
    const dialog = a.getByRole("dialog", { name: "New message" });
    await dialog.getByRole("searchbox", { name: "Search people" }).fill(ben.name);
    await dialog.getByRole("button", { name: `Add ${ben.name}` }).click();
    await dialog.getByRole("button", { name: "Start conversation" }).click();
    await expect(a).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
    await expect(a.getByTestId("room-title")).toHaveText(ben.name);

    // Ben's sidebar gains the DM without a reload.
    const benLink = b.getByTestId("dm-list").getByRole("link", { name: ana.name });
    await expect(benLink).toBeVisible();

    const toBen = a.getByRole("textbox", { name: `Message ${ben.name}` });
    await toBen.fill("Hi Ben, got a minute?");
    await toBen.press("Enter");
    await benLink.click();
    await expect(b).toHaveURL(a.url());
    await expect(b.getByTestId("message").filter({ hasText: "Hi Ben, got a minute?" })).toBeVisible();
    const toAna = b.getByRole("textbox", { name: `Message ${ana.name}` });
    await toAna.fill("Sure, what's up?");
    await toAna.press("Enter");
    await expect(a.getByTestId("message").filter({ hasText: "Sure, what's up?" })).toBeVisible();

    await ctxA.close();
    await ctxB.close();
  });

  test("the member list's message button opens the same DM for both people", async ({ browser }) => {
    const { ctxA, ctxB, a, b, ana, ben, room } = await twoInARoom(browser);

    await a.getByRole("button", { name: `Message ${ben.name}` }).click();
    await expect(a.getByTestId("room-title")).toHaveText(ben.name);
    const dmUrl = a.url();

    await b.goto(`/chat/${room.id}`);
    await b.getByRole("button", { name: `Message ${ana.name}` }).click();
    await expect(b.getByTestId("room-title")).toHaveText(ana.name);
    expect(b.url()).toBe(dmUrl);
    await expect(b.getByTestId("dm-list").getByRole("link")).toHaveCount(1);

    await ctxA.close();
    await ctxB.close();
  });
  test("a group DM can be left from the sidebar; the others keep it", async ({ browser }) => {
    const { ctxA, ctxB, a, b, ana, ben } = await openTwoPeople(browser);
    const cy = uniqueUser("cy");
    for (const u of [ana, ben, cy]) await registerUser(a.request, u);
    await signInAndOpen(a, ana);
    await signInAndOpen(b, ben);
    const idOf = async (name: string) => ((await (await a.request.get(`/api/users?q=${encodeURIComponent(name)}`)).json()) as { users: { id: string }[] }).users[0]!.id;
    const opened = await a.request.post("/api/dms", { data: { userIds: [await idOf(ben.name), await idOf(cy.name)] } });
    expect(opened.status()).toBe(201);

    const mine = a.getByTestId("dm-list").getByRole("listitem").filter({ hasText: cy.name });
    await expect(mine).toBeVisible();
    await mine.hover();
    a.once("dialog", (d) => void d.accept());
    await mine.getByRole("button", { name: /^Leave / }).click();
    await expect(mine).toHaveCount(0);
    // Ben still has the conversation, now with Cy alone.
    await expect(b.getByTestId("dm-list").getByRole("link", { name: cy.name, exact: true })).toBeVisible();

    await ctxA.close();
    await ctxB.close();
  });
});
