/**
 * Browser calls for who may join (docs/accounts.md): email verification, email change,
 * invitations and the instance's sign-up settings. Failures are `ApiError`, as in ./api.ts.
 */
import type { AccountInvitationDTO, EmailStatusDTO, InstanceSettingsDTO, InvitationPreview, TInstanceSettingsUpdate } from "@/lib/shared/accounts";
import { request } from "./api";

export const accountsApi = {
  async confirmEmail(token: string): Promise<{ email: string }> {
    return request<{ email: string }>("/api/auth/verify-email", { method: "POST", body: { token } });
  },
  async resendVerification(email: string): Promise<void> {
    await request("/api/auth/verify-email/resend", { method: "POST", body: { email } });
  },
  async myEmail(): Promise<EmailStatusDTO> {
    return (await request<{ email: EmailStatusDTO }>("/api/me/email")).email;
  },
  async resendMyVerification(): Promise<void> {
    await request("/api/me/email/verification", { method: "POST" });
  },
  async changeEmail(email: string, currentPassword: string): Promise<void> {
    await request("/api/me/email", { method: "PUT", body: { email, currentPassword } });
  },
  async settings(): Promise<InstanceSettingsDTO> {
    return (await request<{ settings: InstanceSettingsDTO }>("/api/admin/settings")).settings;
  },
  async saveSettings(patch: TInstanceSettingsUpdate): Promise<InstanceSettingsDTO> {
    return (await request<{ settings: InstanceSettingsDTO }>("/api/admin/settings", { method: "PUT", body: patch })).settings;
  },
  async invitations(): Promise<AccountInvitationDTO[]> {
    return (await request<{ invitations: AccountInvitationDTO[] }>("/api/admin/invitations")).invitations;
  },
  async invite(email: string, roomIds: string[]): Promise<AccountInvitationDTO> {
    return (await request<{ invitation: AccountInvitationDTO }>("/api/account-invitations", { method: "POST", body: { email, roomIds } })).invitation;
  },
  async resendInvitation(id: string): Promise<void> {
    await request(`/api/admin/invitations/${encodeURIComponent(id)}/resend`, { method: "POST" });
  },
  async revokeInvitation(id: string): Promise<void> {
    await request(`/api/admin/invitations/${encodeURIComponent(id)}`, { method: "DELETE" });
  },
  async previewInvitation(token: string): Promise<InvitationPreview> {
    return (await request<{ invitation: InvitationPreview }>(`/api/account-invitations/${encodeURIComponent(token)}`)).invitation;
  },
  async acceptInvitation(token: string, name: string, password: string): Promise<{ email: string }> {
    return request<{ email: string }>(`/api/account-invitations/${encodeURIComponent(token)}/accept`, { method: "POST", body: { name, password } });
  },
};
