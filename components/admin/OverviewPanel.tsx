"use client";

/** Live numbers: subscribes with `admin:subscribe` and redraws on every `admin:overview`. */
import { useTranslations } from "next-intl";
import { useFormats } from "@/components/ui/useFormats";
import { useEffect, useState } from "react";
import { useSocket } from "@/components/providers/SocketProvider";
import type { AdminOverview } from "@/lib/shared/moderation";
import { ErrorLine, PanelHeader } from "./kit";

export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const w = 600;
  const h = 80;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? w / (values.length - 1) : w;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(h - (v / max) * (h - 4) - 2).toFixed(1)}`).join(" ");
  return (
    <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} className="h-24 w-full" preserveAspectRatio="none" data-testid="overview-chart">
      <polyline points={`0,${h} ${points} ${w},${h}`} fill="rgb(224 231 255)" stroke="none" />
      <polyline points={points} fill="none" stroke="rgb(79 70 229)" strokeWidth="2" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

function Stat({ label, value, testId }: { label: string; value: number | string; testId: string }) {
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <p className="text-xs font-medium text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </p>
    </div>
  );
}

export function OverviewPanel() {
  const t = useTranslations("admin.overview");
  const formats = useFormats();
  const { socket, state } = useSocket();
  const [overview, setOverview] = useState<AdminOverview | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!socket) return;
    const subscribe = () => {
      socket.timeout(10_000).emit("admin:subscribe", {}, (err: Error | null, ack) => {
        if (err) return setError(t("noAnswer"));
        if (ack.ok) {
          setOverview(ack.data);
          setError(null);
        } else setError(ack.error.message);
      });
    };
    socket.on("admin:overview", setOverview);
    socket.on("connect", subscribe);
    if (socket.connected) subscribe();
    return () => {
      socket.off("admin:overview", setOverview);
      socket.off("connect", subscribe);
      if (socket.connected) socket.emit("admin:unsubscribe", {});
    };
  }, [socket, t]);

  return (
    <section>
      <PanelHeader title={t("title")} description={overview ? t("descriptionInstances", { instances: overview.instances }) : t("description")}>
        <span className="text-xs text-slate-400" data-testid="overview-state">
          {state === "connected" ? (overview ? t("updated", { at: formats.time(overview.at) }) : t("loading")) : t("offline")}
        </span>
      </PanelHeader>
      <ErrorLine error={error} />
      {overview && (
        <>
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <Stat label={t("usersOnline")} value={overview.usersOnline} testId="stat-users-online" />
            <Stat label={t("sockets")} value={overview.socketsConnected} testId="stat-sockets" />
            <Stat label={t("perMinuteNow")} value={overview.messagesLastMinute} testId="stat-mpm" />
            <Stat label={t("openReports")} value={overview.openReports} testId="stat-open-reports" />
          </div>
          <div className="mt-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <p className="text-sm font-medium text-slate-700">{t("perMinute")}</p>
            <Sparkline values={overview.perMinute} label={t("sparkline", { peak: Math.max(...overview.perMinute) })} />
          </div>
          <div className="mt-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <p className="text-sm font-medium text-slate-700">{t("busiest")}</p>
            {overview.busiestRooms.length === 0 ? (
              <p className="mt-2 text-sm text-slate-500">{t("quiet")}</p>
            ) : (
              <ol className="mt-2 space-y-1 text-sm" data-testid="busiest-rooms">
                {overview.busiestRooms.map((r) => (
                  <li key={r.roomId} className="flex justify-between">
                    <span>#{r.name}</span>
                    <span className="tabular-nums text-slate-500">{r.messages}</span>
                  </li>
                ))}
              </ol>
            )}
          </div>
        </>
      )}
    </section>
  );
}
