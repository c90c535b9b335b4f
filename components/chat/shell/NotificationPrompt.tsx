"use client";

/**
 * A small, dismissible offer to turn on browser notifications (DMs and mentions while the tab is
 * hidden). Permission is only ever asked when the user clicks "Enable", never on page load.
 */
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { XIcon } from "@/components/ui/icons";

const DISMISSED_KEY = "parley.notifications.dismissed";

export function NotificationPrompt() {
  // Decided after mount: the server render has no Notification API, so nothing shows there.
  const t = useTranslations("notifications");
  const [show, setShow] = useState(false);
  useEffect(() => {
    const supported = typeof window !== "undefined" && "Notification" in window;
    // Reading browser-only state once after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setShow(supported && Notification.permission === "default" && localStorage.getItem(DISMISSED_KEY) !== "1");
  }, []);
  if (!show) return null;

  const enable = async () => {
    try {
      await Notification.requestPermission();
    } finally {
      setShow(false);
    }
  };
  const dismiss = () => {
    localStorage.setItem(DISMISSED_KEY, "1");
    setShow(false);
  };
  return (
    <div className="mx-3 mb-2 flex items-start gap-2 rounded-lg bg-white p-2.5 text-xs text-slate-600 ring-1 ring-slate-200" data-testid="notification-prompt">
      <p className="flex-1">
        {t("prompt")}{" "}
        <button type="button" onClick={enable} className="font-semibold text-indigo-600 hover:text-indigo-500">
          {t("enable")}
        </button>
      </p>
      <button type="button" onClick={dismiss} aria-label={t("dismiss")} className="rounded text-slate-400 hover:text-slate-700">
        <XIcon className="size-4" />
      </button>
    </div>
  );
}
