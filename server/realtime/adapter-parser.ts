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
  /** Registers the uid of this process's adapter (read after it is created). */
  addOwnUid(uid: string): void;
}

export function selfSkippingParser(): SelfSkippingParser {
  const own: { uid: string; prefix: Buffer }[] = [];
  return {
    encode: (value) => msgpack.encode(value),
    decode(msg) {
      for (const { uid, prefix } of own) {
        // `[uid]` is all the adapter reads before it returns ("ignore same uid").
        if (Buffer.isBuffer(msg) && msg.length > prefix.length && msg.compare(prefix, 0, prefix.length, 0, prefix.length) === 0) return [uid];
      }
      return msgpack.decode(msg);
    },
    addOwnUid(uid) {
      // fixarray of 3 (0x93), then the uid as a fixstr (0xa0 | length; uids are a few ASCII chars).
      if (uid.length < 32) own.push({ uid, prefix: Buffer.concat([Buffer.from([0x93, 0xa0 | uid.length]), Buffer.from(uid, "utf8")]) });
    },
  };
}
