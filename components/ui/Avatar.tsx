import { cx } from "./cx";

const palette = [
  "bg-rose-100 text-rose-700",
  "bg-amber-100 text-amber-800",
  "bg-emerald-100 text-emerald-700",
  "bg-sky-100 text-sky-700",
  "bg-indigo-100 text-indigo-700",
  "bg-fuchsia-100 text-fuchsia-700",
  "bg-teal-100 text-teal-700",
  "bg-orange-100 text-orange-700",
];

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return Math.abs(h);
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? "?";
  const second = parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "";
  return (first + second).toUpperCase();
}

/** Initials on a colour picked from the user id, so a person keeps one colour everywhere. */
export function Avatar({ id, name, size = "md", online }: { id: string; name: string; size?: "sm" | "md"; online?: boolean }) {
  return (
    <span className="relative inline-flex shrink-0">
      <span
        aria-hidden="true"
        className={cx(
          "inline-flex items-center justify-center rounded-lg font-semibold select-none",
          size === "sm" ? "size-7 text-[11px]" : "size-9 text-xs",
          palette[hash(id) % palette.length],
        )}
      >
        {initials(name)}
      </span>
      {online !== undefined && (
        <span
          role="img"
          aria-label={online ? "online" : "offline"}
          data-testid="presence-dot"
          className={cx("absolute -right-0.5 -bottom-0.5 size-3 rounded-full ring-2 ring-white", online ? "bg-emerald-500" : "bg-slate-300")}
        />
      )}
    </span>
  );
}
