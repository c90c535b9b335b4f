"use client";

import { useEffect, useState } from "react";
import { api } from "@/lib/client/api";
import { useLastSeenLabel } from "./useLastSeenLabel";
import type { RoomDTO } from "@/lib/shared/types";

/**
 * For a one-to-one DM whose other person is offline: "last seen 5 minutes ago" (asked again
 * each time they go offline, kept current by a clock); null otherwise or while unknown.
 */
export function useDmLastSeen(room: Pick<RoomDTO, "kind" | "dmMembers">, selfId: string, online: readonly string[]): string | null {
  const others = room.kind === "DM" ? (room.dmMembers ?? []).filter((u) => u.id !== selfId) : [];
  const other = others.length === 1 ? others[0]?.id : undefined;
  const offline = other !== undefined && !online.includes(other);
  const [seen, setSeen] = useState<{ userId: string; at: string | null } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const lastSeenLabel = useLastSeenLabel();
  useEffect(() => {
    if (!other || !offline) return;
    const controller = new AbortController();
    api.userProfile(other, controller.signal).then(
      (p) => setSeen({ userId: other, at: p.lastSeenAt }),
      () => undefined,
    );
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [other, offline]);
  if (!offline || seen?.userId !== other) return null;
  return lastSeenLabel(seen.at, now);
}
