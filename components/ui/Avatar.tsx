"use client";

import { useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useState } from "react";
import type { UserStatus } from "@/lib/shared/types";
import { cx } from "./cx";

/**
 * Pictures heard of live (`user:updated`): user id -> versioned URL, or null when removed. They
 * win over the URL the data was loaded with; a person with neither is shown by initials and
 * their picture is never asked for.
 */
export const AvatarUrls = createContext<ReadonlyMap<string, string | null>>(new Map());

/** URLs that failed in this page: not asked again (a change comes with a new URL). */
const missing = new Set<string>();

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

const sizes = { xs: "size-5 text-[9px] rounded", sm: "size-7 text-[11px]", md: "size-9 text-xs" } as const;

/** The dot: offline, or online with the user's status. */
function dot(online: boolean, status: UserStatus | undefined): { label: string; status: UserStatus | "OFFLINE"; className: string } {
  if (!online) return { label: "offline", status: "OFFLINE", className: "bg-slate-300" };
  if (status === "AWAY") return { label: "away", status: "AWAY", className: "bg-amber-400" };
  if (status === "DND") return { label: "do not disturb", status: "DND", className: "bg-rose-500" };
  return { label: "online", status: "ONLINE", className: "bg-emerald-500" };
}

/**
 * Initials on a colour picked from the user id, so a person keeps one colour everywhere.
 * With `online`, a dot shows presence and status (away, do not disturb).
 */
export function Avatar({
  id,
  name,
  avatarUrl,
  size = "md",
  online,
  status,
}: {
  id: string;
  name: string;
  /** The picture's URL from the loaded data (UserSummary.avatarUrl); null: initials. */
  avatarUrl: string | null;
  size?: keyof typeof sizes;
  online?: boolean;
  status?: UserStatus;
}) {
  const t = useTranslations("status");
  const d = online === undefined ? null : dot(online, status);
  const live = useContext(AvatarUrls).get(id);
  const src = live === undefined ? avatarUrl : live;
  const [failed, setFailed] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<string | null>(null);
  const showImage = src !== null && failed !== src && !missing.has(src);
  // A server-rendered picture may finish (or fail) before React hydrates and attaches onLoad:
  // read the outcome off the element when it is mounted.
  const settled = useCallback(
    (img: HTMLImageElement | null) => {
      if (!img || !src || !img.complete) return;
      if (img.naturalWidth > 0) setLoaded(src);
      else {
        missing.add(src);
        setFailed(src);
      }
    },
    [src],
  );
  return (
    <span className="relative inline-flex shrink-0">
      <span
        aria-hidden="true"
        className={cx(
          "relative inline-flex items-center justify-center overflow-hidden rounded-lg font-semibold select-none",
          sizes[size],
          palette[hash(id) % palette.length],
        )}
      >
        {initials(name)}
        {showImage && (
          // eslint-disable-next-line @next/next/no-img-element -- a member-only picture, no optimiser
          <img
            ref={settled}
            src={src}
            alt=""
            data-testid="avatar-image"
            data-loaded={loaded === src || undefined}
            onLoad={() => setLoaded(src)}
            onError={() => {
              missing.add(src);
              setFailed(src);
            }}
            className={cx("absolute inset-0 size-full object-cover", loaded === src ? "opacity-100" : "opacity-0")}
          />
        )}
      </span>
      {d && (
        <span
          role="img"
          aria-label={t(d.status)}
          title={t(d.status)}
          data-testid="presence-dot"
          data-status={d.label}
          className={cx("absolute -right-0.5 -bottom-0.5 size-3 rounded-full ring-2 ring-white", d.className)}
        />
      )}
    </span>
  );
}
