/**
 * Uploading files with progress (XMLHttpRequest: fetch cannot report upload progress) to
 * `POST /api/rooms/{id}/attachments` and `PUT /api/me/avatar`. Errors come back as ApiError
 * with the server's message (too large, type not accepted, ...).
 */
import { ApiError, type ApiErrorCode } from "./api";
import type { AttachmentDTO } from "@/lib/shared/types";

export interface UploadHandle<T> {
  done: Promise<T>;
  abort: () => void;
}

function isErrorBody(v: unknown): v is { error: { code: ApiErrorCode; message: string } } {
  const e = (v as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof e?.code === "string" && typeof e.message === "string";
}

/** Send `file` as the raw request body; `onProgress` gets 0..1. */
export function uploadRaw<T>(method: "POST" | "PUT", url: string, file: Blob, onProgress?: (fraction: number) => void): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open(method, url);
    xhr.responseType = "text";
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = undefined;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      if (isErrorBody(body)) return reject(new ApiError(body.error.code, body.error.message, xhr.status));
      reject(new ApiError(xhr.status === 413 ? "PAYLOAD_TOO_LARGE" : "INTERNAL", xhr.status === 413 ? "The file is too large." : `Upload failed (${xhr.status})`, xhr.status));
    };
    // An oversized body is answered early and the connection closed: that can surface as an error.
    xhr.onerror = () => reject(new ApiError("NETWORK", "The upload was interrupted (the file may be too large, or the connection dropped).", 0));
    xhr.onabort = () => reject(new ApiError("NETWORK", "Upload cancelled.", 0));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

export function uploadAttachment(roomId: string, file: File, onProgress?: (fraction: number) => void): UploadHandle<AttachmentDTO> {
  const url = `/api/rooms/${encodeURIComponent(roomId)}/attachments?name=${encodeURIComponent(file.name || "pasted-image")}`;
  const h = uploadRaw<{ attachment: AttachmentDTO }>("POST", url, file, onProgress);
  return { done: h.done.then((r) => r.attachment), abort: h.abort };
}

export function uploadAvatar(file: File, onProgress?: (fraction: number) => void): UploadHandle<{ avatarUrl: string }> {
  return uploadRaw("PUT", "/api/me/avatar", file, onProgress);
}

/** "12 KB", "3.4 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
