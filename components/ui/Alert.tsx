import type { ReactNode } from "react";
import { cx } from "./cx";

export function Alert({ tone = "error", children, className }: { tone?: "error" | "info"; children: ReactNode; className?: string }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cx(
        "rounded-lg px-3 py-2 text-sm",
        tone === "error" ? "bg-rose-50 text-rose-800 ring-1 ring-rose-200" : "bg-slate-50 text-slate-700 ring-1 ring-slate-200",
        className,
      )}
    >
      {children}
    </div>
  );
}
