/**
 * The Redis adapter's message codec (msgpack, as the adapter's default), but one that does not
 * decode this instance's own broadcasts. Redis echoes every publish to every subscriber, the
 * publisher included, and the adapter decodes the whole message — every message of a batch, for
 * every room — before it reads the sender's uid and drops it. A broadcast is encoded as the array
 * `[uid, packet, opts]`, so its first bytes are msgpack's 3-element array marker and the uid as
 * a short string; when they are this instance's, decoding stops there.
 */
import msgpack from "notepack.io";

export interface SelfSkippingParser {
  encode(value: unknown): Buffer;
  decode(msg: Buffer): unknown;
  /** Sets the uid of this process's adapter (read after it is created). */
  setOwnUid(uid: string): void;
}

export function selfSkippingParser(): SelfSkippingParser {
  let own: { uid: string; prefix: Buffer } | null = null;
  return {
    encode: (value) => msgpack.encode(value),
    decode(msg) {
      // `[uid]` is all the adapter reads before it returns ("ignore same uid").
      if (own && Buffer.isBuffer(msg) && msg.length > own.prefix.length && msg.compare(own.prefix, 0, own.prefix.length, 0, own.prefix.length) === 0) return [own.uid];
      return msgpack.decode(msg);
    },
    setOwnUid(uid) {
      // fixarray of 3 (0x93), then the uid as a fixstr (0xa0 | length; uids are a few ASCII chars).
      own = uid.length < 32 ? { uid, prefix: Buffer.concat([Buffer.from([0x93, 0xa0 | uid.length]), Buffer.from(uid, "utf8")]) } : null;
    },
  };
}
