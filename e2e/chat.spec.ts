import { composer, createRoomViaApi, expect, openTwoPeople, readerAndWriter, registerUser, seedMessages, signIn, signUpViaUi, settled, test, uniqueSuffix, uniqueUser } from "./fixtures";

test.describe("accounts", () => {
  test("sign-in errors, signing in, signing out, and a taken email on sign-up", async ({ page }) => {
    const user = uniqueUser("sam");
    await registerUser(page.request, user);

    // Arriving from a failed next-auth flow, then a wrong password, then the right one.
    await page.goto("/signin?error=CredentialsSignin");
    await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("That email and password don’t match an account.");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("That email and password don’t match an account.");
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/chat(\/[0-9a-f-]+)?$/);
    await expect(page.getByTestId("current-user-name")).toHaveText(user.name);

    // Signed in, the auth pages send you back to the chat.
    await page.goto("/signup");
    await expect(page).toHaveURL(/\/chat(\/[0-9a-f-]+)?$/);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin$/);
    await page.goto("/chat");
    await expect(page).toHaveURL(/\/signin$/);

    // The email is taken: the page answers as for any address (the mailbox is told, not the page).
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.getByLabel("Name").fill("Someone Else");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("another-password-kettle-42");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expect(page.getByText(`We sent a mail to ${user.email}.`)).toBeVisible();
  });
});

test.describe("two people chatting", () => {
  test("sign up, create and join a room, see typing, messages, history and presence live", async ({ browser }) => {
    const { ctxA, ctxB, a, b, ana, ben } = await openTwoPeople(browser);

    await signUpViaUi(a, ana);
    await signUpViaUi(b, ben);

    // A creates a public room through the dialog.
    const roomName = `e2e-${uniqueSuffix()}`;
    await a.getByTestId("sidebar").getByRole("button", { name: "Create room" }).click();
    const create = a.getByRole("dialog", { name: "Create a room" });
    await create.getByLabel("Name").fill(roomName);
    await create.getByLabel("Topic (optional)").fill("Where the tests talk");
    await create.getByRole("button", { name: "Create room" }).click();
    await expect(a).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
    await expect(a.getByTestId("room-title")).toHaveText(roomName);
    await expect(a.getByTestId("room-topic")).toHaveText("Where the tests talk");
    await expect(a).toHaveTitle(`Parley — #${roomName}`);
    await expect(a.getByTestId("sidebar").getByRole("link", { name: roomName })).toHaveAttribute("aria-current", "page");

    // B finds it in the directory and joins.
    await b.getByTestId("sidebar").getByRole("button", { name: "Browse rooms" }).click();
    const directory = b.getByRole("dialog", { name: "Browse rooms" });
    await directory.getByRole("searchbox", { name: "Search rooms" }).fill(roomName);
    await directory.getByRole("button", { name: `Join ${roomName}` }).click();
    await expect(b).toHaveURL(a.url());
    await expect(b.getByTestId("room-title")).toHaveText(roomName);
    await expect(b.getByTestId("sidebar").getByRole("link", { name: roomName })).toBeVisible();

    // Both are online; A sees B arrive without reloading.
    const anaSeenByBen = b.getByTestId("member").filter({ hasText: ana.name });
    await expect(anaSeenByBen).toHaveAttribute("data-online", "true");
    await expect(anaSeenByBen.getByTestId("role-badge")).toHaveText("Owner");
    await expect(a.getByTestId("member").filter({ hasText: ben.name })).toHaveAttribute("data-online", "true");
    await expect(a.getByTestId("member-count")).toHaveText("2");

    // A types: B sees the typing line.
    const input = composer(a, roomName);
    await input.pressSequentially("Hello Ben, welcome!", { delay: 15 });
    await expect(b.getByTestId("typing-line")).toHaveText(`${ana.name} is typing…`);
    await expect(a.getByTestId("typing-line")).toHaveText("");

    // A sends: B sees it live, A's copy is confirmed, the typing line clears.
    await input.press("Enter");
    await expect(input).toHaveValue("");
    await expect(b.getByTestId("message-body").filter({ hasText: "Hello Ben, welcome!" })).toBeInViewport();
    await expect(a.getByTestId("message").filter({ hasText: "Hello Ben, welcome!" })).toHaveAttribute("data-status", "sent");
    await expect(a.getByTestId("message").filter({ hasText: "Hello Ben, welcome!" })).toHaveCount(1);
    await expect(b.getByTestId("typing-line")).toHaveText("");

    // B reloads: the message comes back from history, once.
    await b.reload();
    await expect(b.getByTestId("message-body").filter({ hasText: "Hello Ben, welcome!" })).toHaveCount(1);
    await expect(b.getByTestId("message").filter({ hasText: "Hello Ben, welcome!" }).getByTestId("message-author")).toHaveText(ana.name);

    // A leaves for good: B sees A go offline.
    await expect(anaSeenByBen).toHaveAttribute("data-online", "true");
    await ctxA.close();
    await expect(anaSeenByBen).toHaveAttribute("data-online", "false", { timeout: 10_000 });

    await ctxB.close();
  });
});

