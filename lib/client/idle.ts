/**
 * Idle detection for automatic "away": the user is idle after IDLE_AFTER_MS without input in
 * any of their tabs of this browser (tabs share the last activity time through localStorage).
 * Pure logic plus a small browser binding, so the timing can be tested without a DOM.
 */
export const IDLE_AFTER_MS = 5 * 60 * 1000;
const STORAGE_KEY = "parley:last-activity";

/** Idle when the latest activity (this tab's or another's) is at least `idleAfter` old. */
export function isIdle(lastActivity: number, now: number, idleAfter = IDLE_AFTER_MS): boolean {
  return now - lastActivity >= idleAfter;
}

/**
 * Calls `onChange(true)` when the browser goes idle and `onChange(false)` on the next activity.
 * Returns a function that stops watching.
 */
export function watchIdle(onChange: (idle: boolean) => void, idleAfter = IDLE_AFTER_MS): () => void {
  let last = Date.now();
  let idle = false;
  let lastWrite = 0;
  const shared = () => {
    const stored = Number(window.localStorage.getItem(STORAGE_KEY) ?? 0);
    return Math.max(last, Number.isFinite(stored) ? stored : 0);
  };
  const update = (nowIdle: boolean) => {
    if (nowIdle === idle) return;
    idle = nowIdle;
    onChange(idle);
  };
  const onActivity = () => {
    last = Date.now();
    // Writing on every mouse move would be wasteful; once a few seconds is plenty.
    if (last - lastWrite > 5000) {
      lastWrite = last;
      try {
        window.localStorage.setItem(STORAGE_KEY, String(last));
      } catch {
        // Storage may be unavailable (private mode); this tab still tracks itself.
      }
    }
    update(false);
  };
  const onStorage = (e: StorageEvent) => {
    if (e.key === STORAGE_KEY) update(isIdle(shared(), Date.now(), idleAfter));
  };
  const events = ["pointermove", "pointerdown", "keydown", "wheel", "touchstart", "focus"] as const;
  for (const name of events) window.addEventListener(name, onActivity, { passive: true });
  window.addEventListener("storage", onStorage);
  const timer = window.setInterval(() => update(isIdle(shared(), Date.now(), idleAfter)), Math.min(30_000, idleAfter / 4));
  return () => {
    for (const name of events) window.removeEventListener(name, onActivity);
    window.removeEventListener("storage", onStorage);
    window.clearInterval(timer);
  };
}
