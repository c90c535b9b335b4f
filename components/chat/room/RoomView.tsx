"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useCurrentUser } from "@/components/providers/CurrentUserProvider";
import { useDraftStore } from "@/components/providers/DraftsProvider";
import { useRoomSync, useRoomSyncRegistry } from "@/components/providers/RoomSyncProvider";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { cx } from "@/components/ui/cx";
import { useMediaQuery } from "@/components/ui/useMediaQuery";
import { HashIcon } from "@/components/ui/icons";
import { api, ApiError, isApiError } from "@/lib/client/api";
import type { AttachmentDTO, MessageDTO, RoomDTO, RoomFirstPaint } from "@/lib/shared/types";
import { Composer } from "../composer/Composer";
import { ConversationContext, type ConversationActions } from "@/components/providers/ConversationContext";
import { MemberList } from "./MemberList";
import { MessageActionsProvider } from "@/components/providers/MessageActionsContext";
import { MessageList, type MessageListHandle } from "../message/MessageList";
import { PinnedPanel } from "./PinnedPanel";
import { RoomHeader } from "./RoomHeader";
import { useRooms } from "@/components/providers/RoomsProvider";
import { ThreadPanel } from "./ThreadPanel";
import { TypingLine } from "../message/TypingLine";
import { usePeople } from "@/components/providers/PeopleProvider";
import { RoomManagement, useRoomSettingsEvents } from "./RoomManagement";
import { useRoomMembers } from "./useRoomMembers";
import { useDocumentTitle } from "../shell/useDocumentTitle";
import { useMarkRead } from "./useMarkRead";
import { NotificationToggle } from "../sidebar/NotificationToggle";
import { isThreadOnly } from "@/lib/client/timeline";
import { useMessageJump } from "../message/useMessageJump";
import { MemberModActions } from "@/components/moderation/MemberModActions";
import { RoomModMenu } from "@/components/moderation/RoomModMenu";
import { composerBlockedReason, composerHint, useRoomModeration } from "@/components/moderation/useRoomModeration";
import { rememberLastRoom } from "@/lib/client/lastRoom";
import { dmMemberNames, dmOthers, roomTitle } from "@/lib/client/rooms";
import { RenameDmDialog } from "./RenameDmDialog";
import { IconButton } from "@/components/ui/Button";
import { PencilIcon } from "@/components/ui/icons";
import { useRoomEscape } from "./useRoomEscape";
import { ProfileCardProvider } from "../people/ProfileCard";
import { useDmLastSeen } from "../people/useDmLastSeen";

/**
 * `/chat/[roomId]`: the room if we are a member, a join prompt if it is public, else not found.
 * `initial`: the room and its newest page as the server rendered them with the page (then
 * neither is fetched again: the sync holds the page and catches up from its seq on join).
 */
export function RoomView({ roomId, initial }: { roomId: string; initial?: RoomFirstPaint }) {
  const { rooms, upsert } = useRooms();
  const [fetched, setFetched] = useState<RoomDTO | null>(initial && "room" in initial ? initial.room : null);
  const [error, setError] = useState<ApiError | null>(initial && "error" in initial ? new ApiError(initial.error.code, initial.error.message, 0) : null);
  const listed = rooms?.find((r) => r.id === roomId) ?? null;
  const room = fetched ?? listed;
  const registry = useRoomSyncRegistry();
  useState(() => {
    if (initial && "room" in initial && initial.page) registry.get(roomId).seed(initial.page);
  });

  useEffect(() => {
    if (initial) return;
    const controller = new AbortController();
    api.getRoom(roomId, controller.signal).then(setFetched, (e: unknown) => {
      if (!controller.signal.aborted && isApiError(e)) setError(e);
    });
    return () => controller.abort();
  }, [roomId, initial]);

  const t = useTranslations("room");
  const user = useCurrentUser();
  const people = usePeople();
  const title = room ? roomTitle(room, user.id, (u) => people.nameOf(u.id, u.name)) : "";
  useDocumentTitle(room ? (room.kind === "DM" ? t("documentTitleDm", { title }) : t("documentTitle", { title })) : null);
  // Leaving the chat (e.g. for the admin pages): no room title left behind.
  useEffect(
    () => () => {
      document.title = "Parley";
    },
    [],
  );

  if (!room && error) return <RoomUnavailable error={error} />;
  if (!room) return <RoomSkeleton />;
  if (!room.membership) {
    return (
      <JoinPrompt
        room={room}
        onJoined={(joined) => {
          upsert(joined);
          setFetched(joined);
        }}
      />
    );
  }
  return <ActiveRoom room={room} title={title} onChanged={setFetched} />;
}

