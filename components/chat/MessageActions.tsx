"use client";

import type { ButtonHTMLAttributes, ReactNode } from "react";
import { cx } from "@/components/ui/cx";

/** The hover toolbar of a message row: shown while the row is hovered or has focus. */
export function MessageActions({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <div
      role="toolbar"
      aria-label="Message actions"
      data-testid="message-actions"
      className={cx(
        "absolute -top-4 right-4 z-20 flex items-center gap-0.5 rounded-lg border border-slate-200 bg-white p-0.5 opacity-0 shadow-sm transition-opacity group-focus-within:opacity-100 group-hover:opacity-100 sm:right-6",
        className,
      )}
    >
      {children}
    </div>
  );
}

/** One toolbar button; `label` is its accessible name and tooltip. */
export function MessageActionButton({ label, className, children, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { label: string }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className={cx(
        "inline-flex size-7 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600",
        className,
      )}
      {...rest}
    >
      {children}
    </button>
  );
}
