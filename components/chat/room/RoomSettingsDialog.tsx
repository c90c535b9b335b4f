"use client";

/** Name, topic and visibility of a room, and archiving it (the owner). Saved over REST; members see it live. */
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useCurrentUser } from "@/components/providers/CurrentUserProvider";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { TextField } from "@/components/ui/TextField";
import { api, isApiError } from "@/lib/client/api";
import type { RoomDTO, RoomVisibility } from "@/lib/shared/types";
import { useRooms } from "@/components/providers/RoomsProvider";

interface Props {
  open: boolean;
  room: RoomDTO;
  onClose: () => void;
  onChanged: (room: RoomDTO) => void;
}

export function RoomSettingsDialog({ open, room, onClose, onChanged }: Props) {
  const t = useTranslations("room.settings");
  return (
    <Dialog open={open} onClose={onClose} title={t("title")}>
      {open && <SettingsForm room={room} onClose={onClose} onChanged={onChanged} />}
    </Dialog>
  );
}

function SettingsForm({ room, onClose, onChanged }: Omit<Props, "open">) {
  const t = useTranslations("room.settings");
  const tc = useTranslations("common");
  const user = useCurrentUser();
  const router = useRouter();
  const { upsert, refresh } = useRooms();
  const [name, setName] = useState(room.name);
  const [topic, setTopic] = useState(room.topic ?? "");
  const [visibility, setVisibility] = useState<RoomVisibility>(room.visibility);
  const [pending, setPending] = useState<"save" | "archive" | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const canArchive = room.membership?.role === "OWNER" || user.role !== "MEMBER";

  const fail = (e: unknown) => {
    if (isApiError(e) && e.code === "VALIDATION_FAILED" && Object.keys(e.fieldErrors).length > 0) setFieldErrors(e.fieldErrors);
    else setError(isApiError(e) ? e.message : t("saveFailed"));
    setPending(null);
  };

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending("save");
    setError(null);
    setFieldErrors({});
    try {
      const updated = await api.updateRoom(room.id, { name, topic: topic.trim() === "" ? null : topic, visibility });
      upsert(updated);
      onChanged(updated);
      onClose();
    } catch (err) {
      fail(err);
    }
  }

  async function archive() {
    const unarchiving = room.archived;
    if (!unarchiving && !window.confirm(t("archiveConfirm", { room: room.name }))) return;
    setPending("archive");
    setError(null);
    try {
      const updated = await api.archiveRoom(room.id, !unarchiving);
      onChanged(updated);
      if (unarchiving) upsert(updated);
      else void refresh();
      onClose();
      if (!unarchiving) router.refresh();
    } catch (err) {
      fail(err);
    }
  }

  const field = (key: "name" | "topic") => fieldErrors[key]?.map((message) => t("fieldError", { field: t(key), message }));
  return (
    <form onSubmit={save} noValidate className="space-y-4" aria-label={t("title")}>
      {error && <Alert>{error}</Alert>}
      {room.archived ? (
        <Alert tone="info">{t("archived")}</Alert>
      ) : (
        <>
          <TextField label={t("name")} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required errors={field("name")} />
          <TextField label={t("topic")} value={topic} onChange={(e) => setTopic(e.target.value)} maxLength={250} errors={field("topic")} />
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">{t("visibility")}</legend>
            <div className="mt-1.5 flex gap-4 text-sm">
              {(["PUBLIC", "PRIVATE"] as const).map((v) => (
                <label key={v} className="inline-flex items-center gap-2">
                  <input type="radio" name="visibility" value={v} checked={visibility === v} onChange={() => setVisibility(v)} />
                  {v === "PUBLIC" ? t("public") : t("private")}
                </label>
              ))}
            </div>
          </fieldset>
        </>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2 pt-2">
        {canArchive ? (
          <Button variant={room.archived ? "secondary" : "danger"} onClick={() => void archive()} pending={pending === "archive"} disabled={pending !== null}>
            {room.archived ? t("unarchive") : t("archive")}
          </Button>
        ) : (
          <span />
        )}
        <div className="flex gap-2">
          <Button variant="secondary" onClick={onClose}>
            {tc("cancel")}
          </Button>
          {!room.archived && (
            <Button type="submit" pending={pending === "save"} disabled={pending !== null || name.trim() === ""}>
              {tc("save")}
            </Button>
          )}
        </div>
      </div>
    </form>
  );
}
