/**
 * Changing one's password from the settings page (docs/two-factor.md "Change password"): the
 * current password, a new one that passes the strength rules (./password-strength.ts) and
 * differs from the current one. Every other session of the user is revoked (cluster-wide, their
 * sockets closed); the one that asked stays signed in. Logged like a reset.
 */
import { hash, verify } from "@node-rs/argon2";
import type { Runtime } from "../runtime";
import { AppError } from "@/lib/shared/errors";
import { ZChangePassword } from "@/lib/shared/two-factor";
import { passwordProblem } from "./password-strength";
import { forgetSessions, revokeOtherSessionsIn } from "./user-sessions";
import { parseInput } from "./validate";

/** `POST /api/me/password` `{ currentPassword, newPassword }`: how many other sessions were signed out. */
export async function changePassword(rt: Runtime, userId: string, currentSessionId: string, input: unknown): Promise<{ sessionsRevoked: number }> {
  const { currentPassword, newPassword } = parseInput(ZChangePassword, input);
  const user = await rt.db.user.findUnique({ where: { id: userId }, select: { email: true, name: true, passwordHash: true } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  if (!(await verify(user.passwordHash, currentPassword))) {
    throw new AppError("VALIDATION_FAILED", "That is not your current password.", { fieldErrors: { currentPassword: ["is not your current password"] } });
  }
  const problem = passwordProblem(newPassword, [user.email, user.name]);
  if (problem) throw new AppError("VALIDATION_FAILED", `New password ${problem}`, { fieldErrors: { newPassword: [problem] } });
  if (await verify(user.passwordHash, newPassword)) {
    throw new AppError("VALIDATION_FAILED", "The new password must differ from the current one.", { fieldErrors: { newPassword: ["must differ from your current password"] } });
  }
  const passwordHash = await hash(newPassword);
  const revoked = await rt.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    return revokeOtherSessionsIn(tx, userId, currentSessionId);
  });
  forgetSessions(rt, revoked);
  rt.log.info("password changed", { userId, sessionsRevoked: revoked.length });
  return { sessionsRevoked: revoked.length };
}
