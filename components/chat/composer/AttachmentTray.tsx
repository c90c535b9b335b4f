"use client";

/**
 * Files waiting to be sent with the next message: picked with the attach button, dropped on the
 * composer or pasted (images). Each uploads at once with its own progress bar; the message can
 * be sent when every file is uploaded. Errors (too large, type not accepted) stay on the file's
 * chip until it is removed.
 */
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, type ClipboardEvent, type DragEvent } from "react";
import { cx } from "@/components/ui/cx";
import { XIcon } from "@/components/ui/icons";
import { isApiError } from "@/lib/client/api";
import { uploadAttachment } from "@/lib/client/uploads";
import { useFormats } from "@/components/ui/useFormats";
import { MESSAGE_MAX_ATTACHMENTS } from "@/lib/shared/schemas";
import type { AttachmentDTO } from "@/lib/shared/types";

export interface TrayItem {
  key: string;
  name: string;
  size: number;
  /** A local preview for images (object URL), revoked when the item goes. */
  preview: string | null;
  progress: number;
  attachment: AttachmentDTO | null;
  error: string | null;
  abort: () => void;
}

export interface AttachmentTrayState {
  items: TrayItem[];
  /** Uploaded files, in the order they were added. */
  ready: AttachmentDTO[];
  /** Some file is still uploading. */
  busy: boolean;
  /** Some file failed (remove it to send). */
  failed: boolean;
  addFiles: (files: Iterable<File>) => void;
  remove: (key: string) => void;
  /** After sending: forget the files (they now belong to the message). */
  clear: () => void;
  /** Files already uploaded, handed back by a refused message: shown as ready again. */
  restore: (attachments: readonly AttachmentDTO[]) => void;
  dragging: boolean;
  dropProps: { onDragEnter: (e: DragEvent) => void; onDragOver: (e: DragEvent) => void; onDragLeave: (e: DragEvent) => void; onDrop: (e: DragEvent) => void };
  onPaste: (e: ClipboardEvent) => void;
}

let counter = 0;
const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes("Files");

export function useAttachmentTray(roomId: string): AttachmentTrayState {
  const t = useTranslations("composer.attachments");
  const [items, setItems] = useState<TrayItem[]>([]);
  const [dragging, setDragging] = useState(false);
  // Read by callbacks and the clean-up (never during render).
  const itemsRef = useRef(items);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);

  const patch = useCallback((key: string, change: Partial<TrayItem>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i))), []);

  const addFiles = useCallback(
    (files: Iterable<File>) => {
      const room = MESSAGE_MAX_ATTACHMENTS - itemsRef.current.length;
      const picked = Array.from(files);
      const added: TrayItem[] = [];
      for (const [n, file] of picked.entries()) {
        const key = `f${++counter}`;
        const preview = file.type.startsWith("image/") ? URL.createObjectURL(file) : null;
        if (n >= room) {
          added.push({ key, name: file.name, size: file.size, preview, progress: 0, attachment: null, error: t("tooMany", { max: MESSAGE_MAX_ATTACHMENTS }), abort: () => undefined });
          continue;
        }
        const upload = uploadAttachment(roomId, file, (p) => patch(key, { progress: p }));
        added.push({ key, name: file.name || t("pastedImage"), size: file.size, preview, progress: 0, attachment: null, error: null, abort: upload.abort });
        upload.done.then(
          (attachment) => patch(key, { attachment, progress: 1 }),
          (e: unknown) => patch(key, { error: isApiError(e) ? e.message : t("uploadFailed") }),
        );
      }
      setItems((list) => [...list, ...added]);
    },
    [roomId, patch, t],
  );

  const restore = useCallback((attachments: readonly AttachmentDTO[]) => {
    const back = attachments.map<TrayItem>((attachment) => ({
      key: `f${++counter}`,
      name: attachment.name,
      size: attachment.size,
      preview: attachment.thumbUrl ?? null,
      progress: 1,
      attachment,
      error: null,
      abort: () => undefined,
    }));
    setItems((list) => [...list, ...back].slice(0, MESSAGE_MAX_ATTACHMENTS));
  }, []);

  const remove = useCallback((key: string) => {
    setItems((list) => {
      const item = list.find((i) => i.key === key);
      if (item) {
        if (!item.attachment && !item.error) item.abort();
        if (item.preview) URL.revokeObjectURL(item.preview);
      }
      return list.filter((i) => i.key !== key);
    });
  }, []);

  const clear = useCallback(() => {
    setItems((list) => {
      for (const i of list) if (i.preview) URL.revokeObjectURL(i.preview);
      return [];
    });
  }, []);

  // Another room: start empty (unsent uploads are cleaned up by the server after a day).
  useEffect(() => {
    return () => {
      for (const i of itemsRef.current) {
        if (!i.attachment && !i.error) i.abort();
        if (i.preview) URL.revokeObjectURL(i.preview);
      }
      setItems([]);
    };
  }, [roomId]);

  const dropProps = {
    onDragEnter: (e: DragEvent) => {
      if (hasFiles(e)) setDragging(true);
    },
    onDragOver: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    },
    onDragLeave: (e: DragEvent) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      addFiles(e.dataTransfer.files);
    },
  };

  const onPaste = (e: ClipboardEvent) => {
    const files = Array.from(e.clipboardData?.files ?? []).filter((f) => f.type.startsWith("image/"));
    if (files.length === 0) return; // ordinary text paste
    e.preventDefault();
    addFiles(files);
  };

  const ready = items.flatMap((i) => (i.attachment && !i.error ? [i.attachment] : []));
  return {
    items,
    restore,
    ready,
    busy: items.some((i) => !i.attachment && !i.error),
    failed: items.some((i) => i.error !== null),
    addFiles,
    remove,
    clear,
    dragging,
    dropProps,
    onPaste,
  };
}

