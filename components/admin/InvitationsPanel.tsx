"use client";

/** "Invitations" (/admin/invitations): invite by email, optionally into rooms; list, resend, revoke. Admins only. */
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { adminApi } from "@/lib/client/adminApi";
import { accountsApi } from "@/lib/client/accountsApi";
import { isApiError } from "@/lib/client/api";
import type { InvitationState } from "@/lib/shared/accounts";
import { AdminTable, Badge, ErrorLine, inputClass, PanelHeader, SearchBox, useAction, useLoad, when } from "./kit";

/** Each state's badge: its name (`admin.invitations.<state>`) and colour. */
const STATE_TONE: Record<InvitationState, "slate" | "rose" | "amber" | "sky" | "emerald"> = {
  pending: "sky",
  accepted: "emerald",
  revoked: "rose",
  expired: "amber",
};

export function InvitationsPanel() {
  const t = useTranslations("admin.invitations");
  const { data, error, reload } = useLoad(() => accountsApi.invitations(), []);
  const action = useAction(reload);
  const [email, setEmail] = useState("");
  const [roomQuery, setRoomQuery] = useState("");
  const rooms = useLoad(() => adminApi.rooms(roomQuery, 1), [roomQuery]);
  const [picked, setPicked] = useState<Map<string, string>>(new Map());
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  function toggle(id: string, name: string) {
    setPicked((prev) => {
      const next = new Map(prev);
      if (next.has(id)) next.delete(id);
      else next.set(id, name);
      return next;
    });
  }

  async function invite(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setFormError(null);
    setSent(null);
    try {
      const created = await accountsApi.invite(email, [...picked.keys()]);
      setSent(created.email);
      setEmail("");
      setPicked(new Map());
      reload();
    } catch (err) {
      const fields = isApiError(err) ? err.fieldErrors : {};
      setFormError(fields.email ? t("emailError", { message: fields.email.join(", ") }) : isApiError(err) ? err.message : t("sendFailed"));
    }
    setPending(false);
  }

  return (
    <section className="max-w-4xl">
      <PanelHeader title={t("title")} description={t("description")} />
      <form onSubmit={invite} className="mb-6 space-y-3 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200" aria-label={t("form")}>
        <div className="flex flex-wrap gap-2">
          <label htmlFor="invite-email" className="sr-only">
            {t("emailLabel")}
          </label>
          <input id="invite-email" type="email" className={`${inputClass} min-w-0 flex-1`} placeholder={t("emailPlaceholder")} value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
          <Button type="submit" pending={pending} disabled={!email.trim()}>
            {t("send")}
          </Button>
        </div>
        <fieldset className="space-y-2">
          <legend className="font-medium text-slate-700">{t("rooms")}</legend>
          <SearchBox label={t("findRooms")} value={roomQuery} onChange={setRoomQuery} />
          <div className="flex max-h-40 flex-wrap gap-x-4 gap-y-1 overflow-y-auto">
            {rooms.data?.items
              .filter((r) => !r.archived)
              .map((r) => (
                <label key={r.id} className="flex items-center gap-1.5">
                  <input type="checkbox" className="size-4 accent-indigo-600" checked={picked.has(r.id)} onChange={() => toggle(r.id, r.name)} />#{r.name}
                </label>
              ))}
          </div>
          {picked.size > 0 && <p className="text-slate-500">{t("joins", { rooms: [...picked.values()].map((n) => `#${n}`).join(", ") })}</p>}
        </fieldset>
        {formError && <Alert>{formError}</Alert>}
        {sent && <Alert tone="info">{t("sent", { email: sent })}</Alert>}
      </form>
      <ErrorLine error={error ?? action.error} />
      <AdminTable label={t("table")}>
        <thead className="bg-slate-50 text-left text-xs text-slate-500">
          <tr>
            <th className="px-3 py-2 font-medium">{t("email")}</th>
            <th className="px-3 py-2 font-medium">{t("roomsColumn")}</th>
            <th className="px-3 py-2 font-medium">{t("invitedBy")}</th>
            <th className="px-3 py-2 font-medium">{t("state")}</th>
            <th className="px-3 py-2 font-medium">{t("expires")}</th>
            <th className="px-3 py-2 font-medium">
              <span className="sr-only">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data?.length === 0 && (
            <tr>
              <td colSpan={6} className="px-3 py-2 text-slate-500">
                {t("empty")}
              </td>
            </tr>
          )}
          {data?.map((inv) => (
            <tr key={inv.id} data-testid="invitation-row">
              <td className="px-3 py-2 whitespace-nowrap">{inv.email}</td>
              <td className="px-3 py-2">{inv.rooms.map((r) => `#${r.name}`).join(", ") || "—"}</td>
              <td className="px-3 py-2 whitespace-nowrap">{inv.invitedBy.name}</td>
              <td className="px-3 py-2">
                <Badge tone={STATE_TONE[inv.state]}>{t(inv.state)}</Badge>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{inv.state === "accepted" && inv.acceptedAt ? t("acceptedAt", { when: when(inv.acceptedAt) }) : when(inv.expiresAt)}</td>
              <td className="px-3 py-2 whitespace-nowrap text-right">
                {(inv.state === "pending" || inv.state === "expired") && (
                  <Button size="sm" variant="ghost" aria-label={t("resendLabel", { email: inv.email })} onClick={() => void action.run(() => accountsApi.resendInvitation(inv.id))}>
                    {t("resend")}
                  </Button>
                )}
                {inv.state === "pending" && (
                  <Button size="sm" variant="ghost" aria-label={t("revokeLabel", { email: inv.email })} onClick={() => void action.run(() => accountsApi.revokeInvitation(inv.id))}>
                    {t("revoke")}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </AdminTable>
    </section>
  );
}
