"use client";

/**
 * The signed-in user's corner of the sidebar: name, status (online / away / do not disturb)
 * the profile dialog and the Sessions page. Away is automatic: after 5 idle minutes in every tab, back to online
 * on the next activity; do not disturb is chosen and stays until changed.
 */
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useCallback, useContext, useEffect, useRef, useState } from "react";
import { useCurrentUser } from "@/components/providers/CurrentUserProvider";
import { Alert } from "@/components/ui/Alert";
import { Avatar, AvatarUrls } from "@/components/ui/Avatar";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { TextField } from "@/components/ui/TextField";
import { ThemeChoice } from "@/components/settings/ThemeChoice";
import { LanguageChoice } from "@/components/settings/LanguageChoice";
import { SaveCancel, useSubmit } from "@/components/ui/useSubmit";
import { api, isApiError } from "@/lib/client/api";
import { uploadAvatar } from "@/lib/client/uploads";
import { watchIdle } from "@/lib/client/idle";
import type { UserStatus } from "@/lib/shared/types";
import { usePeople } from "@/components/providers/PeopleProvider";
import { useDismiss } from "@/components/ui/useDismiss";


export function ProfileMenu() {
  const t = useTranslations("profile");
  const ts = useTranslations("status");
  const user = useCurrentUser();
  const people = usePeople();
  const { noteStatus } = people;
  const [status, setStatusState] = useState<UserStatus>("ONLINE");
  const [menuOpen, setMenuOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  useDismiss(menuRef, menuOpen, () => setMenuOpen(false));
  const [editing, setEditing] = useState(false);
  const statusRef = useRef<UserStatus>("ONLINE");
  const name = people.nameOf(user.id, user.name);

  const apply = useCallback(
    (next: UserStatus) => {
      statusRef.current = next;
      setStatusState(next);
      noteStatus(user.id, next);
      api.setStatus(next).catch(() => undefined);
    },
    [user.id, noteStatus],
  );

  // A status left at AWAY by an earlier visit is stale: this visit is active.
  useEffect(() => {
    api.myStatus().then(
      (s) => {
        if (s === "AWAY") apply("ONLINE");
        else {
          statusRef.current = s;
          setStatusState(s);
          noteStatus(user.id, s);
        }
      },
      () => undefined,
    );
  }, [apply, noteStatus, user.id]);

  // The status set in another tab (or by the idle timer there) arrives as `user:status`: follow
  // it, so this tab shows it and its idle timer never turns "do not disturb" into "away".
  const heard = people.statusOf(user.id);
  useEffect(() => {
    if (!heard || heard === statusRef.current) return;
    statusRef.current = heard;
    setStatusState(heard);
  }, [heard]);

  useEffect(
    () =>
      watchIdle((idle) => {
        if (idle && statusRef.current === "ONLINE") apply("AWAY");
        else if (!idle && statusRef.current === "AWAY") apply("ONLINE");
      }),
    [apply],
  );

  return (
    <div ref={menuRef} className="relative min-w-0 flex-1">
      <button
        type="button"
        onClick={() => setMenuOpen((o) => !o)}
        aria-expanded={menuOpen}
        aria-haspopup="menu"
        data-testid="profile-button"
        className="flex w-full min-w-0 items-center gap-3 rounded-md text-left focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        {/* Its presence dot repeats the status the text says. */}
        <span aria-hidden="true" className="inline-flex shrink-0">
          <Avatar id={user.id} name={name} avatarUrl={user.avatarUrl} online status={status} />
        </span>
        <span className="min-w-0 flex-1">
          {/* Named by what it shows (name, status), after this prefix. */}
          <span className="sr-only">{t("buttonPrefix")}</span>
          <span className="block truncate text-sm font-medium text-slate-900" data-testid="current-user-name">
            {name}
          </span>
          <span className="sr-only">{t("separator")}</span>
          <span className="block truncate text-xs text-slate-500" data-testid="current-user-status">
            {ts(status)}
          </span>
        </span>
      </button>
      {menuOpen && (
        <div role="menu" aria-label={t("statusMenu")} className="absolute bottom-full left-0 z-50 mb-2 w-56 rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200">
          {(["ONLINE", "DND"] as const).map((s) => (
            <button
              key={s}
              type="button"
              role="menuitemradio"
              aria-checked={status === s}
              onClick={() => {
                apply(s);
                setMenuOpen(false);
              }}
              className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
            >
              <span className={`size-2.5 rounded-full ${s === "ONLINE" ? "bg-emerald-500" : "bg-rose-500"}`} aria-hidden="true" />
              {ts(s)}
              {status === s && <span className="ml-auto text-xs text-slate-400">{t("current")}</span>}
            </button>
          ))}
          <div className="my-1 h-px bg-slate-100" />
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setMenuOpen(false);
              setEditing(true);
            }}
            className="flex w-full items-center rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
          >
            {t("editMenuItem")}
          </button>
          <Link
            href="/settings/sessions"
            role="menuitem"
            onClick={() => setMenuOpen(false)}
            className="flex w-full items-center rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
          >
            {t("sessionsMenuItem")}
          </Link>
          <Link
            href="/settings/email"
            role="menuitem"
            onClick={() => setMenuOpen(false)}
            className="flex w-full items-center rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
          >
            {t("emailMenuItem")}
          </Link>
          <Link
            href="/settings/security"
            role="menuitem"
            onClick={() => setMenuOpen(false)}
            className="flex w-full items-center rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
          >
            {t("securityMenuItem")}
          </Link>
          <Link
            href="/settings/data"
            role="menuitem"
            onClick={() => setMenuOpen(false)}
            className="flex w-full items-center rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
          >
            {t("dataMenuItem")}
          </Link>
        </div>
      )}
      <Dialog open={editing} onClose={() => setEditing(false)} title={t("editTitle")}>
        {editing && <ProfileForm current={name} onDone={() => setEditing(false)} />}
      </Dialog>
    </div>
  );
}

