"use client";

import { useState, type FormEvent } from "react";
import { isApiError } from "@/lib/client/api";

/** A settings form's submit: pending while it runs, the server's message and field errors when it fails. */
export function useFormAction(failure: string) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  function handler(run: () => Promise<void>) {
    return async (e?: FormEvent<HTMLFormElement>) => {
      e?.preventDefault();
      setPending(true);
      setError(null);
      setFieldErrors({});
      try {
        await run();
      } catch (err) {
        setError(isApiError(err) ? err.message : failure);
        setFieldErrors(isApiError(err) ? err.fieldErrors : {});
      } finally {
        setPending(false);
      }
    };
  }
  return { pending, error, fieldErrors, handler };
}
