/**
 * Browser calls for moderation and the admin dashboard (same origin, the session cookie rides
 * along). Failures become `ApiError` with the server's code, like lib/client/api.ts.
 */
import type {
  AdminMemberDTO,
  AdminMessageDTO,
  AdminOverview,
  AdminRoomDTO,
  AdminUserDetail,
  AdminUserDTO,
  AuditEntryDTO,
  MuteInfo,
  Paged,
  ReportDTO,
  TReportResolution,
  WordFilterDTO,
} from "@/lib/shared/moderation";
import type { GlobalRole } from "@/lib/shared/types";
import { ApiError } from "./api";

type Method = "GET" | "POST" | "DELETE";

async function call<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    throw new ApiError("NETWORK", "Could not reach the server. Check your connection.", 0);
  }
  const json = (await res.json().catch(() => null)) as { error?: { code: ApiError["code"]; message: string; details?: Record<string, unknown> } } | null;
  if (!res.ok) {
    if (json?.error) throw new ApiError(json.error.code, json.error.message, res.status, json.error.details);
    throw new ApiError(res.status === 401 ? "UNAUTHENTICATED" : "INTERNAL", `Request failed (${res.status})`, res.status);
  }
  return json as T;
}

function qs(params: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}

const enc = encodeURIComponent;

export const adminApi = {
  overview: () => call<AdminOverview>("GET", "/api/admin/overview"),
  users: (q: string, page: number) => call<Paged<AdminUserDTO>>("GET", `/api/admin/users${qs({ q, page })}`),
  user: (id: string) => call<AdminUserDetail>("GET", `/api/admin/users/${enc(id)}`),
  ban: (id: string, reason: string, minutes: number | null) => call<{ user: AdminUserDTO }>("POST", `/api/admin/users/${enc(id)}/ban`, { reason, minutes }),
  unban: (id: string) => call<{ user: AdminUserDTO }>("POST", `/api/admin/users/${enc(id)}/unban`, {}),
  mute: (id: string, minutes: number, reason?: string) => call<{ user: AdminUserDTO }>("POST", `/api/admin/users/${enc(id)}/mute`, { minutes, reason }),
  unmute: (id: string) => call<{ user: AdminUserDTO }>("POST", `/api/admin/users/${enc(id)}/unmute`, {}),
  signOut: (id: string) => call<{ user: AdminUserDTO }>("POST", `/api/admin/users/${enc(id)}/signout`, {}),
  resetTwoFactor: (id: string, reason?: string) => call<{ user: AdminUserDTO }>("POST", `/api/admin/users/${enc(id)}/reset-two-factor`, { reason }),
  setRole: (id: string, role: GlobalRole) => call<{ user: AdminUserDTO }>("POST", `/api/admin/users/${enc(id)}/role`, { role }),
  purge: (id: string, hours: number, reason?: string) => call<{ removed: number }>("POST", `/api/admin/users/${enc(id)}/purge`, { hours, reason }),
  rooms: (q: string, page: number) => call<Paged<AdminRoomDTO>>("GET", `/api/admin/rooms${qs({ q, page })}`),
  room: (id: string) => call<{ room: AdminRoomDTO; members: AdminMemberDTO[] }>("GET", `/api/admin/rooms/${enc(id)}`),
  deleteRoom: (id: string, reason?: string) => call<{ ok: true }>("DELETE", `/api/admin/rooms/${enc(id)}`, { reason }),
  messages: (query: { q?: string; roomId?: string; authorId?: string; page: number }) => call<Paged<AdminMessageDTO>>("GET", `/api/admin/messages${qs(query)}`),
  deleteMessage: (id: string) => call<unknown>("DELETE", `/api/messages/${enc(id)}`),
  reports: (status: "OPEN" | "RESOLVED" | "DISMISSED", page: number) => call<Paged<ReportDTO>>("GET", `/api/admin/reports${qs({ status, page })}`),
  resolveReport: (id: string, action: TReportResolution, note?: string, minutes?: number) =>
    call<{ report: ReportDTO }>("POST", `/api/admin/reports/${enc(id)}/resolve`, { action, note, minutes }),
  wordFilter: () => call<{ terms: WordFilterDTO[] }>("GET", "/api/admin/word-filter"),
  addTerm: (term: string, mode: "BLOCK" | "MASK") => call<{ term: WordFilterDTO }>("POST", "/api/admin/word-filter", { term, mode }),
  removeTerm: (id: string) => call<{ ok: true }>("DELETE", `/api/admin/word-filter/${enc(id)}`),
  audit: (query: { action?: string; actorId?: string; targetId?: string; page: number }) => call<Paged<AuditEntryDTO>>("GET", `/api/admin/audit${qs(query)}`),
};

/** Room moderation from the room's own UI (room owners and moderators, and staff). */
export const roomModApi = {
  lock: (roomId: string, locked: boolean) => call<unknown>("POST", `/api/rooms/${enc(roomId)}/lock`, { locked }),
  archive: (roomId: string, archived: boolean) => call<unknown>("POST", `/api/rooms/${enc(roomId)}/archive`, { archived }),
  slowMode: (roomId: string, seconds: number) => call<unknown>("POST", `/api/rooms/${enc(roomId)}/slow-mode`, { seconds }),
  muteMember: (roomId: string, userId: string, minutes: number, reason?: string) =>
    call<{ mute: MuteInfo }>("POST", `/api/rooms/${enc(roomId)}/members/${enc(userId)}/mute`, { minutes, reason }),
  unmuteMember: (roomId: string, userId: string) => call<unknown>("POST", `/api/rooms/${enc(roomId)}/members/${enc(userId)}/unmute`, {}),
  removeMember: (roomId: string, userId: string, reason?: string) => call<unknown>("POST", `/api/rooms/${enc(roomId)}/members/${enc(userId)}/remove`, { reason }),
  report: (messageId: string, reason: string) => call<{ report: { id: string } }>("POST", `/api/messages/${enc(messageId)}/report`, { reason }),
};
