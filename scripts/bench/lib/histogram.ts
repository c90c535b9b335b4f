/**
 * A small log-bucketed latency histogram (about 2 % relative precision) that merges across
 * processes: workers send `toJSON()` over IPC, the coordinator merges and reads percentiles.
 */
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
/** Everything under this many milliseconds shares bucket 0. */
const FLOOR_MS = 0.01;

export type HistogramData = Record<string, number>;

export class Histogram {
  private readonly buckets = new Map<number, number>();
  count = 0;
  max = 0;

  record(ms: number): void {
    const v = Math.max(ms, FLOOR_MS);
    const b = Math.round(Math.log(v / FLOOR_MS) / LOG_GROWTH);
    this.buckets.set(b, (this.buckets.get(b) ?? 0) + 1);
    this.count += 1;
    if (ms > this.max) this.max = ms;
  }

  merge(data: HistogramData): void {
    for (const [k, n] of Object.entries(data)) {
      if (k === "max") {
        this.max = Math.max(this.max, n);
        continue;
      }
      const b = Number(k);
      this.buckets.set(b, (this.buckets.get(b) ?? 0) + n);
      this.count += n;
    }
  }

  /** The value at quantile q (0..1), in milliseconds; 0 when empty. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const target = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (const b of [...this.buckets.keys()].sort((x, y) => x - y)) {
      seen += this.buckets.get(b) ?? 0;
      if (seen >= target) return Math.min(FLOOR_MS * GROWTH ** b, this.max);
    }
    return this.max;
  }

  toJSON(): HistogramData {
    const out: HistogramData = { max: this.max };
    for (const [b, n] of this.buckets) out[String(b)] = n;
    return out;
  }

  summary(): { p50: number; p95: number; p99: number; max: number; count: number } {
    const r = (x: number) => Math.round(x * 100) / 100;
    return { p50: r(this.quantile(0.5)), p95: r(this.quantile(0.95)), p99: r(this.quantile(0.99)), max: r(this.max), count: this.count };
  }
}
