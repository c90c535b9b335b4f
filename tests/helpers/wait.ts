/** Poll a condition (every 20 ms) until it holds; fail naming it after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
