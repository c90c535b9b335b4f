"use client";

import { useState } from "react";
import { useCurrentUser } from "@/components/providers/CurrentUserProvider";
import { cx } from "@/components/ui/cx";
import { adminApi } from "@/lib/client/adminApi";
import { AdminTable, Badge, ErrorLine, PanelHeader, Pager, SearchBox, useLoad, when } from "./kit";
import { UserDetail } from "./UserDetail";

export function UsersPanel() {
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string | null>(null);
  const me = useCurrentUser();
  const { data, error, reload } = useLoad(() => adminApi.users(q, page), [q, page]);

  return (
    <section className="flex gap-6">
      <div className="min-w-0 flex-1">
        <PanelHeader title="Users" description="Search by name or email; select someone to moderate them.">
          <SearchBox
            label="Search users"
            value={q}
            onChange={(v) => {
              setQ(v);
              setPage(1);
            }}
          />
        </PanelHeader>
        <ErrorLine error={error} />
        <AdminTable label="Users">
          <thead className="bg-slate-50 text-left text-xs text-slate-500">
            <tr>
              <th className="px-3 py-2">Name</th>
              <th className="px-3 py-2">Email</th>
              <th className="px-3 py-2">Role</th>
              <th className="px-3 py-2">State</th>
              <th className="px-3 py-2">Joined</th>
            </tr>
          </thead>
          <tbody>
            {data?.items.map((u) => (
              <tr
                key={u.id}
                data-testid="admin-user-row"
                data-user-id={u.id}
                onClick={() => setSelected(u.id)}
                className={cx("cursor-pointer border-t border-slate-100 hover:bg-slate-50", selected === u.id && "bg-indigo-50")}
              >
                <td className="px-3 py-2 font-medium">
                  <button type="button" className="text-left hover:underline" onClick={() => setSelected(u.id)}>
                    {u.name}
                  </button>
                </td>
                <td className="px-3 py-2 text-slate-600">{u.email}</td>
                <td className="px-3 py-2">{u.role === "MEMBER" ? "Member" : <Badge tone="sky">{u.role === "ADMIN" ? "Admin" : "Moderator"}</Badge>}</td>
                <td className="space-x-1 px-3 py-2">
                  {u.ban && <Badge tone="rose">Banned</Badge>}
                  {u.mute && <Badge tone="amber">Muted</Badge>}
                </td>
                <td className="px-3 py-2 text-slate-500">{when(u.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </AdminTable>
        {data && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
      </div>
      {selected && (
        <aside className="w-[26rem] shrink-0">
          <UserDetail userId={selected} isAdmin={me.role === "ADMIN"} selfId={me.id} onChanged={reload} />
        </aside>
      )}
    </section>
  );
}
