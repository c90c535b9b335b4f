"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useCurrentUser } from "@/components/providers/CurrentUserProvider";
import { Button } from "@/components/ui/Button";
import { adminApi } from "@/lib/client/adminApi";
import { Badge, ErrorLine, inputClass, PanelHeader, useAction, useLoad } from "./kit";

export function WordFilterPanel() {
  const tr = useTranslations("admin.wordFilter");
  const me = useCurrentUser();
  const { data, error, reload } = useLoad(() => adminApi.wordFilter(), []);
  const action = useAction(reload);
  const [term, setTerm] = useState("");
  const [mode, setMode] = useState<"BLOCK" | "MASK">("MASK");

  const add = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await adminApi.addTerm(term, mode);
      setTerm("");
    });
  };

  return (
    <section className="max-w-2xl">
      <PanelHeader
        title={tr("title")}
        description={tr("description")}
      />
      {me.role !== "ADMIN" && <p className="mb-3 text-sm text-slate-500">{tr("adminsOnly")}</p>}
      <ErrorLine error={error ?? action.error} />
      <form onSubmit={add} className="mb-4 flex gap-2" aria-label={tr("addForm")}>
        <input className={`${inputClass} flex-1`} aria-label={tr("term")} placeholder={tr("term")} value={term} onChange={(e) => setTerm(e.target.value)} maxLength={64} />
        <select className={inputClass} aria-label={tr("mode")} value={mode} onChange={(e) => setMode(e.target.value as "BLOCK" | "MASK")}>
          <option value="MASK">{tr("mask")}</option>
          <option value="BLOCK">{tr("block")}</option>
        </select>
        <Button type="submit" pending={action.pending} disabled={!term.trim()}>
          {tr("add")}
        </Button>
      </form>
      <ul className="divide-y divide-slate-100 rounded-xl bg-white text-sm shadow-sm ring-1 ring-slate-200">
        {data?.terms.length === 0 && <li className="px-3 py-2 text-slate-500">{tr("none")}</li>}
        {data?.terms.map((t) => (
          <li key={t.id} className="flex items-center gap-3 px-3 py-2" data-testid="filter-term">
            <span className="flex-1 font-mono">{t.term}</span>
            <Badge tone={t.mode === "BLOCK" ? "rose" : "amber"}>{t.mode === "BLOCK" ? tr("block") : tr("mask")}</Badge>
            <Button size="sm" variant="ghost" onClick={() => action.run(() => adminApi.removeTerm(t.id))}>
              {tr("remove")}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
