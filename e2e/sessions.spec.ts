import { expect, registerUser, signInAndOpen, test, uniqueUser } from "./fixtures";

const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

test.describe("the Sessions page", () => {
  test("lists both browsers, marks this one, and signing the other out sends its open tab to sign-in", async ({ browser }) => {
    const ana = uniqueUser("ana");
    const here = await browser.newContext();
    const there = await browser.newContext({ userAgent: FIREFOX_LINUX });
    const [a, b] = [await here.newPage(), await there.newPage()];
    await registerUser(a.request, ana);
    await signInAndOpen(a, ana);
    await signInAndOpen(b, ana);

    await a.getByTestId("profile-button").click();
    await a.getByRole("menuitem", { name: "Sessions…" }).click();
    await expect(a).toHaveURL(/\/settings\/sessions$/);
    const rows = a.getByTestId("session");
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: "This device" })).toHaveCount(1);
    const other = rows.filter({ hasText: "Firefox on Linux" });
    await expect(other).toContainText("127.0.0.1");

    await other.getByRole("button", { name: "Sign out" }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("This device");
    // The other browser's open chat is closed by the server and lands on the sign-in page.
    await expect(b).toHaveURL(/\/signin/);
    await expect(a.getByRole("button", { name: "Sign out all other sessions" })).toBeDisabled();

    await here.close();
    await there.close();
  });
});
