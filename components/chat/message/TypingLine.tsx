"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { othersTyping, typingExpiresIn, typistNames, type TypingList } from "@/lib/client/typing";

/** "Ana is typing…" under the message list. Hides itself when the list goes stale. */
export function TypingLine({ typing, selfId, names }: { typing: TypingList; selfId: string; names: ReadonlyMap<string, string> }) {
  // The receivedAt of the list whose display time ran out; a new list (new receivedAt) shows again.
  const t = useTranslations("messages");
  const [expired, setExpired] = useState<number | null>(null);

  useEffect(() => {
    if (typing.userIds.length === 0) return;
    const timer = setTimeout(() => setExpired(typing.receivedAt), typingExpiresIn(typing, Date.now()));
    return () => clearTimeout(timer);
  }, [typing]);

  const ids = expired === typing.receivedAt ? [] : othersTyping(typing, selfId);
  const typists = typistNames(ids, names);
  const text = typists.length === 0 ? "" : t("typing", { count: typists.length, first: typists[0] ?? "", second: typists[1] ?? "" });
  return (
    <div className="h-6 shrink-0 px-4 sm:px-6" aria-live="polite" data-testid="typing-line">
      {text && (
        <p className="flex items-center gap-1.5 text-xs text-slate-500">
          <span className="inline-flex gap-0.5" aria-hidden="true">
            <span className="size-1 animate-bounce rounded-full bg-slate-400 [animation-delay:-0.3s]" />
            <span className="size-1 animate-bounce rounded-full bg-slate-400 [animation-delay:-0.15s]" />
            <span className="size-1 animate-bounce rounded-full bg-slate-400" />
          </span>
          <span className="font-medium">{text}</span>
        </p>
      )}
    </div>
  );
}
