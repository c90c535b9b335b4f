/**
 * "Last seen": User.lastSeenAt is written when one of a user's sockets disconnects (their last
 * one, as far as this instance knows; another instance may still hold one, which only makes
 * the time later than needed and is shown to nobody while they are online) and, while they stay
 * connected, at most once a minute for everyone connected here, in one statement.
 */
import type { Logger } from "../log";
import type { Runtime } from "../runtime";

/** How often the connected users' lastSeenAt is brought forward. */
export const LAST_SEEN_EVERY_MS = 60_000;

export class LastSeenTracker {
  /** Sockets per user on this instance. */
  private readonly sockets = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Runtime["db"],
    private readonly log: Logger,
    private readonly everyMs = LAST_SEEN_EVERY_MS,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.touchConnected(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  connected(userId: string): void {
    this.sockets.set(userId, (this.sockets.get(userId) ?? 0) + 1);
  }

  /** A socket closed; the user's last one here: they were last seen now. */
  async disconnected(userId: string): Promise<void> {
    const left = (this.sockets.get(userId) ?? 1) - 1;
    if (left > 0) {
      this.sockets.set(userId, left);
      return;
    }
    this.sockets.delete(userId);
    await this.write([userId]);
  }

  private async touchConnected(): Promise<void> {
    await this.write([...this.sockets.keys()]);
  }

  private async write(userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    try {
      await this.db.user.updateMany({ where: { id: { in: userIds } }, data: { lastSeenAt: new Date() } });
    } catch (err) {
      this.log.warn("last seen not written", { users: userIds.length, err });
    }
  }
}
