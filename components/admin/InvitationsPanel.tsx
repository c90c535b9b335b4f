"use client";

/** "Invitations" (/admin/invitations): invite by email, optionally into rooms; list, resend, revoke. Admins only. */
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { adminApi } from "@/lib/client/adminApi";
import { accountsApi } from "@/lib/client/accountsApi";
import { isApiError } from "@/lib/client/api";
import type { InvitationState } from "@/lib/shared/accounts";
import { AdminTable, Badge, ErrorLine, inputClass, PanelHeader, SearchBox, useAction, useLoad, when } from "./kit";

const STATE: Record<InvitationState, { label: string; tone: "slate" | "rose" | "amber" | "sky" | "emerald" }> = {
  pending: { label: "Pending", tone: "sky" },
  accepted: { label: "Accepted", tone: "emerald" },
  revoked: { label: "Revoked", tone: "rose" },
  expired: { label: "Expired", tone: "amber" },
};

export function InvitationsPanel() {
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
      setFormError(fields.email ? `Email ${fields.email.join(", ")}.` : isApiError(err) ? err.message : "Could not send the invitation.");
    }
    setPending(false);
  }

  return (
    <section className="max-w-4xl">
      <PanelHeader title="Invitations" description="Invite people by email: the link creates their account (already confirmed) and puts them in the rooms you pick. Links work for 7 days." />
      <form onSubmit={invite} className="mb-6 space-y-3 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200" aria-label="Invite by email">
        <div className="flex flex-wrap gap-2">
          <label htmlFor="invite-email" className="sr-only">
            Email to invite
          </label>
          <input id="invite-email" type="email" className={`${inputClass} min-w-0 flex-1`} placeholder="name@example.com" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
          <Button type="submit" pending={pending} disabled={!email.trim()}>
            Send invitation
          </Button>
        </div>
        <fieldset className="space-y-2">
          <legend className="font-medium text-slate-700">Rooms to join (optional)</legend>
          <SearchBox label="Find rooms" value={roomQuery} onChange={setRoomQuery} />
          <div className="flex max-h-40 flex-wrap gap-x-4 gap-y-1 overflow-y-auto">
            {rooms.data?.items
              .filter((r) => !r.archived)
              .map((r) => (
                <label key={r.id} className="flex items-center gap-1.5">
                  <input type="checkbox" className="size-4 accent-indigo-600" checked={picked.has(r.id)} onChange={() => toggle(r.id, r.name)} />#{r.name}
                </label>
              ))}
          </div>
          {picked.size > 0 && <p className="text-slate-500">Joins: {[...picked.values()].map((n) => `#${n}`).join(", ")}</p>}
        </fieldset>
        {formError && <Alert>{formError}</Alert>}
        {sent && <Alert tone="info">Invitation sent to {sent}.</Alert>}
      </form>
      <ErrorLine error={error ?? action.error} />
      <AdminTable label="Invitations">
        <thead className="bg-slate-50 text-left text-xs text-slate-500">
          <tr>
            <th className="px-3 py-2 font-medium">Email</th>
            <th className="px-3 py-2 font-medium">Rooms</th>
            <th className="px-3 py-2 font-medium">Invited by</th>
            <th className="px-3 py-2 font-medium">State</th>
            <th className="px-3 py-2 font-medium">Expires</th>
            <th className="px-3 py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data?.length === 0 && (
            <tr>
              <td colSpan={6} className="px-3 py-2 text-slate-500">
                No invitations yet.
              </td>
            </tr>
          )}
          {data?.map((inv) => (
            <tr key={inv.id} data-testid="invitation-row">
              <td className="px-3 py-2 whitespace-nowrap">{inv.email}</td>
              <td className="px-3 py-2">{inv.rooms.map((r) => `#${r.name}`).join(", ") || "—"}</td>
              <td className="px-3 py-2 whitespace-nowrap">{inv.invitedBy.name}</td>
              <td className="px-3 py-2">
                <Badge tone={STATE[inv.state].tone}>{STATE[inv.state].label}</Badge>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{inv.state === "accepted" && inv.acceptedAt ? `accepted ${when(inv.acceptedAt)}` : when(inv.expiresAt)}</td>
              <td className="px-3 py-2 whitespace-nowrap text-right">
                {(inv.state === "pending" || inv.state === "expired") && (
                  <Button size="sm" variant="ghost" aria-label={`Resend the invitation to ${inv.email}`} onClick={() => void action.run(() => accountsApi.resendInvitation(inv.id))}>
                    Resend
                  </Button>
                )}
                {inv.state === "pending" && (
                  <Button size="sm" variant="ghost" aria-label={`Revoke the invitation to ${inv.email}`} onClick={() => void action.run(() => accountsApi.revokeInvitation(inv.id))}>
                    Revoke
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
