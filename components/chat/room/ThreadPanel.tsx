"use client";

/**
 * The thread side panel: the root message, its replies, and a composer that replies in the
 * thread (optionally also to the room). Loads through the thread endpoint, then follows live
 * `message:new` / `message:updated` events of the room; reloads after a reconnect. A reply sent
 * (Enter) while the thread is still loading is kept and goes out once it has loaded.
 */
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useSocket } from "@/components/providers/SocketProvider";
import { useDraft, useDraftStore } from "@/components/providers/DraftsProvider";
import { Avatar } from "@/components/ui/Avatar";
import { IconButton } from "@/components/ui/Button";
import { Spinner } from "@/components/ui/Spinner";
import { XIcon } from "@/components/ui/icons";
import { api, isApiError } from "@/lib/client/api";
import { newClientId } from "@/lib/client/clientId";
import { onNewMessages } from "@/lib/client/newMessages";
import { emptyThread, inThread, mergeThread, type ThreadState } from "@/lib/client/thread";
import { useFormats } from "@/components/ui/useFormats";
import { isRetryableCode } from "@/lib/shared/errors";
import { MESSAGE_MAX_LENGTH } from "@/lib/shared/schemas";
import type { MessageDTO } from "@/lib/shared/types";
import { useConversation } from "@/components/providers/ConversationContext";
import { AttachButton, AttachmentTray, useAttachmentTray } from "../composer/AttachmentTray";
import { MessageAttachments } from "../message/MessageAttachments";
import { MessageBody } from "../message/MessageBody";
import { ReactionBar } from "../message/ReactionBar";

interface ThreadPanelProps {
  roomId: string;
  roomName: string;
  rootId: string;
  onClose: () => void;
  /** A reply was stored (the room's log takes it too: it is a message of the room). */
  onStored: (message: MessageDTO) => void;
}

interface Outgoing {
  clientId: string;
  body: string;
  alsoToRoom: boolean;
  error: string | null;
  attachmentIds: string[];
  /** Sent before the thread had loaded: goes out once it has. */
  waiting: boolean;
}