function ActiveRoom({ room, title, onChanged: onRoomChanged }: { room: RoomDTO; title: string; onChanged: (room: RoomDTO) => void }) {
  const t = useTranslations("room");
  const tm = useTranslations("moderation.composer");
  const user = useCurrentUser();
  const router = useRouter();
  const registry = useRoomSyncRegistry();
  const { rooms, markLeft, upsert } = useRooms();
  const people = usePeople();
  const isDm = room.kind === "DM";
  const [renaming, setRenaming] = useState(false);
  // The list's copy is kept live (read state, "seen by"); the fetched one is as of opening.
  const live = rooms?.find((r) => r.id === room.id && r.membership) ?? room;
  const isGroupDm = isDm && (live.dmMembers?.length ?? 0) > 2;
  const lastReadSeq = live.membership?.lastReadSeq ?? 0;
  // "New messages" stays where it was when the room was opened, however far reading goes.
  const [opened, setOpened] = useState(() => ({ roomId: room.id, unreadAfter: (live.membership?.unreadCount ?? 0) > 0 ? lastReadSeq : null }));
  if (opened.roomId !== room.id) setOpened({ roomId: room.id, unreadAfter: (live.membership?.unreadCount ?? 0) > 0 ? lastReadSeq : null });
  const unreadAfterSeq = opened.roomId === room.id ? opened.unreadAfter : null;
  const onNewestSeen = useMarkRead(room.id, lastReadSeq);
  useEffect(() => rememberLastRoom(room.id), [room.id]);
  useRoomSettingsEvents(room, onRoomChanged);
  const { sync, snapshot } = useRoomSync(room.id);
  const { members, error: membersError } = useRoomMembers(room.id);
  const { state: moderation } = useRoomModeration(room.id);
  // null: the default for the screen size (shown on wide screens, hidden on narrow ones); the
  // classes below apply that default in CSS so the server-rendered layout is already right.
  const [membersPref, setMembersPref] = useState<boolean | null>(null);
  const wide = useMediaQuery("(min-width: 1024px)");
  const membersShown = membersPref ?? wide;
  const [leaving, setLeaving] = useState(false);
  const [leaveError, setLeaveError] = useState<string | null>(null);
  // The side panel of threads and pins (while open, it takes the members panel's place).
  const [panel, setPanel] = useState<{ kind: "thread"; rootId: string } | { kind: "pins" } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const role = room.membership?.role;
  const canPin = role === "OWNER" || role === "MODERATOR" || user.role === "ADMIN" || user.role === "MODERATOR";
  const conversation = useMemo<ConversationActions>(() => {
    const apply = (p: Promise<MessageDTO>, what: "addReaction" | "removeReaction" | "pin" | "unpin") =>
      p.then(
        (m) => {
          setActionError(null);
          sync.receiveUpdate(m);
        },
        (e: unknown) => setActionError(t(`actionFailed.${what}`, { reason: isApiError(e) ? e.message : t("somethingWrong") })),
      );
    return {
      roomId: room.id,
      selfId: user.id,
      canPin,
      canPost: !room.archived,
      openThread: (rootId) => setPanel({ kind: "thread", rootId }),
      setReaction: (messageId, emoji, on) => void apply(api.setReaction(room.id, messageId, emoji, on), on ? "addReaction" : "removeReaction"),
      setPinned: (messageId, pinned) => void apply(api.setPin(room.id, messageId, pinned), pinned ? "pin" : "unpin"),
    };
  }, [room.id, room.archived, user.id, canPin, sync, t]);
  const closePanel = useCallback(() => setPanel(null), []);
  const listRef = useRef<MessageListHandle>(null);
  const openThreadPanel = useCallback((rootId: string) => setPanel({ kind: "thread", rootId }), []);
  const jump = useMessageJump(sync, room.id, listRef, openThreadPanel);
  const onLoadNewer = useCallback(() => void sync.loadNewer(), [sync]);
  const onThreadStored = useCallback((m: MessageDTO) => sync.receive(m), [sync]);

  const names = useMemo(() => new Map((members ?? []).map((m) => [m.user.id, m.user.name])), [members]);
  const mentionCandidates = useMemo(() => (members ?? []).filter((m) => m.user.id !== user.id).map((m) => m.user), [members, user.id]);
  const seenBy = useMemo(() => {
    if (!isDm || !live.dmReads) return null;
    const lastOwn = snapshot.log.messages.findLast((m) => m.author.id === user.id && !isThreadOnly(m));
    if (!lastOwn) return null;
    const readers = (live.dmMembers ?? []).filter((u) => u.id !== user.id && (live.dmReads?.[u.id] ?? 0) >= lastOwn.seq);
    return { seq: lastOwn.seq, names: readers.map((u) => people.nameOf(u.id, u.name)) };
  }, [isDm, live.dmReads, live.dmMembers, snapshot.log.messages, user.id, people]);
  const memberCount = members?.length ?? room.memberCount;
  // A DM with someone offline says when they were last seen, where a room shows its topic.
  const dmLastSeen = useDmLastSeen(live, user.id, snapshot.online);
  const onlineSet = useMemo(() => new Set(snapshot.online), [snapshot.online]);

  const toggleMembers = () => setMembersPref(!membersShown);

  const [confirmingLeave, setConfirmingLeave] = useState(false);
  const leave = async () => {
    setLeaving(true);
    try {
      await api.leaveRoom(room.id);
      registry.forget(room.id);
      markLeft(room.id);
      router.push("/chat");
    } catch (e) {
      setLeaveError(isApiError(e) ? e.message : t("leaveFailed"));
      setLeaving(false);
      setConfirmingLeave(false);
    }
  };
  // Escape with nothing else open: the room counts as read up to its newest message.
  const newestSeq = snapshot.log.messages.at(-1)?.seq ?? 0;
  useRoomEscape({
    closePanel: panel ? closePanel : null,
    closeMembers: membersShown && (membersPref === true || !wide) ? () => setMembersPref(false) : null,
    markRead: () => {
      // (Not while the list is a window opened on older history: its newest is not the room's.)
      if (newestSeq > 0 && !snapshot.hasMoreNewer) onNewestSeen(newestSeq);
    },
  });
  const onEditLast = useCallback(() => listRef.current?.editLastOwn() ?? false, []);

  const onLoadOlder = useCallback(() => void sync.loadOlder(), [sync]);
  const onRetry = useCallback((clientId: string) => sync.retry(clientId), [sync]);
  const onDiscard = useCallback((clientId: string) => sync.discard(clientId), [sync]);
  const onRetryLoad = useCallback(() => sync.retryLoad(), [sync]);
  const onSend = useCallback(
    (body: string, attachments: AttachmentDTO[]) => {
      sync.dismissRefused();
      void sync.send(body, attachments);
    },
    [sync],
  );
  const onDismissRefused = useCallback(() => sync.dismissRefused(), [sync]);
  // A send refused for good: its text goes back into the composer (before anything typed since).
  const drafts = useDraftStore();
  const refused = snapshot.refused;
  useEffect(() => {
    if (!refused || refused.returned || !drafts) return;
    const draft = drafts.get({ roomId: room.id });
    drafts.set({ roomId: room.id }, draft.trim() ? `${refused.body}\n${draft}` : refused.body);
    sync.markRefusedReturned(refused.clientId);
  }, [refused, drafts, sync, room.id]);
  // Slow mode: when this reader may send next (from their newest message here, sent or on its way).
  const slowModeUntil = useMemo(() => {
    const seconds = moderation && !moderation.exempt ? moderation.slowModeSeconds : 0;
    if (seconds <= 0) return null;
    const own = [...snapshot.log.messages.filter((m) => m.author.id === user.id), ...snapshot.log.pending];
    const last = Math.max(0, ...own.map((m) => Date.parse(m.createdAt)).filter(Number.isFinite));
    return last > 0 ? last + seconds * 1000 : null;
  }, [moderation, snapshot.log.messages, snapshot.log.pending, user.id]);
  const onChanged = useCallback((message: MessageDTO) => sync.receiveUpdate(message), [sync]);
  const canModerate = room.membership?.role === "OWNER" || room.membership?.role === "MODERATOR" || user.role !== "MEMBER";
  const onMessagePerson = useCallback(
    async (userId: string) => {
      try {
        const dm = await api.openDm([userId]);
        upsert(dm);
        router.push(`/chat/${dm.id}`);
      } catch (e) {
        window.alert(isApiError(e) ? e.message : t("openDmFailed"));
      }
    },
    [upsert, router, t],
  );

  const membersShownClass = panel ? "hidden" : membersPref === null ? "hidden lg:flex" : membersPref ? "flex" : "hidden";
  const membersOpenNarrow = membersPref === true;

  return (
    <ConversationContext.Provider value={conversation}>
      <ProfileCardProvider online={snapshot.online} selfId={user.id} onMessage={onMessagePerson}>
      <div className="flex min-h-0 flex-1">
        <section className="flex min-w-0 flex-1 flex-col" aria-label={isDm ? title : `#${room.name}`}>
          {!room.archived && (
            <a
              href="#composer"
              onClick={(e) => {
                e.preventDefault();
                e.currentTarget.closest("section")?.querySelector<HTMLTextAreaElement>('[data-testid="composer-input"]')?.focus();
              }}
              className="sr-only z-50 rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-on-accent focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
            >
              {t("skipToComposer")}
            </a>
          )}
          <RoomHeader
            room={{ ...room, name: title, topic: isDm ? (live.dmName ? dmMemberNames(live, user.id, (u) => people.nameOf(u.id, u.name)) : null) : room.topic }}
            memberCount={memberCount}
            membersOpen={membersShown && !panel}
            onToggleMembers={() => {
              setPanel(null);
              toggleMembers();
            }}
            onLeave={isDm && !isGroupDm ? undefined : () => setConfirmingLeave(true)}
            leaving={leaving}
            actions={
              isGroupDm ? (
                <>
                  <IconButton label={t("renameDmButton")} onClick={() => setRenaming(true)} data-testid="rename-dm">
                    <PencilIcon className="size-[18px]" />
                  </IconButton>
                  <RenameDmDialog open={renaming} room={live} members={dmMemberNames(live, user.id, (u) => people.nameOf(u.id, u.name))} onClose={() => setRenaming(false)} onChanged={onRoomChanged} />
                </>
              ) : (
                <RoomManagement room={room} canModerate={canModerate} onChanged={onRoomChanged} />
              )
            }
            pinsOpen={panel?.kind === "pins"}
            onTogglePins={() => setPanel(panel?.kind === "pins" ? null : { kind: "pins" })}
            dm={isDm ? { people: dmOthers(live, user.id), online: onlineSet, lastSeen: dmLastSeen } : undefined}
            extra={
              <>
                <NotificationToggle roomId={room.id} muted={live.membership?.notificationsMuted ?? false} />
                {moderation?.canModerate ? <RoomModMenu roomId={room.id} state={moderation} /> : null}
              </>
            }
          />
          <ConfirmDialog
            open={confirmingLeave}
            title={isDm ? t("leaveDmTitle") : t("leaveRoomTitle", { room: room.name })}
            description={isDm ? t("leaveDmDescription") : room.visibility === "PRIVATE" ? t("leavePrivateDescription") : t("leavePublicDescription")}
            confirmLabel={isDm ? t("leaveDmConfirm") : t("leaveRoomConfirm")}
            danger
            pending={leaving}
            onConfirm={() => void leave()}
            onCancel={() => setConfirmingLeave(false)}
          />
          {leaveError && (
            <Alert className="mx-4 mt-2">
              {leaveError}
            </Alert>
          )}
          {actionError && (
            <Alert className="mx-4 mt-2">
              {actionError}
            </Alert>
          )}
          <MessageActionsProvider selfId={user.id} canModerate={canModerate} readOnly={room.archived} onChanged={onChanged}>
            <MessageList
              roomName={title}
              dmPeople={isDm ? dmOthers(live, user.id) : null}
              snapshot={snapshot}
              selfId={user.id}
              onLoadOlder={onLoadOlder}
              onRetry={onRetry}
              onDiscard={onDiscard}
              onRetryLoad={onRetryLoad}
              unreadAfterSeq={unreadAfterSeq}
              seenBy={seenBy}
              onNewestSeen={onNewestSeen}
              onLoadNewer={onLoadNewer}
              onJumpToLatest={jump.jumpToLatest}
              highlightSeq={jump.highlightSeq}
              ref={listRef}
            />
          </MessageActionsProvider>
          <TypingLine typing={snapshot.typing} selfId={user.id} names={names} />
          {room.archived ? (
            <p className="shrink-0 border-t border-slate-200 bg-slate-50 px-6 py-4 text-center text-sm text-slate-600" data-testid="archived-notice">
              {t("archivedNotice")}
            </p>
          ) : (
            <Composer
              roomId={room.id}
              roomName={room.name}
              onSend={onSend}
              label={isDm ? t("messagePerson", { title }) : undefined}
              blockedReason={composerBlockedReason(moderation, tm)}
              hint={composerHint(moderation, tm)}
              slowModeUntil={slowModeUntil}
              refused={refused}
              onDismissRefusal={onDismissRefused}
              mentionCandidates={mentionCandidates}
              onEditLast={onEditLast}
            />
          )}
        </section>
        {membersOpenNarrow && <div className="fixed inset-0 z-30 bg-black/50 lg:hidden" aria-hidden="true" onClick={() => setMembersPref(false)} />}
        <aside
          id="room-members"
          aria-label={t("membersPanel")}
          className={cx(
            "w-72 shrink-0 flex-col border-l border-slate-200 bg-slate-50/60",
            membersShownClass,
            "max-lg:fixed max-lg:inset-y-0 max-lg:right-0 max-lg:z-40 max-lg:bg-white max-lg:shadow-xl",
          )}
        >
          <MemberList
            members={members}
            online={snapshot.online}
            selfId={user.id}
            error={membersError}
            onClose={() => setMembersPref(false)}
            memberActions={moderation?.canModerate ? (m) => (m.user.id === user.id ? null : <MemberModActions roomId={room.id} userId={m.user.id} name={m.user.name} />) : undefined}
            onMessage={onMessagePerson}
          />
        </aside>
        {panel && (
          <aside
            aria-label={panel.kind === "thread" ? t("threadPanel") : t("pinsPanel")}
            className="flex w-96 max-w-full shrink-0 flex-col border-l border-slate-200 bg-white max-lg:fixed max-lg:inset-y-0 max-lg:right-0 max-lg:z-40 max-lg:shadow-xl"
          >
            {panel.kind === "thread" ? (
              <ThreadPanel key={panel.rootId} roomId={room.id} roomName={isDm ? title : `#${room.name}`} rootId={panel.rootId} onClose={closePanel} onStored={onThreadStored} />
            ) : (
              <PinnedPanel roomId={room.id} onClose={closePanel} />
            )}
          </aside>
        )}
      </div>
      </ProfileCardProvider>
    </ConversationContext.Provider>
  );
}

