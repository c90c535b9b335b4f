/** Client-chosen message ids for optimistic sends; the server dedupes on (author, clientId). */

/** Matches the server's ZClientId. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** 32 hex characters. `randomUUID` is missing outside secure contexts, so fall back to random bytes. */
export function newClientId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === "function") return c.randomUUID().replace(/-/g, "");
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
