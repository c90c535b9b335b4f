"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { adminApi } from "@/lib/client/adminApi";
import { AdminTable, ErrorLine, inputClass, PanelHeader, Pager, useLoad, useWhen } from "./kit";

const ACTIONS = ["", "user.", "user.ban", "user.mute", "user.signOut", "user.setRole", "user.purgeMessages", "room.", "report.", "wordFilter."];

export function AuditPanel() {
  const t = useTranslations("admin.audit");
  const when = useWhen();
  const [action, setAction] = useState("");
  const [targetId, setTargetId] = useState("");
  const [page, setPage] = useState(1);
  const { data, error } = useLoad(() => adminApi.audit({ action: action || undefined, targetId: targetId.trim() || undefined, page }), [action, targetId, page]);

  return (
    <section>
      <PanelHeader title={t("title")} description={t("description")}>
        <div className="flex flex-wrap gap-2">
          <select
            className={inputClass}
            aria-label={t("action")}
            value={action}
            onChange={(e) => {
              setAction(e.target.value);
              setPage(1);
            }}
          >
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a === "" ? t("all") : a.endsWith(".") ? `${a}*` : a}
              </option>
            ))}
          </select>
          <input
            className={inputClass}
            aria-label={t("targetId")}
            placeholder={t("targetId")}
            value={targetId}
            onChange={(e) => {
              setTargetId(e.target.value);
              setPage(1);
            }}
          />
        </div>
      </PanelHeader>
      <ErrorLine error={error} />
      <AdminTable label={t("title")}>
        <thead className="bg-slate-50 text-left text-xs text-slate-500">
          <tr>
            <th className="px-3 py-2">{t("when")}</th>
            <th className="px-3 py-2">{t("who")}</th>
            <th className="px-3 py-2">{t("what")}</th>
            <th className="px-3 py-2">{t("target")}</th>
            <th className="px-3 py-2">{t("reason")}</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((e) => (
            <tr key={e.id} className="border-t border-slate-100 align-top" data-testid="audit-entry">
              <td className="px-3 py-2 whitespace-nowrap text-slate-500">{when(e.createdAt)}</td>
              <td className="px-3 py-2">{e.actor.name}</td>
              <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
              <td className="px-3 py-2">
                {e.targetLabel ?? <span className="font-mono text-xs">{e.targetId}</span>}
                <span className="ml-1 text-xs text-slate-400">{e.targetType}</span>
              </td>
              <td className="px-3 py-2 text-slate-600">{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </AdminTable>
      {data && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
    </section>
  );
}