test.describe("message rendering", () => {
  test("markup in a message shows as literal text and never runs", async ({ page, user: _user }) => {
    const room = await createRoomViaApi(page.request);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`/chat/${room.id}`);
    const payload = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    const input = composer(page, room.name);
    await input.fill(payload);
    await input.press("Enter");

    const message = page.getByTestId("message").filter({ hasText: "<script>" });
    await expect(message).toHaveAttribute("data-status", "sent");
    await expect(message.getByTestId("message-body")).toHaveText(payload);
    await expect(page.getByTestId("message-list").locator("img, script")).toHaveCount(0);

    // And the same from history.
    await page.reload();
    await expect(page.getByTestId("message-body").filter({ hasText: "<script>" })).toHaveText(payload);
    await expect(page.getByTestId("message-list").locator("img, script")).toHaveCount(0);
    await settled(page);
    expect(dialogs).toEqual([]);
  });

  test("Shift+Enter writes a multi-line message, Enter sends it", async ({ page, user: _user }) => {
    const room = await createRoomViaApi(page.request);
    await page.goto(`/chat/${room.id}`);
    const input = composer(page, room.name);
    await input.pressSequentially("first line");
    await input.press("Shift+Enter");
    await input.pressSequentially("second line");
    await expect(input).toHaveValue("first line\nsecond line");
    await input.press("Enter");

    const body = page.getByTestId("message-body").filter({ hasText: "first line" });
    await expect(body).toHaveCount(1);
    expect(await body.evaluate((el) => el.textContent)).toBe("first line\nsecond line");
    // Rendered on two lines, not collapsed into one.
    expect(await body.evaluate((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().height >= 40)).toBe(true);
    await expect(page.getByTestId("message").filter({ hasText: "first line" })).toHaveAttribute("data-status", "sent");
  });

  test("blank messages are not sent", async ({ page, user: _user }) => {
    const room = await createRoomViaApi(page.request);
    await page.goto(`/chat/${room.id}`);
    const input = composer(page, room.name);
    await input.fill("   ");
    await input.press("Enter");
    await expect(page.getByRole("button", { name: "Send message" })).toBeDisabled();
    await expect(page.getByTestId("message")).toHaveCount(0);
  });
});

test.describe("bursts", () => {
  test("a burst of messages sent at once shows up live, complete, once each and in seq order", async ({ page, browser, baseURL }) => {
    const origin = baseURL ?? "http://127.0.0.1:3100";
    const { room, writerCtx } = await readerAndWriter(page, browser);
    await page.goto(`/chat/${room.id}`);
    await expect(page.getByTestId("room-title")).toHaveText(room.name);
    const list = page.getByTestId("message-list");
    await expect(list).toHaveAttribute("data-message-count", "0");

    // Sent concurrently, they are committed in groups and reach the page as messages:new batches.
    const bodies = Array.from({ length: 40 }, (_, i) => `burst ${String(i + 1).padStart(2, "0")}`);
    await seedMessages(writerCtx, origin, room.id, bodies, { concurrent: true });
    await expect(list).toHaveAttribute("data-message-count", "40");

    // The live copy is exactly what history says, in the same order (reload = history only).
    const shown = async () => (await page.getByTestId("message-body").allTextContents()).filter((t) => t.startsWith("burst "));
    const live = await shown();
    expect(live.length).toBeGreaterThanOrEqual(10);
    expect(new Set(live).size).toBe(live.length);
    await page.reload();
    await expect(list).toHaveAttribute("data-message-count", "40");
    expect((await shown()).slice(-10)).toEqual(live.slice(-10));
    await writerCtx.close();
  });
});

