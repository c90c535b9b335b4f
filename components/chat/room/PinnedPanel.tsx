"use client";

/**
 * The room's pinned messages, most recently pinned first. Loads `GET /api/rooms/{id}/pins`,
 * then follows `message:updated` (a copy with `pinned` set joins the list, one without leaves it).
 * A pin leads to its message: "Jump" (or a click on the pin) opens the room at it (`?m=<seq>`,
 * the jump search results use), which loads the history around it and highlights it. Where the
 * panel covers the list (narrow screens) it then closes.
 */
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { useSocket } from "@/components/providers/SocketProvider";
import { IconButton } from "@/components/ui/Button";
import { Spinner } from "@/components/ui/Spinner";
import { XIcon } from "@/components/ui/icons";
import { useMediaQuery } from "@/components/ui/useMediaQuery";
import { api, isApiError } from "@/lib/client/api";
import { isThreadOnly } from "@/lib/client/timeline";
import { useFormats } from "@/components/ui/useFormats";
import { messageHref } from "@/lib/client/messageLinks";
import type { MessageDTO } from "@/lib/shared/types";
import { useConversation } from "@/components/providers/ConversationContext";
import { MessageBody } from "../message/MessageBody";

/** Apply a live copy to the pinned list: keep pinned ones (newest pin first), drop unpinned ones. */
export function applyPinUpdate(list: readonly MessageDTO[], m: MessageDTO): MessageDTO[] {
  const current = list.find((x) => x.id === m.id);
  if (current && current.rev >= m.rev) return list as MessageDTO[];
  const rest = list.filter((x) => x.id !== m.id);
  if (!m.pinned || m.deleted) return rest;
  return [...rest, m].sort((a, b) => (b.pinned?.at ?? "").localeCompare(a.pinned?.at ?? ""));
}

export function PinnedPanel({ roomId, onClose }: { roomId: string; onClose: () => void }) {
  const t = useTranslations("room.pins");
  const tc = useTranslations("common");
  const formats = useFormats();
  const { socket } = useSocket();
  const conv = useConversation();
  const router = useRouter();
  // Below lg the panel is an overlay on the list (RoomView): it gives way to the message.
  const overlay = useMediaQuery("(max-width: 1023px)");
  const [pins, setPins] = useState<MessageDTO[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    (signal?: AbortSignal) => {
      api.pins(roomId, signal).then(
        (list) => {
          setError(null);
          setPins(list);
        },
        (e: unknown) => {
          if (!signal?.aborted) setError(isApiError(e) ? e.message : t("loadFailed"));
        },
      );
    },
    [roomId, t],
  );

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  useEffect(() => {
    if (!socket) return;
    const onUpdated = (m: MessageDTO) => {
      if (m.roomId === roomId) setPins((list) => (list ? applyPinUpdate(list, m) : list));
    };
    const onConnect = () => load();
    socket.on("message:updated", onUpdated);
    socket.on("connect", onConnect);
    return () => {
      socket.off("message:updated", onUpdated);
      socket.off("connect", onConnect);
    };
  }, [socket, roomId, load]);

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="pinned-panel">
      <header className="flex h-14 shrink-0 items-center gap-2 border-b border-slate-200 px-4">
        <h2 className="flex-1 text-sm font-semibold text-slate-900">{t("title")}</h2>
        <IconButton label={t("close")} onClick={onClose}>
          <XIcon className="size-[18px]" />
        </IconButton>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto p-3">
        {error && <p className="text-sm text-rose-600">{error}</p>}
        {!pins && !error && (
          <p className="flex items-center gap-2 text-sm text-slate-500">
            <Spinner className="size-4" /> {tc("loading")}
          </p>
        )}
        {pins?.length === 0 && <p className="text-sm text-slate-500">{t("none")}</p>}
        <ol className="space-y-2">
          {pins?.map((m) => {
            const href = messageHref(roomId, m.seq, isThreadOnly(m) ? m.threadRootId : null);
            return (
              <li
                key={m.id}
                className="cursor-pointer rounded-lg border border-slate-200 bg-white p-3 hover:border-slate-300"
                data-testid="pinned-item"
                // A click anywhere but on a link or button of the pin jumps too (the Jump link is the keyboard's way).
                onClick={(e) => {
                  if ((e.target as Element).closest("a, button")) return;
                  router.push(href);
                  if (overlay) onClose();
                }}
              >
                <p className="flex items-baseline gap-2 text-xs">
                  <span className="font-semibold text-slate-900">{m.author.name}</span>
                  <time dateTime={m.createdAt} className="text-slate-500">
                    {formats.time(m.createdAt)}
                  </time>
                </p>
                <div className="mt-1 text-sm leading-6 break-words text-slate-800">
                  <MessageBody body={m.body} />
                </div>
                <p className="mt-1 flex items-center gap-3 text-xs text-slate-500">
                  {m.pinned?.by && <span>{t("pinnedBy", { name: m.pinned.by.name })}</span>}
                  <Link href={href} onClick={() => overlay && onClose()} className="font-medium text-indigo-600 underline hover:text-indigo-500" aria-label={t("jumpLabel", { name: m.author.name })}>
                    {t("jump")}
                  </Link>
                  {conv?.canPin && (
                    <button type="button" className="font-medium text-slate-600 underline hover:text-slate-900" onClick={() => conv.setPinned(m.id, false)}>
                      {t("unpin")}
                    </button>
                  )}
                </p>
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}
