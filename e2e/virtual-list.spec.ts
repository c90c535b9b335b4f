import { composer, expect, readerAndWriter, scrollListUntil, seedMessages, test } from "./fixtures";

/**
 * The message list is virtualised: only rows near the viewport are in the DOM, each measured,
 * with chat behaviour (start at the bottom, follow while there, keep the place on prepends).
 */
test.describe("virtualised message list", () => {
  test("renders only the rows near the viewport, measures tall rows, keeps the place while history loads", async ({ page, browser, baseURL }) => {
    test.setTimeout(120_000);
    const origin = baseURL ?? "http://127.0.0.1:3100";
    const { room, writerCtx } = await readerAndWriter(page, browser);
    // Every fifth message is several lines tall: estimates are wrong, measurement must fix them.
    const bodies = Array.from({ length: 160 }, (_, i) => {
      const label = `row ${String(i + 1).padStart(3, "0")}`;
      return i % 5 === 0 ? `${label}\nsecond line\nthird line\nfourth line` : label;
    });
    await seedMessages(writerCtx, origin, room.id, bodies);

    await page.goto(`/chat/${room.id}`);
    const list = page.getByTestId("message-list");
    const row = (n: number) => page.getByTestId("message-body").getByText(`row ${String(n).padStart(3, "0")}`, { exact: false });
    await expect(row(160)).toBeInViewport();
    // Starts at the bottom.
    expect(await list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(20);

    // Load everything by scrolling up; the DOM holds far fewer rows than are loaded.
    await scrollListUntil(list, "top", async () => (await list.getAttribute("data-message-count")) === "160", 20);
    await expect(list).toHaveAttribute("data-message-count", "160");
    expect(await page.getByTestId("message").count()).toBeLessThan(80);

    // Prepending kept the place: the reader is not thrown to the top of the room.
    await list.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(page.getByTestId("room-intro")).toBeInViewport();
    await expect(row(1)).toBeInViewport();

    // Rows never overlap: each starts where the one before ends (tall rows are measured).
    for (const top of [0, 2000, 4000]) {
      await list.evaluate((el, y) => el.scrollTo({ top: y }), top);
      // Until the virtualiser has rendered and measured the rows at the new offset.
      await expect(async () => {
        const boxes = await page.getByTestId("message").evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })));
        expect(boxes.length).toBeGreaterThan(5);
        for (let i = 1; i < boxes.length; i++) expect(Math.abs(boxes[i]!.top - boxes[i - 1]!.bottom)).toBeLessThan(1.5);
      }).toPass({ timeout: 5_000 });
    }

    // Scrolled up, someone else's message waits behind the button; our own brings us down.
    await list.evaluate((el) => el.scrollTo({ top: 0 }));
    await seedMessages(writerCtx, origin, room.id, ["from the writer"]);
    await expect(page.getByTestId("new-messages")).toHaveText("1 new message");
    await expect(row(1)).toBeInViewport();
    const input = composer(page, room.name);
    await input.fill("my own reply");
    await input.press("Enter");
    await expect(page.getByTestId("message-body").getByText("my own reply")).toBeInViewport();
    await expect(page.getByTestId("message").filter({ hasText: "my own reply" })).toHaveAttribute("data-status", "sent");

    // At the bottom, a new tall message is followed and fully shown.
    await seedMessages(writerCtx, origin, room.id, ["tall\nnews\nwith\nmany\nlines\nat the end"]);
    await expect(page.getByTestId("message-body").getByText("at the end")).toBeInViewport({ ratio: 1 });
    await writerCtx.close();
  });
});
