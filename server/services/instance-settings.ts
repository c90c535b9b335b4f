/**
 * The instance's account settings (docs/accounts.md "Settings"): who may sign up, which email
 * domains, whether email verification is required, whether room owners may invite. One row
 * (id 1), made by the first save (until then the defaults; a read never writes). Read from PostgreSQL on each use — sign-up, sign-in and
 * invitations are rare next to a primary-key read — so every instance of a cluster sees a change
 * at once, with no cache to invalidate. Every change is audited in the same transaction.
 */
import type { Runtime } from "../runtime";
import type { Prisma } from "../db";
import { ZInstanceSettingsUpdate, type InstanceSettingsDTO } from "@/lib/shared/accounts";
import type { CurrentUser } from "@/lib/shared/types";
import { recordAudit } from "./audit";
import { roleOf } from "./admin-users";
import { authorize } from "./policy";
import { parseInput } from "./validate";

const SETTINGS_ID = 1;

type Row = { signupPolicy: InstanceSettingsDTO["signupPolicy"]; allowedEmailDomains: string[]; emailVerification: InstanceSettingsDTO["emailVerification"]; roomOwnersMayInvite: boolean; requireTwoFactorForStaff: boolean; updatedAt: Date };

const toDTO = (r: Row): InstanceSettingsDTO => ({
  signupPolicy: r.signupPolicy,
  allowedEmailDomains: r.allowedEmailDomains,
  emailVerification: r.emailVerification,
  roomOwnersMayInvite: r.roomOwnersMayInvite,
  requireTwoFactorForStaff: r.requireTwoFactorForStaff,
  updatedAt: r.updatedAt.toISOString(),
});

/** Until an admin first saves: the column defaults of prisma/schema.prisma (kept in step with them). */
const DEFAULTS: Omit<InstanceSettingsDTO, "updatedAt"> = { signupPolicy: "OPEN", allowedEmailDomains: [], emailVerification: "OPTIONAL", roomOwnersMayInvite: false, requireTwoFactorForStaff: false };

/** The current settings: the row, or the defaults while there is none (a read never writes). */
export async function readInstanceSettings(rt: Runtime | { db: Runtime["db"] }): Promise<InstanceSettingsDTO> {
  const found = await rt.db.instanceSettings.findUnique({ where: { id: SETTINGS_ID } });
  return found ? toDTO(found) : { ...DEFAULTS, allowedEmailDomains: [], updatedAt: new Date(0).toISOString() };
}

/** Whether open sign-up accepts `email` under the allowed domains (empty list: any). */
export function domainAllowed(settings: Pick<InstanceSettingsDTO, "allowedEmailDomains">, email: string): boolean {
  if (settings.allowedEmailDomains.length === 0) return true;
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  return settings.allowedEmailDomains.includes(domain);
}

async function requireAdmin(rt: Runtime, actor: Pick<CurrentUser, "id">): Promise<void> {
  authorize("instance.settings", { globalRole: await roleOf(rt, actor.id), roomRole: null }, "Only admins can change the sign-up settings.");
}

/** `GET /api/admin/settings`. */
export async function getInstanceSettings(rt: Runtime, actor: Pick<CurrentUser, "id">): Promise<InstanceSettingsDTO> {
  await requireAdmin(rt, actor);
  return readInstanceSettings(rt);
}

/** `PUT /api/admin/settings`: the fields given change; the audit entry records each one's old and new value. */
export async function updateInstanceSettings(rt: Runtime, actor: Pick<CurrentUser, "id">, input: unknown): Promise<InstanceSettingsDTO> {
  await requireAdmin(rt, actor);
  const patch = parseInput(ZInstanceSettingsUpdate, input);
  if (patch.allowedEmailDomains) patch.allowedEmailDomains = [...new Set(patch.allowedEmailDomains)].sort();
  // The row with the column defaults, made by the first save (two first saves at once: one insert wins).
  await rt.db.instanceSettings.createMany({ data: [{ id: SETTINGS_ID }], skipDuplicates: true });
  const row = await rt.db.$transaction(async (tx) => {
    // FOR UPDATE: two admins saving at once are audited in the order they were applied.
    const [before] = await tx.$queryRaw<Row[]>`SELECT "signupPolicy"::text AS "signupPolicy", "allowedEmailDomains", "emailVerification"::text AS "emailVerification", "roomOwnersMayInvite", "requireTwoFactorForStaff", "updatedAt" FROM "InstanceSettings" WHERE id = ${SETTINGS_ID} FOR UPDATE`;
    const updated = await tx.instanceSettings.update({ where: { id: SETTINGS_ID }, data: patch as Prisma.InstanceSettingsUpdateInput });
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(patch) as (keyof typeof patch)[]) {
      const from = before?.[key];
      const to = updated[key];
      if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
    }
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, { actorId: actor.id, action: "instance.settings", targetType: "instance", targetId: "settings", details: { changes, label: "Sign-up & accounts" } });
    }
    return updated;
  });
  rt.log.info("instance settings changed", { actorId: actor.id, fields: Object.keys(patch) });
  return toDTO(row);
}
