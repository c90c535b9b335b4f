"use client";

import { useTranslations } from "next-intl";
import { IconButton } from "@/components/ui/Button";
import { MenuIcon } from "@/components/ui/icons";
import { useShell } from "@/components/providers/ShellContext";

/** The top bar of a settings page: its title, and on a phone the button that opens the room list. */
export function SettingsHeader({ title }: { title: string }) {
  const { openSidebar } = useShell();
  const tc = useTranslations("common");
  return (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b border-slate-200 px-2 md:px-6">
      <IconButton label={tc("openRoomList")} onClick={openSidebar} className="md:hidden">
        <MenuIcon />
      </IconButton>
      <h1 className="font-semibold text-slate-900">{title}</h1>
    </header>
  );
}
