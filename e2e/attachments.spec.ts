import type { Page } from "@playwright/test";
import sharp from "sharp";
import { composer, expect, test, twoInARoom } from "./fixtures";

const messageRow = (page: Page, text: string) => page.getByTestId("message").filter({ hasText: text });
const png = (width: number, height: number, colour: string) =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer();
const naturalWidth = (img: import("@playwright/test").Locator) => img.evaluate((el) => (el as HTMLImageElement).complete ? (el as HTMLImageElement).naturalWidth : 0);

test.describe("attachments", () => {
  test("an image sent by Ana shows inline for Ben live, with its thumbnail, and opens full size; a text file is a download card", async ({ browser }) => {
    const { ctxA, ctxB, a, b, room } = await twoInARoom(browser);

    // Ana picks an image: it uploads at once, then she writes a caption and sends.
    await a.getByTestId("attach-input").setInputFiles({ name: "sunset.png", mimeType: "image/png", buffer: await png(800, 400, "#e07020") });
    await expect(a.getByTestId("tray-item")).toHaveAttribute("data-state", "ready");
    await composer(a, room.name).fill("Look at this sunset");
    await composer(a, room.name).press("Enter");
    await expect(a.getByTestId("attachment-tray")).toHaveCount(0);
    await expect(messageRow(a, "Look at this sunset")).toHaveAttribute("data-status", "sent");

    // Ben sees it live: the thumbnail loads, in a box of the image's aspect ratio (2:1).
    const onB = messageRow(b, "Look at this sunset");
    const thumb = onB.getByTestId("attachment-image").locator("img");
    await expect(thumb).toHaveAttribute("src", /\/api\/attachments\/[0-9a-f-]+\/thumb$/);
    await expect.poll(() => naturalWidth(thumb)).toBeGreaterThan(0);
    const box = await onB.getByTestId("attachment-image").boundingBox();
    expect(box).not.toBeNull();
    expect(Math.abs(box!.width / box!.height - 2)).toBeLessThan(0.05);

    // Full size in a lightbox.
    await onB.getByRole("button", { name: "Open sunset.png full size" }).click();
    const full = b.getByTestId("lightbox").locator("img");
    await expect(full).toHaveAttribute("src", /\/api\/attachments\/[0-9a-f-]+$/);
    await expect.poll(() => naturalWidth(full)).toBe(800);
    await b.getByRole("button", { name: "Close dialog" }).click();

    // A text file with no words: a card with its name, size and a download link.
    await a.getByTestId("attach-input").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("meeting notes\n") });
    await expect(a.getByTestId("tray-item")).toHaveAttribute("data-state", "ready");
    await a.getByRole("button", { name: "Send message" }).click();
    const card = b.getByTestId("attachment-file").filter({ hasText: "notes.txt" });
    await expect(card).toBeVisible();
    await expect(card).toContainText("14 B");
    const href = await card.getAttribute("href");
    expect(href).toMatch(/^\/api\/attachments\/[0-9a-f-]+$/);
    const download = await b.request.get(href!);
    expect(download.status()).toBe(200);
    expect(await download.text()).toBe("meeting notes\n");

    // Both survive a reload (history).
    await b.reload();
    await expect.poll(() => naturalWidth(messageRow(b, "Look at this sunset").getByTestId("attachment-image").locator("img"))).toBeGreaterThan(0);
    await expect(b.getByTestId("attachment-file").filter({ hasText: "notes.txt" })).toBeVisible();
    await ctxA.close();
    await ctxB.close();
  });

  test("refused files show why and can be removed; dropped and pasted images are sent too", async ({ browser }) => {
    const { ctxA, ctxB, a, b, room } = await twoInARoom(browser);
    const send = a.getByRole("button", { name: "Send message" });

    await a.getByTestId("attach-input").setInputFiles({ name: "page.html", mimeType: "text/html", buffer: Buffer.from("<html><script>alert(1)</script>\u0000</html>") });
    await expect(a.getByTestId("tray-error")).toContainText("not accepted");
    await composer(a, room.name).fill("with a bad file");
    await expect(send).toBeDisabled();
    await a.getByRole("button", { name: "Remove page.html" }).click();
    await expect(a.getByTestId("tray-item")).toHaveCount(0);
    await expect(send).toBeEnabled();
    await composer(a, room.name).fill("");

    // Drag and drop onto the composer.
    const bytes = [...(await png(120, 300, "#2060c0"))];
    const dataTransfer = await a.evaluateHandle((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], "tall.png", { type: "image/png" }));
      return dt;
    }, bytes);
    const form = a.getByRole("form", { name: "Send a message" });
    await form.dispatchEvent("dragenter", { dataTransfer });
    await form.dispatchEvent("dragover", { dataTransfer });
    await form.dispatchEvent("drop", { dataTransfer });
    await expect(a.getByTestId("tray-item")).toHaveAttribute("data-state", "ready");
    await send.click();
    const image = b.getByTestId("attachment-image").filter({ has: b.locator('img[alt="tall.png"]') });
    await expect.poll(() => naturalWidth(image.locator("img"))).toBeGreaterThan(0);
    const box = await image.boundingBox();
    expect(Math.abs(box!.width / box!.height - 120 / 300)).toBeLessThan(0.05);

    // Pasting an image into the message box attaches it.
    const pasted = [...(await png(60, 60, "#a020a0"))];
    await composer(a, room.name).evaluate((el, data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], "pasted.png", { type: "image/png" }));
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    }, pasted);
    await expect(a.getByTestId("tray-item")).toHaveAttribute("data-state", "ready");
    await composer(a, room.name).fill("pasted one");
    await composer(a, room.name).press("Enter");
    await expect.poll(() => naturalWidth(messageRow(b, "pasted one").getByTestId("attachment-image").locator("img"))).toBeGreaterThan(0);
    await ctxA.close();
    await ctxB.close();
  });

  test("an avatar uploaded from the profile menu shows for the other person live", async ({ browser }) => {
    const { ctxA, ctxB, a, b, ana, room } = await twoInARoom(browser);
    await composer(a, room.name).fill("hello from Ana");
    await composer(a, room.name).press("Enter");
    const row = messageRow(b, "hello from Ana");
    await expect(row).toBeVisible();
    await expect(row.locator('[data-testid="avatar-image"][data-loaded]')).toHaveCount(0);

    await a.getByTestId("profile-button").click();
    await a.getByRole("menuitem", { name: "Edit profile…" }).click();
    await a.getByTestId("avatar-input").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: await png(300, 200, "#10a060") });
    await expect(a.getByRole("button", { name: "Remove picture" })).toBeVisible();

    const avatar = row.locator('[data-testid="avatar-image"][data-loaded]');
    await expect(avatar).toHaveCount(1);
    await expect(avatar).toHaveAttribute("src", new RegExp(`/api/users/.+/avatar\\?v=`));
    expect(await naturalWidth(avatar)).toBe(256);
    // Removed: back to initials, live.
    await a.getByRole("button", { name: "Remove picture" }).click();
    await expect(row.getByTestId("avatar-image")).toHaveCount(0);
    expect(ana.name.length).toBeGreaterThan(0);
    await ctxA.close();
    await ctxB.close();
  });
});
