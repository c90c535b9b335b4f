"use client";

/** A group DM's name, given by any of its members (empty: titled by the members' names again). */
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Dialog } from "@/components/ui/Dialog";
import { TextField } from "@/components/ui/TextField";
import { SaveCancel, useSubmit } from "@/components/ui/useSubmit";
import { useRooms } from "@/components/providers/RoomsProvider";
import { api } from "@/lib/client/api";
import type { RoomDTO } from "@/lib/shared/types";

interface Props {
  room: RoomDTO;
  /** The members' names, shown as the placeholder (what the title falls back to). */
  members: string;
  onClose: () => void;
  onChanged: (room: RoomDTO) => void;
}

export function RenameDmDialog({ open, ...props }: Props & { open: boolean }) {
  const t = useTranslations("room.renameDm");
  return (
    <Dialog open={open} onClose={props.onClose} title={t("title")}>
      {open && <RenameForm {...props} />}
    </Dialog>
  );
}

function RenameForm({ room, members, onClose, onChanged }: Props) {
  const t = useTranslations("room.renameDm");
  const { upsert } = useRooms();
  const [name, setName] = useState(room.dmName ?? "");
  const { pending, error, submit } = useSubmit(async () => {
    const updated = await api.renameDm(room.id, name.trim() === "" ? null : name.trim());
    upsert(updated);
    onChanged(updated);
    onClose();
  }, t("failed"));

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={t("title")}>
      {error && <Alert>{error}</Alert>}
      <TextField label={t("name")} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} placeholder={members} autoFocus />
      <p className="text-xs text-slate-500">{t("hint")}</p>
      <SaveCancel onCancel={onClose} pending={pending} />
    </form>
  );
}
