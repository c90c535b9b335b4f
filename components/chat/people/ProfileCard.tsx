"use client";

/**
 * The profile card: a click on a person's name or avatar (a message's author, the member list)
 * opens it with their avatar, name, status (or when they were last seen), their local time and
 * "Message" (opens or creates the DM). A modal dialog: Escape closes it and the focus goes back
 * to what opened it. The room view provides who is online and how to open a DM.
 */
import { useLocale, useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { usePeople } from "@/components/providers/PeopleProvider";
import { Avatar } from "@/components/ui/Avatar";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { cx } from "@/components/ui/cx";
import { api, isApiError } from "@/lib/client/api";
import { localTimeIn } from "@/lib/client/lastSeen";
import { useLastSeenLabel } from "./useLastSeenLabel";
import type { PublicProfile } from "@/lib/shared/types";

interface ProfileCardContextValue {
  open(userId: string, name: string): void;
}

const ProfileCardContext = createContext<ProfileCardContextValue | null>(null);

export function ProfileCardProvider({
  online,
  selfId,
  onMessage,
  children,
}: {
  online: readonly string[];
  selfId: string;
  onMessage: (userId: string) => void;
  children: ReactNode;
}) {
  const [shown, setShown] = useState<{ userId: string; name: string } | null>(null);
  const value = useMemo<ProfileCardContextValue>(() => ({ open: (userId, name) => setShown({ userId, name }) }), []);
  const close = useCallback(() => setShown(null), []);
  return (
    <ProfileCardContext.Provider value={value}>
      {children}
      <Dialog open={shown !== null} onClose={close} title={shown?.name ?? ""}>
        {shown && (
          <ProfileDetails
            key={shown.userId}
            userId={shown.userId}
            name={shown.name}
            online={online.includes(shown.userId)}
            self={shown.userId === selfId}
            onMessage={() => {
              close();
              onMessage(shown.userId);
            }}
          />
        )}
      </Dialog>
    </ProfileCardContext.Provider>
  );
}

function ProfileDetails({ userId, name, online, self, onMessage }: { userId: string; name: string; online: boolean; self: boolean; onMessage: () => void }) {
  const t = useTranslations("people.card");
  const ts = useTranslations("status");
  const locale = useLocale();
  const lastSeenLabel = useLastSeenLabel();
  const people = usePeople();
  const [profile, setProfile] = useState<PublicProfile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const controller = new AbortController();
    api.userProfile(userId, controller.signal).then(setProfile, (e: unknown) => {
      if (!controller.signal.aborted) setError(isApiError(e) ? e.message : t("loadFailed"));
    });
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [userId, t]);

  const shownName = people.nameOf(userId, profile?.name ?? name);
  const status = people.statusOf(userId, profile?.status) ?? "ONLINE";
  const localTime = localTimeIn(profile?.timeZone ?? null, now, locale);
  const seen = lastSeenLabel(profile?.lastSeenAt ?? null, now);
  return (
    <div data-testid="profile-card" data-user-id={userId}>
      <div className="flex items-center gap-3">
        <span className="origin-left scale-150 p-1">
          <Avatar id={userId} name={shownName} avatarUrl={profile?.avatarUrl ?? null} online={online} status={status} />
        </span>
        <div className="ml-4 min-w-0">
          <p data-testid="profile-presence" className={cx("text-sm font-medium", online ? "text-emerald-700" : "text-slate-500")}>
            {online ? ts(status) : seen ? t("offlineSeen", { seen }) : ts("OFFLINE")}
          </p>
          {localTime && (
            <p data-testid="profile-local-time" className="text-sm text-slate-600">
              {t("localTime", { time: localTime })}
            </p>
          )}
        </div>
      </div>
      {error && <p className="mt-3 text-sm text-rose-600">{error}</p>}
      {!self && (
        <Button className="mt-5 w-full" onClick={onMessage}>
          {t("message")}
        </Button>
      )}
    </div>
  );
}

/**
 * A person's name or avatar that opens their profile card; plain content outside a room view.
 */
export function PersonButton({
  userId,
  name,
  decorative = false,
  className,
  children,
}: {
  userId: string;
  name: string;
  /**
   * A second way to the same card for pointers (the avatar beside the name): out of the tab
   * order and hidden from assistive technology, which reach the card through the name.
   */
  decorative?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const card = useContext(ProfileCardContext);
  if (!card) return <span className={className}>{children}</span>;
  return (
    <button
      type="button"
      // The visible name is the button's name.
      aria-haspopup="dialog"
      {...(decorative ? { "aria-hidden": true, tabIndex: -1, "data-testid": "person-avatar-button" } : {})}
      onClick={(e) => {
        e.stopPropagation();
        card.open(userId, name);
      }}
      className={cx("cursor-pointer rounded text-left hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600", className)}
    >
      {children}
    </button>
  );
}
