"use client";

import { useTranslations } from "next-intl";
import { Button } from "./Button";
import { Dialog } from "./Dialog";

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  description?: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  pending?: boolean;
  danger?: boolean;
}

/** An in-app "are you sure?" on the native <dialog> (focus trapped, Escape cancels) instead of window.confirm. */
export function ConfirmDialog({ open, title, description, confirmLabel, onConfirm, onCancel, pending, danger }: ConfirmDialogProps) {
  const t = useTranslations("common");
  return (
    <Dialog open={open} onClose={onCancel} title={title} description={description}>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} autoFocus>
          {t("cancel")}
        </Button>
        <Button variant={danger ? "danger" : "primary"} onClick={onConfirm} pending={pending}>
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