test.describe("history", () => {
  test("scrolling up loads older messages and keeps the reader's place; new messages wait behind a button", async ({ page, browser, baseURL }) => {
    const origin = baseURL ?? "http://127.0.0.1:3100";
    // The room's owner reads; another member writes.
    const { room, writerCtx } = await readerAndWriter(page, browser);
    const bodies = Array.from({ length: 70 }, (_, i) => `seed message ${String(i + 1).padStart(3, "0")}`);
    await seedMessages(writerCtx, origin, room.id, bodies);

    await page.goto(`/chat/${room.id}`);
    const list = page.getByTestId("message-list");
    const seed = (n: number) => page.getByTestId("message-body").getByText(`seed message ${String(n).padStart(3, "0")}`, { exact: true });
    // The newest page: the last message in view, the oldest not loaded yet.
    await expect(seed(70)).toBeInViewport();
    await expect(seed(1)).toHaveCount(0);
    // The list is virtualised: it reports how many messages are loaded, not all are in the DOM.
    const loaded = Number(await list.getAttribute("data-message-count"));
    expect(loaded).toBeGreaterThan(0);
    expect(loaded).toBeLessThan(70);
    const firstLoaded = 70 - loaded + 1;

    // Scroll to the top: the older page is prepended without jumping.
    await list.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(list).toHaveAttribute("data-message-count", "70");
    await expect(seed(firstLoaded)).toBeInViewport();
    await expect(seed(1)).not.toBeInViewport();

    // Further up: the beginning of the room.
    await list.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(seed(1)).toBeInViewport();
    await expect(page.getByTestId("room-intro")).toBeVisible();

    // A new message while reading old ones: no jump, a button instead.
    await seedMessages(writerCtx, origin, room.id, ["fresh news"]);
    const fresh = page.getByTestId("message-body").getByText("fresh news", { exact: true });
    await expect(list).toHaveAttribute("data-message-count", "71");
    await expect(seed(1)).toBeInViewport();
    const button = page.getByTestId("new-messages");
    await expect(button).toHaveText("1 new message");
    await button.click();
    await expect(fresh).toBeInViewport();
    await expect(button).toHaveCount(0);

    // At the bottom, the next one scrolls into view by itself.
    await seedMessages(writerCtx, origin, room.id, ["more news"]);
    await expect(page.getByTestId("message-body").getByText("more news", { exact: true })).toBeInViewport();
    await expect(button).toHaveCount(0);
    await writerCtx.close();
  });
});

test.describe("connection loss", () => {
  test("catches up on what was missed and sends what was written offline", async ({ browser }) => {
    const { ctxA, ctxB, a, b, ana, ben } = await openTwoPeople(browser);
    await registerUser(a.request, ana);
    await registerUser(b.request, ben);
    await signIn(a, ana);
    await signIn(b, ben);
    const room = await createRoomViaApi(a.request);
    expect((await b.request.post(`/api/rooms/${room.id}/join`)).ok()).toBe(true);
    await a.goto(`/chat/${room.id}`);
    await b.goto(`/chat/${room.id}`);
    await expect(b.getByTestId("member").filter({ hasText: ana.name })).toHaveAttribute("data-online", "true");

    await ctxB.setOffline(true);
    await expect(b.getByTestId("connection-banner")).toHaveText("Reconnecting…");

    // Sent while B is away.
    const inputA = composer(a, room.name);
    for (const text of ["missed one", "missed two"]) {
      await inputA.fill(text);
      await inputA.press("Enter");
      await expect(a.getByTestId("message").filter({ hasText: text })).toHaveAttribute("data-status", "sent");
    }
    // Written by B while offline: waits in the outbox.
    const inputB = composer(b, room.name);
    await inputB.fill("written offline");
    await inputB.press("Enter");
    const pending = b.getByTestId("message").filter({ hasText: "written offline" });
    await expect(pending).toHaveAttribute("data-status", "queued");

    await ctxB.setOffline(false);
    await expect(b.getByTestId("connection-banner")).toHaveCount(0, { timeout: 20_000 });
    await expect(b.getByTestId("message-body").filter({ hasText: "missed one" })).toHaveCount(1);
    await expect(b.getByTestId("message-body").filter({ hasText: "missed two" })).toHaveCount(1);
    await expect(pending).toHaveAttribute("data-status", "sent");
    await expect(a.getByTestId("message-body").filter({ hasText: "written offline" })).toHaveCount(1);
    // Order is by seq everywhere.
    const order = await b.getByTestId("message-body").allTextContents();
    expect(order).toEqual(["missed one", "missed two", "written offline"]);

    await ctxA.close();
    await ctxB.close();
  });
});

test.describe("phone layout", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the room list opens from the menu button", async ({ page, user: _user }) => {
    const room = await createRoomViaApi(page.request, { topic: "Small screens" });
    await page.goto("/chat");
    const sidebar = page.getByTestId("sidebar");
    await expect(sidebar).toBeHidden();
    await page.getByRole("button", { name: "Open room list" }).click();
    await expect(sidebar).toBeVisible();
    await sidebar.getByRole("link", { name: room.name }).click();
    await expect(page.getByTestId("room-title")).toHaveText(room.name);
    await expect(sidebar).toBeHidden();
    // Members are behind a toggle, in the header's overflow menu on a phone.
    await expect(page.getByTestId("member-list")).toBeHidden();
    await page.getByRole("button", { name: "More room actions" }).click();
    await page.getByRole("button", { name: /^Members/ }).click();
    await expect(page.getByTestId("member-list")).toBeVisible();
    await page.getByRole("button", { name: "Close members" }).click();
    await expect(page.getByTestId("member-list")).toBeHidden();
  });
});
