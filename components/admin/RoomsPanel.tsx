"use client";

import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { Button } from "@/components/ui/Button";
import { cx } from "@/components/ui/cx";
import { adminApi, roomModApi } from "@/lib/client/adminApi";
import { Badge, ErrorLine, inputClass, PanelHeader, Pager, SearchBox, useAction, useLoad, useWhen } from "./kit";

export function RoomsPanel() {
  const t = useTranslations("admin.rooms");
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string | null>(null);
  const { data, error, reload } = useLoad(() => adminApi.rooms(q, page), [q, page]);

  return (
    <section className="flex gap-6">
      <div className="min-w-0 flex-1">
        <PanelHeader title={t("title")} description={t("description")}>
          <SearchBox
            label={t("search")}
            value={q}
            onChange={(v) => {
              setQ(v);
              setPage(1);
            }}
          />
        </PanelHeader>
        <ErrorLine error={error} />
        <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl bg-white text-sm shadow-sm ring-1 ring-slate-200">
          {data?.items.map((r) => (
            <li key={r.id} data-testid="admin-room-row">
              <button type="button" onClick={() => setSelected(r.id)} className={cx("flex w-full items-center gap-3 px-3 py-2 text-left hover:bg-slate-50", selected === r.id && "bg-indigo-50")}>
                <span className="min-w-0 flex-1 truncate font-medium">#{r.name}</span>
                {r.visibility === "PRIVATE" && <Badge>{t("private")}</Badge>}
                {r.locked && <Badge tone="amber">{t("locked")}</Badge>}
                {r.slowModeSeconds > 0 && <Badge tone="sky">{t("slow", { seconds: r.slowModeSeconds })}</Badge>}
                {r.archived && <Badge>{t("archived")}</Badge>}
                <span className="w-24 text-right text-slate-500 tabular-nums">{t("members", { count: r.memberCount })}</span>
                <span className="w-24 text-right text-slate-500 tabular-nums">{t("msgs", { count: r.lastSeq })}</span>
              </button>
            </li>
          ))}
        </ul>
        {data && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
      </div>
      {selected && (
        <aside className="w-[26rem] shrink-0">
          <RoomDetail
            roomId={selected}
            onChanged={reload}
            onDeleted={() => {
              setSelected(null);
              reload();
            }}
          />
        </aside>
      )}
    </section>
  );
}

function RoomDetail({ roomId, onChanged, onDeleted }: { roomId: string; onChanged: () => void; onDeleted: () => void }) {
  const t = useTranslations("admin.rooms");
  const tc = useTranslations("common");
  const when = useWhen();
  const { data, error, reload } = useLoad(() => adminApi.room(roomId), [roomId]);
  const after = useCallback(() => {
    reload();
    onChanged();
  }, [reload, onChanged]);
  const action = useAction(after);
  const [slow, setSlow] = useState<number | null>(null);
  if (error) return <ErrorLine error={error} />;
  if (!data) return <p className="text-sm text-slate-500">{tc("loading")}</p>;
  const { room, members } = data;
  const slowValue = slow ?? room.slowModeSeconds;

  return (
    <div className="space-y-4 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200" data-testid="room-detail">
      <div>
        <h2 className="text-lg font-semibold">#{room.name}</h2>
        <p className="text-slate-500">
          {t("detail", { visibility: room.visibility, created: when(room.createdAt), count: room.lastSeq })}
        </p>
      </div>
      <ErrorLine error={action.error} />
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" variant="secondary" pending={action.pending} onClick={() => action.run(() => roomModApi.lock(room.id, !room.locked))}>
          {room.locked ? t("unlock") : t("lock")}
        </Button>
        <label className="flex items-center gap-1">
          <span className="text-slate-600">{t("slowMode")}</span>
          <input type="number" min={0} max={21600} className={`${inputClass} w-20`} aria-label={t("slowModeSeconds")} value={slowValue} onChange={(e) => setSlow(Number(e.target.value))} />
          <span className="text-slate-600">{t("secondsUnit")}</span>
        </label>
        <Button size="sm" variant="secondary" pending={action.pending} onClick={() => action.run(() => roomModApi.slowMode(room.id, slowValue))}>
          {t("set")}
        </Button>
        <Button
          size="sm"
          variant="secondary"
          pending={action.pending}
          onClick={() => {
            if (room.archived || window.confirm(t("archiveConfirm", { room: room.name }))) {
              void action.run(() => roomModApi.archive(room.id, !room.archived));
            }
          }}
        >
          {room.archived ? t("unarchive") : t("archive")}
        </Button>
        <Button
          size="sm"
          variant="danger"
          pending={action.pending}
          onClick={() => {
            if (window.confirm(t("deleteConfirm", { room: room.name }))) void action.run(() => adminApi.deleteRoom(room.id)).then(onDeleted);
          }}
        >
          {t("delete")}
        </Button>
      </div>
      <div>
        <h3 className="font-semibold">{t("membersHeading", { count: members.length })}</h3>
        <ul className="mt-1 max-h-96 divide-y divide-slate-100 overflow-y-auto">
          {members.map((m) => (
            <li key={m.user.id} className="flex items-center gap-2 py-1.5" data-testid="admin-room-member">
              <span className="min-w-0 flex-1 truncate">
                {m.user.name}
                {m.role !== "MEMBER" && <span className="ml-1 text-xs text-slate-400">{m.role === "OWNER" ? t("owner") : t("moderator")}</span>}
                {m.mute && <span className="ml-1 text-xs text-amber-700">{t("mutedUntil", { until: when(m.mute.until) })}</span>}
              </span>
              {m.mute ? (
                <Button size="sm" variant="ghost" onClick={() => action.run(() => roomModApi.unmuteMember(room.id, m.user.id))}>
                  {t("unmute")}
                </Button>
              ) : (
                <Button size="sm" variant="ghost" onClick={() => action.run(() => roomModApi.muteMember(room.id, m.user.id, 60))}>
                  {t("mute1h")}
                </Button>
              )}
              <Button size="sm" variant="ghost" onClick={() => action.run(() => roomModApi.removeMember(room.id, m.user.id))}>
                {t("remove")}
              </Button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
