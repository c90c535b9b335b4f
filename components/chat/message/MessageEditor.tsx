"use client";

/** Inline editor for one's own message: Enter saves, Shift+Enter adds a line, Escape cancels. */
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/Button";
import { isApiError } from "@/lib/client/api";
import { MESSAGE_MAX_LENGTH } from "@/lib/shared/schemas";
import { useMessageActions } from "@/components/providers/MessageActionsContext";

export function MessageEditor({ messageId, body, onDone }: { messageId: string; body: string; onDone: () => void }) {
  const t = useTranslations("messages.editor");
  const tc = useTranslations("common");
  const actions = useMessageActions();
  const [text, setText] = useState(body);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  const trimmed = text.trim();
  const valid = trimmed.length > 0 && trimmed.length <= MESSAGE_MAX_LENGTH;

  const save = async () => {
    if (!actions || !valid) return;
    if (trimmed === body) return onDone();
    setSaving(true);
    setError(null);
    try {
      await actions.edit(messageId, trimmed);
      onDone();
    } catch (e) {
      setError(isApiError(e) ? e.message : t("failed"));
      setSaving(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Escape") {
      e.preventDefault();
      onDone();
    } else if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void save();
    }
  };

  return (
    <div className="mt-0.5" data-testid="message-editor">
      <label className="sr-only" htmlFor={`edit-${messageId}`}>
        {t("label")}
      </label>
      <textarea
        id={`edit-${messageId}`}
        ref={ref}
        value={text}
        rows={Math.min(8, Math.max(1, text.split("\n").length))}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        aria-invalid={!valid || undefined}
        className="block w-full resize-y rounded-lg bg-white px-3 py-1.5 text-[15px] leading-6 text-slate-900 ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
      />
      {error && (
        <p role="alert" className="mt-1 text-xs text-rose-600">
          {error}
        </p>
      )}
      <div className="mt-1.5 flex items-center gap-2 text-xs text-slate-500">
        <Button size="sm" onClick={() => void save()} pending={saving} disabled={!valid}>
          {tc("save")}
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone} disabled={saving}>
          {tc("cancel")}
        </Button>
        <span className="hidden sm:inline">{t("keys")}</span>
      </div>
    </div>
  );
}
