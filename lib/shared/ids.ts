/** UUIDv7 (RFC 9562): time-ordered ids, so primary-key inserts stay append-only in the index. */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
/** Random bytes drawn 4 KB at a time: one call into the system's generator per ~400 ids. */
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let offset = 0;

function random10(): number {
  if (offset + 10 > pool.length) {
    pool = new Uint8Array(POOL_BYTES);
    crypto.getRandomValues(pool);
    offset = 0;
  }
  const at = offset;
  offset += 10;
  return at;
}

export function uuidv7(now: number = Date.now()): string {
  const r = random10();
  const b = (i: number) => HEX[pool[r + i]!]!;
  // 48-bit Unix milliseconds, big-endian: the high 32 bits, then the low 16.
  const high = Math.floor(now / 0x10000);
  const low = now - high * 0x10000;
  const h = (n: number) => HEX[n & 0xff]!;
  return (
    h(high >>> 24) + h(high >>> 16) + h(high >>> 8) + h(high) + "-" + h(low >>> 8) + h(low) + "-" +
    HEX[0x70 | (pool[r]! & 0x0f)]! + b(1) + "-" + HEX[0x80 | (pool[r + 2]! & 0x3f)]! + b(3) + "-" +
    b(4) + b(5) + b(6) + b(7) + b(8) + b(9)
  );
}
