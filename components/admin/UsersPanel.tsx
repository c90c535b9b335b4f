"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useCurrentUser } from "@/components/providers/CurrentUserProvider";
import { cx } from "@/components/ui/cx";
import { adminApi } from "@/lib/client/adminApi";
import { AdminTable, Badge, ErrorLine, PanelHeader, Pager, SearchBox, useLoad, useWhen } from "./kit";
import { UserDetail } from "./UserDetail";

export function UsersPanel() {
  const t = useTranslations("admin.users");
  const when = useWhen();
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string | null>(null);
  const me = useCurrentUser();
  const { data, error, reload } = useLoad(() => adminApi.users(q, page), [q, page]);

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
        <AdminTable label={t("title")}>
          <thead className="bg-slate-50 text-left text-xs text-slate-500">
            <tr>
              <th className="px-3 py-2">{t("name")}</th>
              <th className="px-3 py-2">{t("email")}</th>
              <th className="px-3 py-2">{t("role")}</th>
              <th className="px-3 py-2">{t("state")}</th>
              <th className="px-3 py-2">{t("joined")}</th>
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
                <td className="px-3 py-2">{u.role === "MEMBER" ? t("member") : <Badge tone="sky">{u.role === "ADMIN" ? t("admin") : t("moderator")}</Badge>}</td>
                <td className="space-x-1 px-3 py-2">
                  {u.ban && <Badge tone="rose">{t("banned")}</Badge>}
                  {u.mute && <Badge tone="amber">{t("muted")}</Badge>}
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
