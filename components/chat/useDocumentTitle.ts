"use client";

import { useEffect } from "react";
import { titleWithUnread } from "@/lib/client/unread";
import { useRooms } from "./RoomsProvider";

/** Set the tab's title to `base`, led by the unread total ("(3) Parley"); null leaves it alone. */
export function useDocumentTitle(base: string | null): void {
  const { totalUnread } = useRooms();
  useEffect(() => {
    if (base === null) return;
    document.title = titleWithUnread(base, totalUnread);
    return () => {
      document.title = "Parley";
    };
  }, [base, totalUnread]);
}
