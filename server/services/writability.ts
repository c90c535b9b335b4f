/**
 * Whether this instance can write to PostgreSQL, as its message writer sees it. A write that
 * fails because the database cannot be reached (UNAVAILABLE, OUTCOME_UNKNOWN) marks it unwritable;
 * from then on a probe (`SELECT 1`) runs every `probeMs` until one succeeds, or a write does. When
 * writes work again, `onWritable` runs once: the transport tells this instance's sockets
 * (`server:writable`), and their outboxes retry at once instead of waiting out their backoff
 * (docs/delivery.md). Nothing is probed while writes work.
 */
export class Writability {
  private down = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly probe: () => Promise<unknown>,
    private readonly probeMs = 200,
  ) {}

  get writable(): boolean {
    return !this.down;
  }

  /** Run `fn` each time writes work again after an outage. */
  onWritable(fn: () => void): void {
    this.listeners.push(fn);
  }

  /** A write could not reach the database. */
  lost(): void {
    if (this.down) return;
    this.down = true;
    this.schedule();
  }

  /** A write (or the probe) reached the database. */
  reached(): void {
    if (!this.down) return;
    this.down = false;
    this.clear();
    for (const fn of this.listeners) fn();
  }

  stop(): void {
    this.clear();
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.probe().then(
        () => this.reached(),
        () => {
          if (this.down && this.timer === null) this.schedule();
        },
      );
    }, this.probeMs);
    this.timer.unref?.();
  }
}
