"use client";

import { useEffect } from "react";
import { api } from "@/lib/client/api";
import { browserTimeZone } from "@/lib/client/lastSeen";

/** Once per page load: tell the server this browser's time zone (the server writes it only when it changed). */
export function useReportTimeZone(): void {
  useEffect(() => {
    const timeZone = browserTimeZone();
    if (timeZone) void api.setTimeZone(timeZone).catch(() => undefined);
  }, []);
}
