"use client";

import { useEffect } from "react";
import { titleWithUnread } from "@/lib/client/unread";
import { useRooms } from "@/components/providers/RoomsProvider";

let titleOwner: symbol | null = null;

/**
 * Keep the tab's title at `base`, led by the unread total ("(3) Parley"); null leaves it alone.
 * The route's static metadata title may be applied after our effect on a client navigation, so
 * the title is watched and put back while the calling component is mounted.
 */
export function useDocumentTitle(base: string | null): void {
  const { totalUnread } = useRooms();
  useEffect(() => {
    if (base === null) return;
    const wanted = titleWithUnread(base, totalUnread);
    // The latest caller owns the title: two pages briefly mounted together never fight over it.
    const me = Symbol(wanted);
    titleOwner = me;
    const apply = () => {
      if (titleOwner === me && document.title !== wanted) document.title = wanted;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      if (titleOwner === me) titleOwner = null;
    };
  }, [base, totalUnread]);
}