function ProfileForm({ current, onDone }: { current: string; onDone: () => void }) {
  const t = useTranslations("profile");
  const user = useCurrentUser();
  const { noteName } = usePeople();
  const [name, setName] = useState(current);
  const { pending, error, submit: save } = useSubmit(async () => {
    const updated = await api.updateProfile(name);
    noteName(user.id, updated.name);
    onDone();
  }, t("saveFailed"));

  return (
    <form onSubmit={save} noValidate className="space-y-4" aria-label={t("editTitle")}>
      {error && <Alert>{error}</Alert>}
      <div className="flex items-center gap-3">
        <Avatar id={user.id} name={name.trim() || current} avatarUrl={user.avatarUrl} />
        <AvatarPicker userId={user.id} />
      </div>
      <TextField label={t("displayName")} value={name} onChange={(e) => setName(e.target.value)} maxLength={50} required autoFocus />
      <ThemeChoice />
      <LanguageChoice />
      <SaveCancel onCancel={onDone} pending={pending} disabled={name.trim() === ""} />
    </form>
  );
}

/** Upload (cropped to a square by the server) or remove the profile picture; live for everyone. */
function AvatarPicker({ userId }: { userId: string }) {
  const t = useTranslations("profile");
  const { noteAvatar } = usePeople();
  const known = useContext(AvatarUrls).get(userId);
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function pick(file: File) {
    setError(null);
    setProgress(0);
    try {
      const { avatarUrl } = await uploadAvatar(file, setProgress).done;
      noteAvatar(userId, avatarUrl);
    } catch (e) {
      setError(isApiError(e) ? e.message : t("uploadFailed"));
    } finally {
      setProgress(null);
    }
  }

  async function remove() {
    setError(null);
    try {
      await api.removeAvatar();
      noteAvatar(userId, null);
    } catch (e) {
      setError(isApiError(e) ? e.message : t("removeFailed"));
    }
  }

  return (
    <div className="min-w-0 flex-1 text-xs">
      <input
        ref={input}
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        hidden
        data-testid="avatar-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) void pick(file);
        }}
      />
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" onClick={() => input.current?.click()} pending={progress !== null}>
          {progress !== null ? t("uploading", { progress }) : t("uploadPicture")}
        </Button>
        {known !== null && (
          <Button size="sm" variant="ghost" onClick={() => void remove()}>
            {t("removePicture")}
          </Button>
        )}
      </div>
      {error ? (
        <p role="alert" className="mt-1 text-rose-700">
          {error}
        </p>
      ) : (
        <p className="mt-1 text-slate-500">{t("pictureHint")}</p>
      )}
    </div>
  );
}
