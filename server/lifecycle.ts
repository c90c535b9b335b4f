/**
 * Whether this process is shutting down. Set first thing on SIGTERM, so readiness fails (load
 * balancers stop sending new clients) and new sends are refused as retryable while the ones
 * in flight finish. One per runtime (server/runtime.ts).
 */
export class Lifecycle {
  private stopping = false;

  markShuttingDown(): void {
    this.stopping = true;
  }

  get shuttingDown(): boolean {
    return this.stopping;
  }
}
