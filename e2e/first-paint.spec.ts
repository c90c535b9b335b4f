import { composer, expect, readerAndWriter, seedMessages, test } from "./fixtures";

/**
 * Cold first paint: the room page's HTML already holds the newest page of history (the server
 * component loads it with the room and the room list), and the client does not fetch again what
 * it was given. Live delivery and read state start from that state.
 */
test.describe("first paint", () => {
  test("the newest messages are in the server HTML, /api/rooms is fetched at most once, and live messages continue from the page", async ({ page, browser, baseURL }) => {
    test.setTimeout(90_000);
    const origin = baseURL ?? "http://127.0.0.1:3100";
    const { room, writerCtx } = await readerAndWriter(page, browser);
    const bodies = Array.from({ length: 60 }, (_, i) => `paint ${String(i + 1).padStart(2, "0")}`);
    await seedMessages(writerCtx, origin, room.id, bodies);

    // The HTML itself (no script run): the newest messages, not the oldest.
    const html = await (await page.request.get(`/chat/${room.id}`)).text();
    expect(html).toContain("paint 60");
    expect(html).toContain("paint 45");
    expect(html).not.toContain("paint 05");

    const roomsRequests: string[] = [];
    const historyRequests: string[] = [];
    page.on("request", (r) => {
      const url = new URL(r.url());
      if (url.pathname === "/api/rooms") roomsRequests.push(url.search);
      if (url.pathname === `/api/rooms/${room.id}/messages`) historyRequests.push(url.search);
    });
    await page.goto(`/chat/${room.id}`);
    await expect(page.getByTestId("message-body").getByText("paint 60", { exact: true })).toBeInViewport();
    await expect(composer(page, room.name)).toBeEditable();
    // The socket is up (its connect refreshes the list once): a live message arrives after the page.
    await seedMessages(writerCtx, origin, room.id, ["paint 61 live"]);
    await expect(page.getByTestId("message-body").getByText("paint 61 live")).toBeInViewport();
    expect(roomsRequests.length).toBeLessThanOrEqual(1);
    // The newest page was not fetched again (only a catch-up after its highest seq, and older pages).
    expect(historyRequests.filter((q) => !q.includes("after=") && !q.includes("before="))).toEqual([]);
    // Read at the bottom: the room is not unread in the sidebar after a reload.
    await expect.poll(async () => {
      const r = await page.request.get(`/api/rooms/${room.id}`);
      return ((await r.json()) as { room: { membership: { lastReadSeq: number } } }).room.membership.lastReadSeq;
    }).toBe(61);

    // Scrolling up still loads older history from the seeded page.
    const list = page.getByTestId("message-list");
    await list.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(list).toHaveAttribute("data-message-count", "61");
    await writerCtx.close();
  });

  test("hydrating the server-rendered rows in another time zone than the server's raises no hydration error", async ({ browser, baseURL }) => {
    const origin = baseURL ?? "http://127.0.0.1:3100";
    // Far from the server's zone: times (and maybe days) differ between the HTML and the browser.
    const context = await browser.newContext({ timezoneId: "Pacific/Kiritimati", locale: "en-US" });
    const page = await context.newPage();
    const { room, writerCtx } = await readerAndWriter(page, browser);
    await seedMessages(writerCtx, origin, room.id, ["zone one", "zone two"]);
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`/chat/${room.id}`);
    await expect(page.getByTestId("message-body").getByText("zone two")).toBeInViewport();
    await expect(composer(page, room.name)).toBeEditable();
    // The times shown are the browser's (after hydration).
    const time = page.getByTestId("message").last().locator("time").first();
    const shown = await time.textContent();
    const at = (await time.getAttribute("datetime")) ?? "";
    const expected = await page.evaluate((iso) => new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit" }).format(new Date(iso)), at);
    expect(shown?.replace(/\s/g, " ")).toContain((expected ?? "?").replace(/\s/g, " ").replace(/ ?[AP]M$/, ""));
    expect(errors.filter((e) => /hydrat|#418|#425|#423/i.test(e))).toEqual([]);
    await writerCtx.close();
    await context.close();
  });
});
