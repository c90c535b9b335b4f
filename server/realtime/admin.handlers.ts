/**
 * Dashboard subscriptions: `admin:subscribe` (global admins and moderators) puts the socket in
 * the `admin:overview` channel; every few seconds, while this instance has subscribers, it
 * computes the cluster-wide overview and pushes it to them.
 */
import { assertStaffTwoFactor } from "../services/two-factor";
import { ZAdminSubscribe } from "@/lib/shared/moderation";
import { computeOverview } from "../services/admin-overview";
import { roleOf } from "../services/admin-users";
import { authorize } from "../services/policy";
import { parseInput } from "../services/validate";
import type { Runtime } from "../runtime";
import { acked } from "./acked";
import type { ParleySocket } from "./types";
import type { ParleyServer } from "./types";

export const OVERVIEW_CHANNEL = "admin:overview";
const OVERVIEW_EVERY_MS = 3000;

export function registerAdminHandlers(rt: Runtime, socket: ParleySocket): void {
  const actor = socket.data.user;
  socket.on(
    "admin:subscribe",
    acked(rt, socket, "admin:subscribe", async (payload) => {
      parseInput(ZAdminSubscribe, payload ?? {});
      const globalRole = await roleOf(rt, actor.id);
      authorize("admin.access", { globalRole, roomRole: null });
      await assertStaffTwoFactor(rt, { id: actor.id, role: globalRole });
      await socket.join(OVERVIEW_CHANNEL);
      return computeOverview(rt);
    }),
  );
  socket.on(
    "admin:unsubscribe",
    acked(rt, socket, "admin:unsubscribe", async () => {
      await socket.leave(OVERVIEW_CHANNEL);
      return null;
    }),
  );
}

/** Push the overview to this instance's subscribers while there are any. */
export function startOverviewTicker(rt: Runtime, io: ParleyServer): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy || !io.of("/").adapter.rooms.get(OVERVIEW_CHANNEL)?.size) return;
    busy = true;
    computeOverview(rt)
      .then((overview) => io.local.to(OVERVIEW_CHANNEL).emit("admin:overview", overview))
      .catch((err: unknown) => rt.log.warn("overview update failed", { err }))
      .finally(() => {
        busy = false;
      });
  }, OVERVIEW_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
