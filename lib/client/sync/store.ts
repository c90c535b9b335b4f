/** A snapshot for `useSyncExternalStore`: replaced (never mutated) on change, listeners told only when a field changed. */
export class SnapshotStore<T extends object> {
  private snapshot: T;
  private readonly listeners = new Set<() => void>();

  constructor(initial: T) {
    this.snapshot = initial;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get = (): T => this.snapshot;

  update(patch: Partial<T>): void {
    let changed = false;
    for (const key of Object.keys(patch) as (keyof T)[]) {
      if (patch[key] !== this.snapshot[key]) changed = true;
    }
    if (!changed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}

/** One pending timeout at a time: scheduling again replaces the previous one. */
export class OneShotTimer {
  private timer: ReturnType<typeof setTimeout> | null = null;

  get pending(): boolean {
    return this.timer !== null;
  }

  schedule(delayMs: number, action: () => void): void {
    this.clear();
    this.timer = setTimeout(() => {
      this.timer = null;
      action();
    }, delayMs);
  }

  clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
