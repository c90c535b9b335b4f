/**
 * Whether this process is shutting down. Set first thing on SIGTERM, so readiness fails (load
 * balancers stop sending new clients) and new sends are refused as retryable while the ones
 * in flight finish. Kept on globalThis: Next's route handlers are a separate bundle.
 */
const holder = globalThis as unknown as { __parleyShuttingDown?: boolean };

export function markShuttingDown(): void {
  holder.__parleyShuttingDown = true;
}

export function isShuttingDown(): boolean {
  return holder.__parleyShuttingDown === true;
}
