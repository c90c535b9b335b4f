/**
 * Route helpers for the admin API: every /api/admin route is for global admins and moderators
 * only (403 for everyone else, before anything is looked up); the service then checks the
 * specific action.
 */
import "server-only";
import type { NextRequest } from "next/server";
import { roleOf } from "../services/admin-users";
import { authorize } from "../services/policy";
import { assertStaffTwoFactor } from "../services/two-factor";
import { authed, type AuthedArgs, type Params } from "./handler";

export function staffOnly<P extends Params = Params>(run: (args: AuthedArgs<P>) => Promise<Response>) {
  return authed<P>(async (args) => {
    const globalRole = await roleOf(args.rt, args.user.id);
    authorize("admin.access", { globalRole, roomRole: null }, "The admin dashboard is for admins and moderators.");
    await assertStaffTwoFactor(args.rt, { id: args.user.id, role: globalRole });
    return run(args);
  });
}

/** A request's query string as a plain object, for a zod schema. */
export function queryOf(req: NextRequest): Record<string, string> {
  return Object.fromEntries(req.nextUrl.searchParams);
}
