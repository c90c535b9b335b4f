"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { api, isApiError } from "@/lib/client/api";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { TextField } from "@/components/ui/TextField";
import { cx } from "@/components/ui/cx";
import { HashIcon, LockIcon } from "@/components/ui/icons";
import type { RoomVisibility } from "@/lib/shared/types";
import { useRooms } from "@/components/providers/RoomsProvider";

export function CreateRoomDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("dialogs.createRoom");
  return (
    <Dialog open={open} onClose={onClose} title={t("title")} description={t("description")}>
      {/* Remounted on every open so the form starts empty. */}
      {open && <CreateRoomForm onDone={onClose} />}
    </Dialog>
  );
}

function CreateRoomForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations("dialogs.createRoom");
  const tc = useTranslations("common");
  const router = useRouter();
  const { upsert } = useRooms();
  const [name, setName] = useState("");
  const [topic, setTopic] = useState("");
  const [visibility, setVisibility] = useState<RoomVisibility>("PUBLIC");
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);

  async function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setFieldErrors({});
    setFormError(null);
    try {
      const room = await api.createRoom({ name, topic: topic.trim() === "" ? undefined : topic, visibility });
      upsert(room);
      onDone();
      router.push(`/chat/${room.id}`);
    } catch (err) {
      if (isApiError(err) && err.code === "VALIDATION_FAILED" && Object.keys(err.fieldErrors).length > 0) {
        setFieldErrors(err.fieldErrors);
      } else {
        setFormError(isApiError(err) ? err.message : t("failed"));
      }
      setPending(false);
    }
  }

  const field = (key: "name" | "topic") => fieldErrors[key]?.map((message) => t("fieldError", { field: key === "name" ? t("name") : t("topicField"), message }));

  return (
    <form onSubmit={handleSubmit} noValidate className="space-y-4" aria-label={t("submit")}>
      {formError && <Alert>{formError}</Alert>}
      <TextField label={t("name")} name="name" value={name} onChange={(e) => setName(e.target.value)} placeholder={t("namePlaceholder")} maxLength={80} required autoFocus errors={field("name")} />
      <TextField label={t("topic")} name="topic" value={topic} onChange={(e) => setTopic(e.target.value)} placeholder={t("topicPlaceholder")} maxLength={250} errors={field("topic")} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("visibility")}</legend>
        <div className="mt-1.5 grid gap-2 sm:grid-cols-2">
          <VisibilityOption value="PUBLIC" current={visibility} onChange={setVisibility} title={t("public")} text={t("publicText")} icon={<HashIcon className="size-4" />} />
          <VisibilityOption value="PRIVATE" current={visibility} onChange={setVisibility} title={t("private")} text={t("privateText")} icon={<LockIcon className="size-4" />} />
        </div>
        {fieldErrors.visibility && <p className="mt-1 text-xs font-medium text-rose-600">{fieldErrors.visibility.join(" ")}</p>}
      </fieldset>
      <div className="flex justify-end gap-2 pt-2">
        <Button variant="secondary" onClick={onDone}>
          {tc("cancel")}
        </Button>
        <Button type="submit" pending={pending} disabled={name.trim() === ""}>
          {t("submit")}
        </Button>
      </div>
    </form>
  );
}

function VisibilityOption(props: {
  value: RoomVisibility;
  current: RoomVisibility;
  onChange: (v: RoomVisibility) => void;
  title: string;
  text: string;
  icon: ReactNode;
}) {
  const checked = props.value === props.current;
  return (
    <label
      className={cx(
        "flex cursor-pointer items-start gap-3 rounded-lg p-3 ring-1 transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-600",
        checked ? "bg-indigo-50 ring-indigo-300" : "ring-slate-200 hover:bg-slate-50",
      )}
    >
      <input type="radio" name="visibility" value={props.value} checked={checked} onChange={() => props.onChange(props.value)} className="sr-only" />
      <span className={cx("mt-0.5", checked ? "text-indigo-600" : "text-slate-400")}>{props.icon}</span>
      <span>
        <span className="block text-sm font-medium text-slate-900">{props.title}</span>
        <span className="block text-xs text-slate-500">{props.text}</span>
      </span>
    </label>
  );
}
