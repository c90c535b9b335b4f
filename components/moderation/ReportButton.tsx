"use client";

/** "Report" in the message toolbar: a dialog asking why, then `POST /api/messages/{id}/report`. */
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { createPortal } from "react-dom";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { isApiError } from "@/lib/client/api";
import { roomModApi } from "@/lib/client/adminApi";

export function ReportButton({ messageId, className }: { messageId: string; className?: string }) {
  const t = useTranslations("moderation.report");
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-label={t("button")} title={t("button")} onClick={() => setOpen(true)} className={className}>
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="size-4" aria-hidden="true">
          <path d="M4 17V3.5M4 4h9l-1.5 3L13 10H4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      {/* In a portal: the toolbar hides when the pointer leaves the row, and the dialog must not. */}
      {open && <ReportDialog messageId={messageId} onClose={() => setOpen(false)} />}
    </>
  );
}

/** The report form itself (also opened from the message action menu), in a portal on the body. */
export function ReportDialog({ messageId, onClose }: { messageId: string; onClose: () => void }) {
  const t = useTranslations("moderation.report");
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await roomModApi.report(messageId, reason.trim());
      setDone(true);
    } catch (err) {
      setError(isApiError(err) ? err.message : t("failed"));
    } finally {
      setPending(false);
    }
  };

  return createPortal(
      <Dialog
        open
        onClose={onClose}
        title={t("title")}
        description={t("description")}
      >
        {done ? (
          <p role="status" className="text-sm text-slate-700" data-testid="report-sent">
            {t("sent")}
          </p>
        ) : (
          <form onSubmit={submit} className="space-y-3" aria-label={t("form")}>
            {error && <Alert>{error}</Alert>}
            <label className="block text-sm font-medium text-slate-700">
              {t("reason")}
              <textarea
                required
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                className="mt-1 block min-h-20 w-full rounded-lg px-3 py-2 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
              />
            </label>
            <Button type="submit" pending={pending} disabled={!reason.trim()}>
              {t("send")}
            </Button>
          </form>
        )}
      </Dialog>,
    document.body,
  );
}
