"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ChatBubbleIcon, CompassIcon, MenuIcon, PlusIcon } from "@/components/ui/icons";
import { IconButton } from "@/components/ui/Button";
import { useRooms } from "@/components/providers/RoomsProvider";
import { useShell } from "@/components/providers/ShellContext";
import { useDocumentTitle } from "./useDocumentTitle";

/** `/chat` with no room open. */
export function ChatHome({ deniedAdmin = false }: { deniedAdmin?: boolean }) {
  const t = useTranslations("home");
  const tc = useTranslations("common");
  const ts = useTranslations("sidebar");
  const { openSidebar, openBrowseRooms, openCreateRoom } = useShell();
  const { myRooms } = useRooms();

  useDocumentTitle("Parley");

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <header className="flex h-14 shrink-0 items-center gap-2 border-b border-slate-200 px-2 md:hidden">
        <IconButton label={tc("openRoomList")} onClick={openSidebar}>
          <MenuIcon />
        </IconButton>
        <span className="font-semibold text-slate-900">Parley</span>
      </header>
      <div className="flex flex-1 items-center justify-center p-6">
        <div className="max-w-sm text-center">
          {deniedAdmin && (
            <Alert className="mb-6 text-left" tone="info">
              {t("deniedAdmin")}
            </Alert>
          )}
          <span className="inline-flex size-14 items-center justify-center rounded-2xl bg-indigo-50 text-indigo-600">
            <ChatBubbleIcon className="size-7" />
          </span>
          <h1 className="mt-4 text-xl font-bold text-slate-900">{myRooms.length > 0 ? t("pickTitle") : t("welcomeTitle")}</h1>
          <p className="mt-2 text-sm text-slate-500">
            {myRooms.length > 0 ? t("pickText") : t("welcomeText")}
          </p>
          <div className="mt-6 flex flex-col justify-center gap-2 sm:flex-row">
            <Button onClick={openCreateRoom}>
              <PlusIcon className="size-4" /> {ts("createRoom")}
            </Button>
            <Button variant="secondary" onClick={openBrowseRooms}>
              <CompassIcon className="size-4" /> {ts("browseRooms")}
            </Button>
          </div>
        </div>
      </div>
    </div>
  );
}
