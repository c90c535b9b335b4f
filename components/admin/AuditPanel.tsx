"use client";

import { useState } from "react";
import { adminApi } from "@/lib/client/adminApi";
import { AdminTable, ErrorLine, inputClass, PanelHeader, Pager, useLoad, when } from "./kit";

const ACTIONS = ["", "user.", "user.ban", "user.mute", "user.signOut", "user.setRole", "user.purgeMessages", "room.", "report.", "wordFilter."];

export function AuditPanel() {
  const [action, setAction] = useState("");
  const [targetId, setTargetId] = useState("");
  const [page, setPage] = useState(1);
  const { data, error } = useLoad(() => adminApi.audit({ action: action || undefined, targetId: targetId.trim() || undefined, page }), [action, targetId, page]);

  return (
    <section>
      <PanelHeader title="Audit log" description="Every moderation and admin action. Entries cannot be edited or deleted.">
        <div className="flex flex-wrap gap-2">
          <select
            className={inputClass}
            aria-label="Action"
            value={action}
            onChange={(e) => {
              setAction(e.target.value);
              setPage(1);
            }}
          >
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a === "" ? "All actions" : a.endsWith(".") ? `${a}*` : a}
              </option>
            ))}
          </select>
          <input
            className={inputClass}
            aria-label="Target id"
            placeholder="Target id"
            value={targetId}
            onChange={(e) => {
              setTargetId(e.target.value);
              setPage(1);
            }}
          />
        </div>
      </PanelHeader>
      <ErrorLine error={error} />
      <AdminTable label="Audit log">
        <thead className="bg-slate-50 text-left text-xs text-slate-500">
          <tr>
            <th className="px-3 py-2">When</th>
            <th className="px-3 py-2">Who</th>
            <th className="px-3 py-2">What</th>
            <th className="px-3 py-2">Target</th>
            <th className="px-3 py-2">Reason</th>
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
