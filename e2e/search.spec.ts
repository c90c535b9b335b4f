import { expect, readerAndWriter, scrollListUntil, seedMessages, test, uniqueSuffix } from "./fixtures";

/**
 * Search finds a message far back in a busy room; opening the result loads the history around
 * it, shows and highlights it; "Jump to latest" returns to the newest message (live ones
 * included); a deep link ?m=<seq> does the same, and scrolling down reaches the live end.
 */
test.describe("message search", () => {
  test("finds an old message, jumps to it in context, and back to the latest", async ({ page, browser, baseURL }) => {
    test.setTimeout(180_000);
    const origin = baseURL ?? "http://127.0.0.1:3100";
    const { room, writer, writerCtx } = await readerAndWriter(page, browser);

    const needle = `needle${uniqueSuffix()}`;
    const bodies = Array.from({ length: 300 }, (_, i) => (i + 1 === 20 ? `the ${needle} is <b>here</b> now` : `filler ${i + 1}`));
    await seedMessages(writerCtx, origin, room.id, bodies);

    await page.goto(`/chat/${room.id}`);
    const body = (text: string) => page.getByTestId("message-body").getByText(text, { exact: true });
    await expect(body("filler 300")).toBeInViewport();

    // Ctrl+K opens the search; results come while typing (the last word matches as a prefix).
    await page.keyboard.press("Control+k");
    const dialog = page.getByRole("dialog", { name: "Search messages" });
    await expect(dialog).toBeVisible();
    await dialog.getByTestId("search-input").fill(needle.slice(0, -2));
    const result = dialog.getByTestId("search-result");
    await expect(result).toHaveCount(1);
    await expect(result.getByTestId("search-result-room")).toHaveText(room.name);
    await expect(result.getByTestId("search-result-author")).toHaveText(writer.name);
    // The snippet is text: the typed HTML shows as characters, the match is a <mark>.
    await expect(result.locator("mark")).toHaveText(needle);
    await expect(result.getByTestId("search-result-snippet")).toContainText("is <b>here</b>");
    expect(await result.locator("b").count()).toBe(0);

    // Filters: the room keeps the result, an author who never wrote it drops it.
    await dialog.getByTestId("search-room").selectOption(room.id);
    await expect(result).toHaveCount(1);
    await dialog.getByTestId("search-author").selectOption({ label: "Me" });
    await expect(dialog.getByText("No messages match.")).toBeVisible();
    await dialog.getByTestId("search-author").selectOption({ label: "Anyone" });
    await expect(result).toHaveCount(1);

    await result.click();
    await expect(dialog).toBeHidden();
    // Highlighted while it scrolls into view (the highlight fades after a few seconds).
    const target = page.locator('[data-testid="message"][data-highlighted="true"]');
    await expect(target).toHaveAttribute("data-seq", "20");
    await expect(target).toContainText(needle);
    await expect(target).toBeInViewport();
    await expect(page).toHaveURL(new RegExp(`/chat/${room.id}\\?m=20$`));
    await expect(body("filler 300")).toHaveCount(0);

    // A message sent meanwhile is not lost: "Jump to latest" shows it as the newest.
    await seedMessages(writerCtx, origin, room.id, ["live while reading old history"]);
    const jump = page.getByTestId("jump-to-latest");
    await expect(jump).toBeVisible();
    await jump.click();
    await expect(body("live while reading old history")).toBeInViewport();
    await expect(jump).toBeHidden();
    await expect(page.getByTestId("message").filter({ hasText: needle })).toHaveCount(0);
    await expect(page).toHaveURL(new RegExp(`/chat/${room.id}$`));

    // A deep link: ?m=<seq> opens the room at that message.
    await page.goto(`/chat/${room.id}?m=150`);
    const linked = page.locator('[data-testid="message"][data-highlighted="true"]');
    await expect(linked).toHaveAttribute("data-seq", "150");
    await expect(linked).toBeInViewport();
    await expect(page.getByTestId("jump-to-latest")).toBeVisible();

    // Scrolling down loads newer pages until the live end; then live messages arrive as usual.
    const list = page.getByTestId("message-list");
    await scrollListUntil(list, "bottom", async () => !(await page.getByTestId("jump-to-latest").isVisible()));
    await expect(page.getByTestId("jump-to-latest")).toBeHidden();
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(body("live while reading old history")).toBeInViewport();
    await seedMessages(writerCtx, origin, room.id, ["after the scroll down"]);
    await expect(body("after the scroll down")).toBeInViewport();
    // The rows rendered around the end hold consecutive seqs up to the newest: no gap, no duplicate.
    const seqs = await page.getByTestId("message").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-seq"))));
    expect(seqs.at(-1)).toBe(302);
    expect(seqs.length).toBeGreaterThan(5);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1]! + 1);
    await writerCtx.close();
  });

  test("a reply found in a thread opens its root in context and the thread", async ({ page, browser, baseURL }) => {
    test.setTimeout(120_000);
    const origin = baseURL ?? "http://127.0.0.1:3100";
    const { room, writerCtx } = await readerAndWriter(page, browser);
    const word = `threadword${uniqueSuffix()}`;
    await seedMessages(writerCtx, origin, room.id, ["filler 1", "the root of the plan", ...Array.from({ length: 118 }, (_, i) => `filler ${i + 3}`)]);
    const history = (await (await page.request.get(`/api/rooms/${room.id}/messages?around=2&limit=3`)).json()) as { messages: { id: string; seq: number }[] };
    const root = history.messages.find((m) => m.seq === 2)!;
    await seedMessages(writerCtx, origin, room.id, [{ body: `a reply with ${word}`, threadRootId: root.id }]);

    await page.goto(`/chat/${room.id}`);
    await page.getByTestId("sidebar").getByRole("button", { name: "Search messages" }).click();
    const dialog = page.getByRole("dialog", { name: "Search messages" });
    await dialog.getByTestId("search-input").fill(word);
    const result = dialog.getByTestId("search-result");
    await expect(result).toHaveCount(1);
    await expect(result).toContainText("In a thread:");
    await result.click();

    const rootRow = page.locator('[data-testid="message"][data-highlighted="true"]');
    await expect(rootRow).toHaveAttribute("data-seq", "2");
    await expect(rootRow).toBeInViewport();
    await expect(page.getByTestId("thread-panel").getByTestId("thread-reply").filter({ hasText: word })).toBeVisible();
    await writerCtx.close();
  });
});
