"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { adminApi } from "@/lib/client/adminApi";
import type { AdminMessageDTO } from "@/lib/shared/moderation";
import { ErrorLine, PanelHeader, Pager, SearchBox, useAction, useLoad, useWhen } from "./kit";

export function MessageLine({ m, highlight = false }: { m: AdminMessageDTO; highlight?: boolean }) {
  const t = useTranslations("admin.messages");
  const when = useWhen();
  return (
    <span className={highlight ? "font-medium text-slate-900" : "text-slate-600"}>
      <span className="text-xs text-slate-400">
        #{m.roomName} · {m.author.name} · {when(m.createdAt)}
      </span>
      <br />
      {m.deleted ? <em className="text-slate-400">{t("removed")}</em> : m.body}
    </span>
  );
}

export function MessagesPanel() {
  const t = useTranslations("admin.messages");
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const { data, error, reload } = useLoad(() => adminApi.messages({ q, page }), [q, page]);
  const action = useAction(reload);

  return (
    <section>
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
      <ErrorLine error={error ?? action.error} />
      <ul className="divide-y divide-slate-100 rounded-xl bg-white text-sm shadow-sm ring-1 ring-slate-200">
        {data?.items.map((m) => (
          <li key={m.id} className="flex items-start gap-3 px-3 py-2" data-testid="admin-message-row">
            <div className="min-w-0 flex-1 break-words">
              <MessageLine m={m} />
            </div>
            {!m.deleted && (
              <Button size="sm" variant="ghost" pending={action.pending} onClick={() => action.run(() => adminApi.deleteMessage(m.id))}>
                {t("remove")}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {data && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
    </section>
  );
}
