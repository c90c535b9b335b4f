/**
 * The colour theme a user chose in the profile (User.theme): SYSTEM follows the device's
 * prefers-color-scheme, LIGHT and DARK hold. Pages render it on <html data-theme> from the
 * session (app/layout.tsx), so a page never flashes the other theme.
 */
import type { Runtime } from "../runtime";
import { ZSetTheme } from "@/lib/shared/schemas";
import type { Theme } from "@/lib/shared/types";
import type { Actor } from "./room-access";
import { parseInput } from "./validate";

export async function setTheme(rt: Runtime, actor: Actor, input: unknown): Promise<{ theme: Theme }> {
  const { theme } = parseInput(ZSetTheme, input);
  await rt.db.user.update({ where: { id: actor.id }, data: { theme }, select: { id: true } });
  return { theme };
}

export async function getTheme(rt: Runtime, userId: string): Promise<Theme> {
  const user = await rt.db.user.findUnique({ where: { id: userId }, select: { theme: true } });
  return user?.theme ?? "SYSTEM";
}
