/**
 * Typed fetch wrappers for Parley's REST API, for the browser (same origin, the session cookie
 * rides along). Every failure becomes an `ApiError` carrying the server's error code.
 */
import type { Locale } from "@/lib/shared/locales";
import type { z } from "zod";
import type { ErrorBody, ErrorCode } from "@/lib/shared/errors";
import type { TPasswordResetConfirm, TPasswordResetRequest, ZCreateRoomRequest, ZRegisterRequest } from "@/lib/shared/schemas";
import type { SessionDTO } from "@/lib/shared/sessions";
import type { CurrentUser, HistoryPage, IdentityDTO, InviteDTO, InvitePreview, MemberDTO, MessageDTO, PublicProfile, ReadState, RoomDTO, RoomPage, RoomVisibility, SearchPage, ThreadPage, Theme, UserStatus, UserSummary } from "@/lib/shared/types";
import type { TwoFactorSetup, TwoFactorStatus } from "@/lib/shared/two-factor";

export interface Person extends UserSummary {
  status: UserStatus;
}

/** Codes the server sends, plus `NETWORK` when no answer came back at all. */
export type ApiErrorCode = ErrorCode | "NETWORK";

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;
  constructor(code: ApiErrorCode, message: string, status: number, details?: Record<string, unknown>) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
    this.details = details;
  }

  /** `details.fieldErrors` of a VALIDATION_FAILED answer, `{}` otherwise. */
  get fieldErrors(): Record<string, string[]> {
    const raw = this.details?.fieldErrors;
    if (!raw || typeof raw !== "object") return {};
    const out: Record<string, string[]> = {};
    for (const [field, messages] of Object.entries(raw as Record<string, unknown>)) {
      if (Array.isArray(messages)) out[field] = messages.filter((m): m is string => typeof m === "string");
    }
    return out;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

function isErrorBody(value: unknown): value is { error: ErrorBody } {
  if (!value || typeof value !== "object" || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return !!error && typeof error === "object" && "code" in error && "message" in error;
}

export async function request<T>(path: string, init?: { method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE"; body?: unknown; signal?: AbortSignal }): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init?.method ?? "GET",
      headers: init?.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: init?.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
      cache: "no-store",
      signal: init?.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError("NETWORK", "Could not reach the server. Check your connection.", 0);
  }
  const text = await response.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!response.ok) {
    if (isErrorBody(json)) throw new ApiError(json.error.code, json.error.message, response.status, json.error.details);
    throw new ApiError(response.status === 401 ? "UNAUTHENTICATED" : "INTERNAL", `Request failed (${response.status})`, response.status);
  }
  return json as T;
}

export type RegisterInput = z.input<typeof ZRegisterRequest>;
export type CreateRoomInput = z.input<typeof ZCreateRoomRequest>;
export interface HistoryQuery {
  before?: number;
  after?: number;
  /** Room history only: the page around this seq. */
  around?: number;
  limit?: number;
}

export interface SearchQuery {
  q: string;
  roomId?: string;
  authorId?: string;
  cursor?: string;
  limit?: number;
}

function historyPath(roomId: string, query: HistoryQuery, below = ""): string {
  const params = new URLSearchParams();
  if (query.before !== undefined) params.set("before", String(query.before));
  if (query.after !== undefined) params.set("after", String(query.after));
  if (query.around !== undefined) params.set("around", String(query.around));
  if (query.limit !== undefined) params.set("limit", String(query.limit));
  const qs = params.toString();
  return `/api/rooms/${encodeURIComponent(roomId)}/messages${below}${qs ? `?${qs}` : ""}`;
}

const roomPath = (roomId: string) => `/api/rooms/${encodeURIComponent(roomId)}`;

export const api = {
  /** 202 `{ status: "check-email" }` for every valid request, whatever the address (docs/accounts.md). */
  async register(input: RegisterInput): Promise<void> {
    await request<{ status: "check-email" }>("/api/auth/register", { method: "POST", body: input });
  },
  /** Someone's public profile (the profile card). */
  async userProfile(userId: string, signal?: AbortSignal): Promise<PublicProfile> {
    return (await request<{ user: PublicProfile }>(`/api/users/${encodeURIComponent(userId)}`, { signal })).user;
  },
  /** Tell the server this browser's time zone (others see the local time in the profile card). */
  async setTimeZone(timeZone: string): Promise<void> {
    await request<{ timeZone: string }>("/api/me/time-zone", { method: "PUT", body: { timeZone } });
  },
  async requestPasswordReset(input: TPasswordResetRequest): Promise<void> {
    await request<{ ok: true }>("/api/auth/password-reset", { method: "POST", body: input });
  },
  async confirmPasswordReset(input: TPasswordResetConfirm): Promise<void> {
    await request<{ ok: true }>("/api/auth/password-reset/confirm", { method: "POST", body: input });
  },
  /** A single sign-on whose email has an account: the account's password links the identity. */
  async confirmSsoLink(input: { token: string; password: string }): Promise<{ email: string }> {
    return request<{ email: string }>("/api/auth/sso-link", { method: "POST", body: input });
  },
  /** Erase the account (docs/accounts.md): every session ends with it. */
  async deleteAccount(input: { confirmEmail: string; password?: string }): Promise<void> {
    await request<{ messages: string; removed: number }>("/api/me", { method: "DELETE", body: input });
  },
  async listIdentities(): Promise<IdentityDTO[]> {
    return (await request<{ identities: IdentityDTO[] }>("/api/me/identities")).identities;
  },
  async unlinkIdentity(id: string): Promise<void> {
    await request<{ ok: true }>(`/api/me/identities/${encodeURIComponent(id)}`, { method: "DELETE" });
  },
  async me(): Promise<CurrentUser> {
    return (await request<{ user: CurrentUser }>("/api/me")).user;
  },
  /** Every room and DM we belong to, following the pages to the end. */
  async listRooms(signal?: AbortSignal): Promise<RoomDTO[]> {
    const rooms: RoomDTO[] = [];
    let cursor: string | null = null;
    do {
      const page: RoomPage = await request<RoomPage>(`/api/rooms${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`, { signal });
      rooms.push(...page.rooms);
      cursor = page.nextCursor;
    } while (cursor);
    return rooms;
  },
  /** A page of the public room directory, by name, filtered by `q`. */
  async roomDirectory(q: string, cursor: string | null, signal?: AbortSignal): Promise<RoomPage> {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (cursor) params.set("cursor", cursor);
    const qs = params.toString();
    return request<RoomPage>(`/api/rooms/directory${qs ? `?${qs}` : ""}`, { signal });
  },
  async createRoom(input: CreateRoomInput): Promise<RoomDTO> {
    return (await request<{ room: RoomDTO }>("/api/rooms", { method: "POST", body: input })).room;
  },
  async getRoom(roomId: string, signal?: AbortSignal): Promise<RoomDTO> {
    return (await request<{ room: RoomDTO }>(roomPath(roomId), { signal })).room;
  },
  async joinRoom(roomId: string): Promise<RoomDTO> {
    return (await request<{ room: RoomDTO }>(`${roomPath(roomId)}/join`, { method: "POST" })).room;
  },
  async leaveRoom(roomId: string): Promise<void> {
    await request<{ ok: true }>(`${roomPath(roomId)}/leave`, { method: "POST" });
  },
  async listMembers(roomId: string, signal?: AbortSignal): Promise<MemberDTO[]> {
    return (await request<{ members: MemberDTO[] }>(`${roomPath(roomId)}/members`, { signal })).members;
  },
  async myStatus(): Promise<UserStatus> {
    return (await request<{ status: UserStatus }>("/api/me")).status;
  },
  async removeAvatar(): Promise<void> {
    await request<{ ok: true }>("/api/me/avatar", { method: "DELETE" });
  },
  async updateProfile(name: string): Promise<CurrentUser> {
    return (await request<{ user: CurrentUser }>("/api/me", { method: "PATCH", body: { name } })).user;
  },
  async listSessions(): Promise<SessionDTO[]> {
    return (await request<{ sessions: SessionDTO[] }>("/api/sessions")).sessions;
  },
  async revokeSession(id: string): Promise<void> {
    await request<{ ok: true }>(`/api/sessions/${encodeURIComponent(id)}`, { method: "DELETE" });
  },
  async revokeOtherSessions(): Promise<number> {
    return (await request<{ revoked: number }>("/api/sessions?others=1", { method: "DELETE" })).revoked;
  },
  // ---- two-factor and password (docs/two-factor.md) ----
  twoFactorStatus: () => request<TwoFactorStatus>("/api/me/two-factor"),
  beginTwoFactorSetup: () => request<TwoFactorSetup>("/api/me/two-factor/setup", { method: "POST", body: {} }),
  enableTwoFactor: (code: string) => request<{ recoveryCodes: string[] }>("/api/me/two-factor/enable", { method: "POST", body: { code } }),
  disableTwoFactor: (password: string, code: string) => request<{ ok: true }>("/api/me/two-factor/disable", { method: "POST", body: { password, code } }),
  regenerateRecoveryCodes: (code: string) => request<{ recoveryCodes: string[] }>("/api/me/two-factor/recovery-codes", { method: "POST", body: { code } }),
  changePassword: (currentPassword: string, newPassword: string) => request<{ sessionsRevoked: number }>("/api/me/password", { method: "POST", body: { currentPassword, newPassword } }),
  async setTheme(theme: Theme): Promise<Theme> {
    return (await request<{ theme: Theme }>("/api/me/theme", { method: "PUT", body: { theme } })).theme;
  },
  async setLocale(locale: Locale | null): Promise<Locale | null> {
    return (await request<{ locale: Locale | null }>("/api/me/locale", { method: "PUT", body: { locale } })).locale;
  },
  async setStatus(status: UserStatus): Promise<UserStatus> {
    return (await request<{ status: UserStatus }>("/api/me/status", { method: "PUT", body: { status } })).status;
  },
  async searchUsers(q: string, signal?: AbortSignal): Promise<Person[]> {
    return (await request<{ users: Person[] }>(`/api/users?q=${encodeURIComponent(q)}`, { signal })).users;
  },
  async openDm(userIds: string[]): Promise<RoomDTO> {
    return (await request<{ room: RoomDTO }>("/api/dms", { method: "POST", body: { userIds } })).room;
  },
  async updateRoom(roomId: string, patch: { name?: string; topic?: string | null; visibility?: RoomVisibility }): Promise<RoomDTO> {
    return (await request<{ room: RoomDTO }>(roomPath(roomId), { method: "PATCH", body: patch })).room;
  },
  /** A group DM's name (null: back to the members' names). */
  async renameDm(roomId: string, name: string | null): Promise<RoomDTO> {
    return (await request<{ room: RoomDTO }>(roomPath(roomId), { method: "PATCH", body: { name } })).room;
  },
  async archiveRoom(roomId: string, archived = true): Promise<RoomDTO> {
    return (await request<{ room: RoomDTO }>(`${roomPath(roomId)}/archive`, { method: "POST", body: { archived } })).room;
  },
  async addMember(roomId: string, userId: string): Promise<MemberDTO> {
    return (await request<{ member: MemberDTO }>(`${roomPath(roomId)}/members`, { method: "POST", body: { userId } })).member;
  },
  async createInvite(roomId: string, input: { expiresInHours: number; maxUses: number | null }): Promise<InviteDTO> {
    return (await request<{ invite: InviteDTO }>(`${roomPath(roomId)}/invites`, { method: "POST", body: input })).invite;
  },
  async listInvites(roomId: string): Promise<InviteDTO[]> {
    return (await request<{ invites: InviteDTO[] }>(`${roomPath(roomId)}/invites`)).invites;
  },
  async revokeInvite(roomId: string, inviteId: string): Promise<void> {
    await request<{ ok: true }>(`${roomPath(roomId)}/invites/${encodeURIComponent(inviteId)}`, { method: "DELETE" });
  },
  async previewInvite(token: string): Promise<InvitePreview> {
    return (await request<{ invite: InvitePreview }>(`/api/invites/${encodeURIComponent(token)}`)).invite;
  },
  async acceptInvite(token: string): Promise<RoomDTO> {
    return (await request<{ room: RoomDTO }>(`/api/invites/${encodeURIComponent(token)}/accept`, { method: "POST" })).room;
  },
  async editMessage(messageId: string, body: string): Promise<MessageDTO> {
    return (await request<{ message: MessageDTO }>(`/api/messages/${encodeURIComponent(messageId)}`, { method: "PATCH", body: { body } })).message;
  },
  async deleteMessage(messageId: string): Promise<MessageDTO> {
    return (await request<{ message: MessageDTO }>(`/api/messages/${encodeURIComponent(messageId)}`, { method: "DELETE" })).message;
  },
  async history(roomId: string, query: HistoryQuery = {}, signal?: AbortSignal): Promise<HistoryPage> {
    return request<HistoryPage>(historyPath(roomId, query), { signal });
  },
  /** A thread's root and its newest replies (`before` pages back). */
  async thread(roomId: string, messageId: string, query: HistoryQuery = {}, signal?: AbortSignal): Promise<ThreadPage> {
    return request<ThreadPage>(historyPath(roomId, query, `/${encodeURIComponent(messageId)}/thread`), { signal });
  },
  async setReaction(roomId: string, messageId: string, emoji: string, on: boolean): Promise<MessageDTO> {
    return (await request<{ message: MessageDTO }>(`${roomPath(roomId)}/messages/${encodeURIComponent(messageId)}/reactions`, { method: "POST", body: { emoji, on } })).message;
  },
  async setPin(roomId: string, messageId: string, pinned: boolean): Promise<MessageDTO> {
    return (await request<{ message: MessageDTO }>(`${roomPath(roomId)}/messages/${encodeURIComponent(messageId)}/pin`, { method: "POST", body: { pinned } })).message;
  },
  /** I have seen the room up to `seq` (never moves back). */
  async markRead(roomId: string, seq: number): Promise<{ roomId: string } & ReadState> {
    return (await request<{ state: { roomId: string } & ReadState }>(`${roomPath(roomId)}/read`, { method: "POST", body: { seq } })).state;
  },
  async setNotificationsMuted(roomId: string, muted: boolean): Promise<{ roomId: string } & ReadState> {
    return (await request<{ state: { roomId: string } & ReadState }>(`${roomPath(roomId)}/notifications`, { method: "PUT", body: { muted } })).state;
  },
  /** Full-text search of the caller's rooms (`GET /api/search`). */
  async search(query: SearchQuery, signal?: AbortSignal): Promise<SearchPage> {
    const params = new URLSearchParams({ q: query.q });
    for (const key of ["roomId", "authorId", "cursor"] as const) {
      const value = query[key];
      if (value) params.set(key, value);
    }
    if (query.limit !== undefined) params.set("limit", String(query.limit));
    return request<SearchPage>(`/api/search?${params.toString()}`, { signal });
  },
  async pins(roomId: string, signal?: AbortSignal): Promise<MessageDTO[]> {
    return (await request<{ messages: MessageDTO[] }>(`${roomPath(roomId)}/pins`, { signal })).messages;
  },
};

export type Api = typeof api;
/** What the message sync needs from the API; tests pass a fake. */
export type HistoryApi = Pick<Api, "history">;
