"use client";

import { useRoomsWithDrafts } from "@/components/providers/DraftsProvider";
import { PencilIcon } from "@/components/ui/icons";

/** A pencil on a sidebar entry whose composer holds a draft (not on the room being written in). */
export function DraftMark({ roomId, active }: { roomId: string; active: boolean }) {
  const drafts = useRoomsWithDrafts();
  if (active || !drafts.has(roomId)) return null;
  return (
    <span data-testid="draft-mark" title="Draft" className="shrink-0 text-slate-500">
      <PencilIcon className="size-3.5" aria-hidden="true" />
      <span className="sr-only">(draft)</span>
    </span>
  );
}