/** The paperclip: opens the file picker. */
export function AttachButton({ tray }: { tray: AttachmentTrayState }) {
  const t = useTranslations("composer.attachments");
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="attach-input"
        onChange={(e) => {
          if (e.target.files) tray.addFiles(e.target.files);
          e.target.value = "";
        }}
      />
      <button
        type="button"
        aria-label={t("attach")}
        title={t("attachTitle")}
        onClick={() => input.current?.click()}
        className="inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-slate-500 transition-colors hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="size-5">
          <path d="m21 11.5-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l7.9-7.9" />
        </svg>
      </button>
    </>
  );
}

/** The chips above the input: preview or name, size, progress or error, remove. */
export function AttachmentTray({ tray }: { tray: AttachmentTrayState }) {
  const t = useTranslations("composer.attachments");
  const formats = useFormats();
  if (tray.items.length === 0) return null;
  return (
    <ul aria-label={t("trayLabel")} data-testid="attachment-tray" className="flex flex-wrap gap-2 px-1.5 pt-1.5">
      {tray.items.map((i) => (
        <li
          key={i.key}
          data-testid="tray-item"
          data-state={i.error ? "error" : i.attachment ? "ready" : "uploading"}
          className={cx("relative flex max-w-64 items-center gap-2 rounded-lg py-1 pr-8 pl-1 text-xs ring-1", i.error ? "bg-rose-50 ring-rose-200" : "bg-slate-50 ring-slate-200")}
        >
          {i.preview ? (
            // eslint-disable-next-line @next/next/no-img-element -- a local blob preview
            <img src={i.preview} alt="" className="size-9 shrink-0 rounded object-cover" />
          ) : (
            <span aria-hidden="true" className="flex size-9 shrink-0 items-center justify-center rounded bg-white text-[10px] font-semibold text-slate-500 uppercase ring-1 ring-slate-200">
              {(i.name.split(".").pop() ?? "file").slice(0, 4)}
            </span>
          )}
          <span className="min-w-0">
            <span className="block truncate font-medium text-slate-800">{i.name}</span>
            {i.error ? (
              <span role="alert" data-testid="tray-error" className="block text-rose-700">
                {i.error}
              </span>
            ) : i.attachment ? (
              <span className="block text-slate-500">{formats.bytes(i.attachment.size)}</span>
            ) : (
              <span className="mt-1 block h-1 w-24 overflow-hidden rounded bg-slate-200" role="progressbar" aria-label={t("uploading", { name: i.name })} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(i.progress * 100)}>
                <span className="block h-full bg-indigo-600 transition-[width]" style={{ width: `${Math.round(i.progress * 100)}%` }} />
              </span>
            )}
          </span>
          <button
            type="button"
            aria-label={t("remove", { name: i.name })}
            onClick={() => tray.remove(i.key)}
            className="absolute top-1 right-1 inline-flex size-6 items-center justify-center rounded text-slate-400 hover:bg-slate-200 hover:text-slate-700"
          >
            <XIcon className="size-3.5" />
          </button>
        </li>
      ))}
    </ul>
  );
}
