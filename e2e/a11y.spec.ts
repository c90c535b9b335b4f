/**
 * Accessibility and themes (#16 items 8, 9): axe-core finds no violation (WCAG 2.1 A/AA and
 * best practice) on any main screen, in the light and the dark theme, at desktop and phone size.
 * The themes are the user's choice (PUT /api/me/theme), with the device set to the opposite
 * scheme, so the choice is what is rendered; signed-out pages follow the device.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { createRoomViaApi, expect, registerUser, renderedScheme, SCREEN_SIZES, SEEDED_ADMIN, seedMessages, signIn, test, uniqueUser, type TestUser } from "./fixtures";

async function signInRequest(request: APIRequestContext, user: TestUser): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email: user.email, password: user.password, json: "true" } });
  expect(res.ok()).toBe(true);
}

async function idOf(request: APIRequestContext): Promise<string> {
  return ((await (await request.get("/api/me")).json()) as { user: { id: string } }).user.id;
}

for (const { size, use } of SCREEN_SIZES) {
  test.describe(`at ${size} size`, () => {
    test.use(use);
    const phone = size === "phone";

    for (const theme of ["LIGHT", "DARK"] as const) {
      const scheme = theme.toLowerCase();
      const opposite = theme === "DARK" ? "light" : "dark";

      test(`every main screen in the ${scheme} theme has no axe violations`, async ({ page, browser, baseURL }) => {
        test.setTimeout(180_000);
        await page.emulateMedia({ reducedMotion: "reduce", colorScheme: scheme as "light" | "dark" });
        const tap = (target: ReturnType<Page["locator"]>) => (phone ? target.tap() : target.click());

        // Signed out: the device's scheme.
        await page.goto("/signin");
        await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
        expect(await renderedScheme(page)).toBe(scheme);
        await expectAccessible(page, "sign-in");
        await page.goto("/signup");
        await expect(page.getByRole("button", { name: "Create account" })).toBeVisible();
        await expectAccessible(page, "sign-up");

        // A fresh admin (promoted by the seeded one) and a second person to talk to.
        const me = uniqueUser("axe");
        const other = uniqueUser("other");
        await registerUser(page.request, me);
        const otherCtx = await browser.newContext();
        await registerUser(otherCtx.request, other);
        await signInRequest(otherCtx.request, other);
        const adminCtx = await browser.newContext();
        await signInRequest(adminCtx.request, SEEDED_ADMIN);
        const meId = (await (await adminCtx.request.get(`/api/users?q=${encodeURIComponent(me.name)}`)).json()) as { users: { id: string }[] };
        const myId = meId.users[0]?.id ?? "";
        expect((await adminCtx.request.post(`/api/admin/users/${myId}/role`, { data: { role: "ADMIN" } })).ok()).toBe(true);
        await adminCtx.close();

        // The choice wins over the device, which is set to the other scheme from here on.
        await signIn(page, me);
        expect((await page.request.put("/api/me/theme", { data: { theme } })).ok()).toBe(true);
        await page.emulateMedia({ colorScheme: opposite });

        const room = await createRoomViaApi(page.request, { name: `axe-${scheme}-${size}-${Date.now().toString(36)}`, topic: "Where the checks run" });
        expect((await otherCtx.request.post(`/api/rooms/${room.id}/join`)).ok()).toBe(true);
        await seedMessages(page.context(), baseURL ?? "", room.id, ["Hello **everyone**, see `npm test`", "```ts\nconst x: number = 1; // highlighted tokens are checked for contrast too\n```", "Thread root: the plan"]);
        const history = (await (await page.request.get(`/api/rooms/${room.id}/messages`)).json()) as { messages: { id: string; body: string }[] };
        const root = history.messages.find((m) => m.body.startsWith("Thread root"));
        if (!root) throw new Error("no thread root");
        await seedMessages(otherCtx, baseURL ?? "", room.id, [{ body: "A reply in the thread", threadRootId: root.id }, `Hi @${me.name.split(" ")[0]}, searchable-${scheme}`]);

        // The chat room.
        await page.goto(`/chat/${room.id}`);
        const list = page.getByTestId("message-list");
        await expect(list.getByTestId("message").filter({ hasText: `searchable-${scheme}` })).toBeVisible();
        expect(await renderedScheme(page)).toBe(scheme);
        await expectAccessible(page, "chat room");

        // The mention popup of the composer.
        const composer = page.getByRole("textbox", { name: `Message #${room.name}` });
        await composer.fill("@oth");
        const suggestions = page.getByRole("listbox", { name: "Mention someone" });
        await expect(suggestions).toBeVisible();
        await expect(composer).toHaveAttribute("aria-controls", (await suggestions.getAttribute("id")) ?? "");
        await expect(composer).toHaveAttribute("aria-activedescendant", (await suggestions.getByRole("option").first().getAttribute("id")) ?? "");
        await expectAccessible(page, "mention popup");
        await composer.fill("");

        // The thread panel.
        await tap(list.getByTestId("message").filter({ hasText: "Thread root" }).getByTestId("thread-summary"));
        const thread = page.getByTestId("thread-panel");
        await expect(thread.getByTestId("thread-reply").filter({ hasText: "A reply in the thread" })).toBeVisible();
        await expectAccessible(page, "thread panel");
        await tap(thread.getByRole("button", { name: "Close thread" }));
        await expect(thread).toBeHidden();

        // The members panel.
        // (Open beside the room on a wide screen; behind the header's overflow menu on a phone.)
        const membersButton = page.getByRole("button", { name: /^Members/ });
        if (phone) await tap(page.getByTestId("room-more"));
        if ((await membersButton.getAttribute("aria-expanded")) !== "true") await tap(membersButton);
        await expect(page.getByRole("complementary", { name: "Room members" }).getByText(other.name)).toBeVisible();
        await expectAccessible(page, "members panel");
        if (phone) await page.goto(`/chat/${room.id}`);

        // Search.
        const openSidebar = async () => {
          if (phone) await tap(page.getByRole("button", { name: "Open room list" }));
        };
        await openSidebar();
        await tap(page.getByTestId("sidebar").getByRole("button", { name: "Search messages" }));
        const search = page.getByRole("dialog", { name: "Search messages" });
        await search.getByTestId("search-input").fill(`searchable-${scheme}`);
        await expect(search.getByTestId("search-result")).toHaveCount(1);
        await expectAccessible(page, "search");
        await search.evaluate((d: HTMLDialogElement) => d.close());
        await expect(search).toBeHidden();

        // The profile menu and the profile dialog with the theme control.
        if (phone) await page.goto(`/chat/${room.id}`);
        await openSidebar();
        await tap(page.getByTestId("profile-button"));
        await expect(page.getByRole("menu", { name: "Status" })).toBeVisible();
        await expectAccessible(page, "profile menu");
        await tap(page.getByRole("menuitem", { name: "Edit profile…" }));
        const profile = page.getByRole("dialog", { name: "Edit profile" });
        await expect(profile.getByRole("radio", { name: theme === "DARK" ? "Dark" : "Light" })).toBeChecked();
        await expectAccessible(page, "profile dialog");
        await page.keyboard.press("Escape");

        // A direct conversation.
        const otherId = await idOf(otherCtx.request);
        const dm = ((await (await page.request.post("/api/dms", { data: { userIds: [otherId] } })).json()) as { room: { id: string } }).room;
        await seedMessages(otherCtx, baseURL ?? "", dm.id, ["A direct hello"]);
        await page.goto(`/chat/${dm.id}`);
        await expect(page.getByTestId("message").filter({ hasText: "A direct hello" })).toBeVisible();
        await expectAccessible(page, "direct message");

        // Sessions.
        await page.goto("/settings/sessions");
        await expect(page.getByTestId("session").first()).toBeVisible();
        await expectAccessible(page, "sessions");
        await page.goto("/settings/email");
        await expect(page.getByTestId("current-email")).toBeVisible();
        await expectAccessible(page, "email address");

        // Password and two-factor, with a two-factor set-up under way (QR code and secret).
        await page.goto("/settings/security");
        await tap(page.getByRole("button", { name: "Set up two-factor" }));
        await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
        await expectAccessible(page, "password and two-factor");

        // The admin dashboard.
        for (const sub of ["", "/users", "/rooms", "/messages", "/reports", "/audit", "/word-filter", "/settings", "/invitations"]) {
          await page.goto(`/admin${sub}`);
          await expect(page.getByRole("main")).toBeVisible();
          expect(await renderedScheme(page)).toBe(scheme);
          await expectAccessible(page, `admin${sub || " overview"}`);
        }
        await otherCtx.close();
      });
    }
  });
}