function JoinPrompt({ room, onJoined }: { room: RoomDTO; onJoined: (room: RoomDTO) => void }) {
  const t = useTranslations("room.join");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const join = async () => {
    setPending(true);
    setError(null);
    try {
      onJoined(await api.joinRoom(room.id));
    } catch (e) {
      setError(isApiError(e) ? e.message : t("failed"));
      setPending(false);
    }
  };
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <RoomHeader room={room} />
      <div className="flex flex-1 items-center justify-center p-6">
        <div className="max-w-sm text-center">
          <span className="inline-flex size-12 items-center justify-center rounded-xl bg-indigo-50 text-indigo-600">
            <HashIcon className="size-6" />
          </span>
          <h2 className="mt-3 text-lg font-semibold text-slate-900">#{room.name}</h2>
          {room.topic && <p className="mt-1 text-sm text-slate-600">{room.topic}</p>}
          <p className="mt-1 text-sm text-slate-500">
            {t("prompt", { count: room.memberCount })}
          </p>
          {error && <Alert className="mt-4">{error}</Alert>}
          <Button className="mt-5" onClick={join} pending={pending}>
            {t("button")}
          </Button>
        </div>
      </div>
    </div>
  );
}

function RoomUnavailable({ error }: { error: ApiError }) {
  const t = useTranslations("room.unavailable");
  const missing = error.code === "NOT_FOUND" || error.code === "FORBIDDEN" || error.code === "VALIDATION_FAILED";
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <RoomHeader room={{ name: missing ? t("notFoundTitle") : t("title"), topic: null, visibility: "PUBLIC" }} />
      <div className="flex flex-1 items-center justify-center p-6 text-center">
        <div>
          <p className="text-sm text-slate-600">{missing ? t("notFound") : error.message}</p>
          <Link href="/chat" className="mt-3 inline-block text-sm font-semibold text-indigo-600 hover:text-indigo-500">
            {t("back")}
          </Link>
        </div>
      </div>
    </div>
  );
}

function RoomSkeleton() {
  return (
    <div className="flex min-h-0 flex-1 flex-col" aria-busy="true">
      <div className="flex h-14 items-center border-b border-slate-200 px-4">
        <div className="h-4 w-40 animate-pulse rounded bg-slate-200" />
      </div>
      <div className="flex-1 space-y-5 p-6">
        {[0, 1, 2].map((i) => (
          <div key={i} className="flex gap-3">
            <div className="size-9 animate-pulse rounded-lg bg-slate-200" />
            <div className="flex-1 space-y-2">
              <div className="h-3 w-32 animate-pulse rounded bg-slate-200" />
              <div className="h-3 w-3/4 animate-pulse rounded bg-slate-100" />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
