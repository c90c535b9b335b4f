/** Serving stored files with headers that keep a hostile upload inert. */
import "server-only";
import { Readable } from "node:stream";
import type { Download } from "../services/attachments";

export function downloadResponse(d: Download, opts: { immutable: boolean }): Response {
  const encoded = encodeURIComponent(d.name);
  const ascii = d.name.replace(/[^\x20-\x7E]/g, "_").replace(/["\\]/g, "_");
  const headers: Record<string, string> = {
    "content-type": d.mime === "text/plain" ? "text/plain; charset=utf-8" : d.mime,
    "content-length": String(d.size),
    "x-content-type-options": "nosniff",
    // Even if a browser renders it, nothing in it may run or load anything.
    "content-security-policy": "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
    "cross-origin-resource-policy": "same-origin",
    "content-disposition": `${d.inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encoded}`,
    // Private: only members may see it, so shared caches must not keep it.
    "cache-control": opts.immutable ? "private, max-age=31536000, immutable" : "private, max-age=300",
  };
  return new Response(Readable.toWeb(d.body) as ReadableStream<Uint8Array>, { status: 200, headers });
}

/** A JSON document streamed as a download (the account export). */
export function jsonAttachment(body: ReadableStream<Uint8Array>, fileName: string): Response {
  return new Response(body, {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
  });
}
