"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { isApiError } from "@/lib/client/api";
import { Button } from "./Button";

/** A form's submit: pending while `run` works; its ApiError's message (or `failure`) when it fails. */
export function useSubmit(run: () => Promise<void>, failure: string) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(isApiError(err) ? err.message : failure);
      setPending(false);
    }
  }
  return { pending, error, submit };
}

/** Cancel and Save, at the end of a small dialog form. */
export function SaveCancel({ onCancel, pending, disabled }: { onCancel: () => void; pending: boolean; disabled?: boolean }) {
  const t = useTranslations("common");
  return (
    <div className="flex justify-end gap-2">
      <Button type="button" variant="secondary" onClick={onCancel}>
        {t("cancel")}
      </Button>
      <Button type="submit" pending={pending} disabled={disabled}>
        {t("save")}
      </Button>
    </div>
  );
}
