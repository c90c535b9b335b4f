/**
 * Your data (docs/accounts.md "Your data and leaving") in Chromium, at desktop and phone size:
 * the account menu leads to it; "Download my data" saves a JSON file with the user's own
 * messages; deleting the account needs the email typed and the password, signs the person out,
 * and leaves their message in the room under "Deleted user" for the others.
 */
import { readFile } from "node:fs/promises";
import { expect, test as base } from "@playwright/test";
import { SCREEN_SIZES, seedMessages, twoJoined } from "./fixtures";

for (const { size, use } of SCREEN_SIZES) {
  base.describe(`at ${size} size`, () => {
    base.use(use);

    base("download your data, then delete the account", async ({ browser, baseURL }) => {
      const { ctxA, ctxB, a, b, ana, room } = await twoJoined(browser, { a: use, b: use });
      await seedMessages(ctxA, baseURL ?? "", room.id, [`ana's last words ${size}`]);

      await a.goto("/settings/data");
      await expect(a.getByRole("heading", { name: "Your data", exact: true })).toBeVisible();
      const download = a.waitForEvent("download");
      await a.getByRole("link", { name: "Download my data" }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^parley-export-\d{4}-\d{2}-\d{2}\.json$/);
      const archive = JSON.parse(await readFile((await file.path())!, "utf8")) as { profile: { email: string }; messages: { body: string }[] };
      expect(archive.profile.email).toBe(ana.email);
      expect(archive.messages.map((m) => m.body)).toContain(`ana's last words ${size}`);

      // The button waits for the email; a wrong password is refused in place.
      const remove = a.getByRole("button", { name: "Delete my account" });
      await expect(remove).toBeDisabled();
      await a.getByLabel(/Type your email/).fill(ana.email);
      await a.getByLabel("Password").fill("not my password");
      await remove.click();
      await expect(a.getByTestId("field-error")).toContainText("does not match");
      await a.getByLabel("Password").fill(ana.password);
      await remove.click();
      await expect(a).toHaveURL(/\/$|\/signin/);
      expect((await a.request.get("/api/me")).status()).toBe(401);

      // Ben still reads the message, now by "Deleted user".
      await b.goto(`/chat/${room.id}`);
      const row = b.getByTestId("message").filter({ hasText: `ana's last words ${size}` });
      await expect(row).toBeVisible();
      await expect(row.getByText("Deleted user")).toBeVisible();
      await ctxA.close();
      await ctxB.close();
    });
  });
}
