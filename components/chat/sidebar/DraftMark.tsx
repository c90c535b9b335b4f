"use client";

import { useTranslations } from "next-intl";
import { useRoomsWithDrafts } from "@/components/providers/DraftsProvider";
import { PencilIcon } from "@/components/ui/icons";

/** A pencil on a sidebar entry whose composer holds a draft (not on the room being written in). */
export function DraftMark({ roomId, active }: { roomId: string; active: boolean }) {
  const t = useTranslations("sidebar");
  const drafts = useRoomsWithDrafts();
  if (active || !drafts.has(roomId)) return null;
  return (
    <span data-testid="draft-mark" title={t("draft")} className="shrink-0 text-slate-500">
      <PencilIcon className="size-3.5" aria-hidden="true" />
      <span className="sr-only">{t("draftSr")}</span>
    </span>
  );
}
