"use client";

/**
 * A message's files: images as thumbnails in a box sized from the stored dimensions before the
 * thumbnail loads (so rows of the virtualised list do not change height afterwards), opening
 * full size in a lightbox; other files as a card with name, size and a download link.
 */
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { useFormats } from "@/components/ui/useFormats";
import type { AttachmentDTO } from "@/lib/shared/types";

/** The largest box a thumbnail is shown in. */
const BOX_W = 320;
const BOX_H = 240;

/** The shown size: the image scaled down (never up) to fit the box. */
export function thumbBox(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, BOX_W / width, BOX_H / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export function MessageAttachments({ attachments }: { attachments: readonly AttachmentDTO[] }) {
  const t = useTranslations("messages.attachments");
  const formats = useFormats();
  const [open, setOpen] = useState<AttachmentDTO | null>(null);
  const images = attachments.filter((a) => a.thumbUrl && a.width && a.height);
  const files = attachments.filter((a) => !images.includes(a));
  return (
    <div className="mt-1 space-y-1.5" data-testid="message-attachments">
      {images.length > 0 && (
        <div className="flex flex-wrap gap-1.5">
          {images.map((a) => {
            const box = thumbBox(a.width!, a.height!);
            return (
              <button
                key={a.id}
                type="button"
                onClick={() => setOpen(a)}
                aria-label={t("open", { name: a.name })}
                data-testid="attachment-image"
                className="block max-w-full overflow-hidden rounded-lg bg-slate-100 ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-600"
                style={{ width: box.width, aspectRatio: `${box.width} / ${box.height}` }}
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- private, member-only files: no image optimiser */}
                <img src={a.thumbUrl!} alt={a.name} width={box.width} height={box.height} loading="lazy" decoding="async" className="block size-full object-cover" />
              </button>
            );
          })}
        </div>
      )}
      {files.map((a) => (
        <a
          key={a.id}
          href={a.url}
          download={a.name}
          data-testid="attachment-file"
          className="flex w-72 max-w-full items-center gap-3 rounded-lg bg-white px-3 py-2 ring-1 ring-slate-200 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <span aria-hidden="true" className="flex size-9 shrink-0 items-center justify-center rounded bg-indigo-50 text-[10px] font-semibold text-indigo-700 uppercase">
            {(a.name.includes(".") ? a.name.split(".").pop()! : "file").slice(0, 4)}
          </span>
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-medium text-slate-900" data-testid="attachment-name">
              {a.name}
            </span>
            <span className="block text-xs text-slate-500">
              {t("download", { size: formats.bytes(a.size) })}
            </span>
          </span>
        </a>
      ))}
      <Dialog open={open !== null} onClose={() => setOpen(null)} title={open?.name ?? t("image")}>
        {open && (
          <figure className="space-y-2" data-testid="lightbox">
            {/* eslint-disable-next-line @next/next/no-img-element -- private, member-only files */}
            <img src={open.url} alt={open.name} width={open.width ?? undefined} height={open.height ?? undefined} className="mx-auto block h-auto max-h-[70vh] w-auto max-w-full rounded" />
            <figcaption className="flex justify-between text-xs text-slate-500">
              <span>
                {open.width}×{open.height} · {formats.bytes(open.size)}
              </span>
              <a href={open.url} target="_blank" rel="noopener" className="font-medium text-indigo-700 underline underline-offset-2">
                {t("newTab")}
              </a>
            </figcaption>
          </figure>
        )}
      </Dialog>
    </div>
  );
}
