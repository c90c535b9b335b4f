"use client";

/**
 * Jumping to a message in a room: `/chat/<roomId>?m=<seq>` (a search result or a shared link)
 * loads the history around it, scrolls it into view and highlights it briefly; `&thread=<rootId>`
 * also opens that thread. "Jump to latest" goes back to the newest messages and drops the query.
 *
 * The query stays in the address while the message is shown, on purpose: Next keys a page by its
 * search params, so changing them remounts the room view (and with it this hook), and each new
 * `?m=` is handled by the mount it creates.
 */
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import type { RoomSync } from "@/lib/client/roomSync";
import { parseJumpSeq } from "@/lib/client/search";
import { ZId } from "@/lib/shared/schemas";
import type { MessageListHandle } from "./MessageList";

/** How long the target stays highlighted. */
const HIGHLIGHT_MS = 4000;

type ScrollRequest = { kind: "seq"; seq: number; n: number } | { kind: "bottom"; n: number };

export function useMessageJump(sync: RoomSync, roomId: string, listRef: RefObject<MessageListHandle | null>, openThread: (rootId: string) => void) {
  const router = useRouter();
  const params = useSearchParams();
  const [request, setRequest] = useState<ScrollRequest | null>(null);
  /** The last request whose highlight has faded. */
  const [faded, setFaded] = useState(0);
  const counter = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const jumpTo = useCallback(
    async (seq: number) => {
      await sync.jumpTo(seq);
      if (mounted.current) setRequest({ kind: "seq", seq, n: ++counter.current });
    },
    [sync],
  );

  const m = params.get("m");
  const thread = params.get("thread");
  const jumpToLatest = useCallback(async () => {
    await sync.jumpToLatest();
    if (!mounted.current) return;
    setRequest({ kind: "bottom", n: ++counter.current });
    if (m !== null) router.replace(`/chat/${roomId}`, { scroll: false });
  }, [sync, m, roomId, router]);

  useEffect(() => {
    const seq = parseJumpSeq(m);
    if (seq === null) return;
    if (thread && ZId.safeParse(thread).success) openThread(thread);
    void jumpTo(seq);
  }, [m, thread, jumpTo, openThread]);

  // After the jump's page has rendered: bring the target (or the newest message) into view.
  useEffect(() => {
    if (!request) return;
    if (request.kind === "bottom") {
      listRef.current?.scrollToBottom();
      return;
    }
    listRef.current?.scrollToSeq(request.seq, { align: "center" });
    const timer = setTimeout(() => setFaded(request.n), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [request, listRef]);

  const highlightSeq = request?.kind === "seq" && faded !== request.n ? request.seq : null;
  return { highlightSeq, jumpToLatest };
}