export function ThreadPanel({ roomId, roomName, rootId, onClose, onStored }: ThreadPanelProps) {
  const t = useTranslations("thread");
  const { socket } = useSocket();
  const conv = useConversation();
  const [state, setState] = useState<ThreadState>(emptyThread);
  const [error, setError] = useState<string | null>(null);
  const [outgoing, setOutgoing] = useState<Outgoing[]>([]);
  // The reply box keeps its text as this thread's draft.
  const { text, setText } = useDraft({ roomId, threadRootId: rootId });
  const drafts = useDraftStore();
  /** Why the last reply was refused for good (its text is back in the box). */
  const [refusal, setRefusal] = useState<string | null>(null);
  const [alsoToRoom, setAlsoToRoom] = useState(false);
  const inputId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const outgoingNow = useRef(outgoing);
  const sendWaiting = useRef(() => {});

  const merge = useCallback((incoming: readonly MessageDTO[]) => setState((s) => mergeThread(s, rootId, incoming)), [rootId]);

  const load = useCallback(
    (signal?: AbortSignal) => {
      api.thread(roomId, rootId, { limit: 100 }, signal).then(
        (page) => {
          setError(null);
          merge([page.root, ...page.replies]);
          sendWaiting.current();
        },
        (e: unknown) => {
          if (!signal?.aborted) setError(isApiError(e) ? e.message : t("loadFailed"));
        },
      );
    },
    [roomId, rootId, merge, t],
  );

  // Keyed by rootId by the room view, so a new thread starts from an empty state.
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  useEffect(() => {
    if (!socket) return;
    const onMessage = (m: MessageDTO) => {
      if (m.roomId === roomId && inThread(rootId, m)) merge([m]);
    };
    const onConnect = () => load();
    const offMessages = onNewMessages(socket, onMessage);
    socket.on("message:updated", onMessage);
    socket.on("connect", onConnect);
    return () => {
      offMessages();
      socket.off("message:updated", onMessage);
      socket.off("connect", onConnect);
    };
  }, [socket, roomId, rootId, merge, load]);

  // Follow new replies.
  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [state.replies.length, outgoing.length]);

  const dispatch = useCallback(
    async (out: Outgoing) => {
      setOutgoing((list) => list.map((o) => (o.clientId === out.clientId ? { ...o, error: null } : o)));
      let failure = t("notConnected");
      if (socket?.connected) {
        try {
          const ack = await socket.timeout(10_000).emitWithAck("message:send", {
            roomId,
            clientId: out.clientId,
            body: out.body,
            threadRootId: rootId,
            alsoToRoom: out.alsoToRoom,
            ...(out.attachmentIds.length > 0 ? { attachmentIds: out.attachmentIds } : {}),
          });
          if (ack.ok) {
            merge([ack.data.message]);
            onStored(ack.data.message);
            setOutgoing((list) => list.filter((o) => o.clientId !== out.clientId));
            return;
          }
          if (!isRetryableCode(ack.error.code)) {
            // It can never succeed as it is: no Retry; the text goes back into the reply box.
            setOutgoing((list) => list.filter((o) => o.clientId !== out.clientId));
            const target = { roomId, threadRootId: rootId };
            const draft = drafts?.get(target) ?? "";
            drafts?.set(target, draft.trim() ? `${out.body}\n${draft}` : out.body);
            setRefusal(ack.error.message);
            return;
          }
          failure = ack.error.message;
        } catch {
          failure = t("timeout");
        }
      }
      setOutgoing((list) => list.map((o) => (o.clientId === out.clientId ? { ...o, error: failure } : o)));
    },
    [socket, roomId, rootId, merge, onStored, drafts, t],
  );

  const trimmed = text.trim();
  const tray = useAttachmentTray(roomId);
  const canSend = (trimmed.length > 0 || tray.ready.length > 0) && trimmed.length <= MESSAGE_MAX_LENGTH && !tray.busy && !tray.failed;
  const loaded = state.root !== null;

  const send = () => {
    if (!canSend) return;
    const out: Outgoing = { clientId: newClientId(), body: trimmed, alsoToRoom, error: null, attachmentIds: tray.ready.map((a) => a.id), waiting: !loaded };
    setOutgoing((list) => [...list, out]);
    setRefusal(null);
    setText("");
    tray.clear();
    if (loaded) void dispatch(out);
  };

  // Once the thread has loaded (load() calls this): send what was written while it loaded, in order.
  useEffect(() => {
    sendWaiting.current = () => {
      const waiting = outgoingNow.current.filter((o) => o.waiting);
      if (waiting.length === 0) return;
      setOutgoing((list) => list.map((o) => (o.waiting ? { ...o, waiting: false } : o)));
      void (async () => {
        for (const o of waiting) await dispatch({ ...o, waiting: false });
      })();
    };
    outgoingNow.current = outgoing;
  });

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };

  const { root, replies } = state;
  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="thread-panel">
      <header className="flex h-14 shrink-0 items-center gap-2 border-b border-slate-200 px-4">
        <h2 className="flex-1 text-sm font-semibold text-slate-900">
          {t.rich("title", { room: roomName, where: (chunks) => <span className="font-normal text-slate-500">{chunks}</span> })}
        </h2>
        <IconButton label={t("close")} onClick={onClose}>
          <XIcon className="size-[18px]" />
        </IconButton>
      </header>
      <div ref={listRef} className="min-h-0 flex-1 overflow-y-auto py-2" data-testid="thread-messages">
        {error && <p className="px-4 py-2 text-sm text-rose-600">{error}</p>}
        {!root && !error && (
          <p className="flex items-center gap-2 px-4 py-3 text-sm text-slate-500">
            <Spinner className="size-4" /> {t("loading")}
          </p>
        )}
        {root && (
          <>
            <ThreadMessage message={root} testId="thread-root" />
            <p className="my-2 flex items-center gap-2 px-4 text-xs text-slate-500" data-testid="thread-reply-count">
              <span>{t("replies", { count: Math.max(root.thread?.replyCount ?? 0, replies.length) })}</span>
              <span className="h-px flex-1 bg-slate-200" />
            </p>
          </>
        )}
        <ol>
          {replies.map((m) => (
            <li key={m.id}>
              <ThreadMessage message={m} testId="thread-reply" />
            </li>
          ))}
          {outgoing.map((o) => (
            <li key={o.clientId} className="px-4 py-1 text-sm text-slate-500" data-testid="thread-outgoing">
              <MessageBody body={o.body} />
              {o.error ? (
                <span className="text-xs text-rose-600" role="alert">
                  {t("failed", { reason: o.error })}{" "}
                  <button type="button" className="font-semibold underline" onClick={() => void dispatch(o)}>
                    {t("retry")}
                  </button>
                </span>
              ) : (
                <span className="text-xs">{o.waiting ? t("waiting") : t("sending")}</span>
              )}
            </li>
          ))}
        </ol>
      </div>
      {conv?.canPost && (
        <form
          className="shrink-0 border-t border-slate-200 p-3"
          aria-label={t("replyInThread")}
          onSubmit={(e) => {
            e.preventDefault();
            send();
          }}
          {...tray.dropProps}
        >
          <AttachmentTray tray={tray} />
          {refusal && (
            <p role="alert" data-testid="thread-refusal" className="mb-1.5 text-xs text-rose-700">
              {t("refused", { reason: refusal })}
            </p>
          )}
          <label htmlFor={inputId} className="sr-only">
            {t("replyInThread")}
          </label>
          <textarea
            id={inputId}
            value={text}
            rows={2}
            placeholder={t("placeholder")}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            onPaste={tray.onPaste}
            data-testid="thread-input"
            className="w-full resize-none rounded-lg bg-white px-2 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
          />
          <div className="mt-2 flex items-center justify-between gap-2">
            <AttachButton tray={tray} />
            <label className="mr-auto flex items-center gap-1.5 text-xs text-slate-600">
              <input type="checkbox" checked={alsoToRoom} onChange={(e) => setAlsoToRoom(e.target.checked)} className="accent-indigo-600" />
              {t("alsoToRoom", { room: roomName })}
            </label>
            <button
              type="submit"
              disabled={!canSend}
              className="h-8 rounded-md bg-indigo-600 px-3 text-sm font-medium text-on-accent hover:bg-indigo-500 disabled:bg-slate-200 disabled:text-slate-400"
            >
              {t("reply")}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

function ThreadMessage({ message, testId }: { message: MessageDTO; testId: string }) {
  const t = useTranslations("thread");
  const formats = useFormats();
  const conv = useConversation();
  return (
    <div className="flex gap-2 px-4 py-1.5 hover:bg-slate-50" data-testid={testId} data-message-id={message.id}>
      <Avatar id={message.author.id} name={message.author.name} avatarUrl={message.author.avatarUrl} size="sm" />
      <div className="min-w-0 flex-1">
        <p className="flex items-baseline gap-2">
          <span className="truncate text-sm font-semibold text-slate-900">{message.author.name}</span>
          <time dateTime={message.createdAt} className="text-xs text-slate-500">
            {formats.time(message.createdAt)}
          </time>
          {message.alsoInRoom && <span className="text-[11px] text-slate-400">{t("alsoSent")}</span>}
        </p>
        {message.deleted ? (
          <p className="text-sm text-slate-400 italic">{t("deleted")}</p>
        ) : (
          <div className="text-sm leading-6 break-words text-slate-800" data-testid="message-body" dir="auto">
            <MessageBody body={message.body} mentioned={message.mentioned} />
          </div>
        )}
        {!message.deleted && message.attachments.length > 0 && <MessageAttachments attachments={message.attachments} />}
        {!message.deleted && (
          <ReactionBar
            reactions={message.reactions}
            selfId={conv?.selfId ?? ""}
            alwaysShowAdd
            onToggle={conv?.canPost ? (emoji, on) => conv.setReaction(message.id, emoji, on) : undefined}
          />
        )}
      </div>
    </div>
  );
}
