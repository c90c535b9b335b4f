/**
 * Who may join (docs/accounts.md): the instance's sign-up settings, email verification and
 * invitations by email — the request schemas and the DTOs, shared by the server and the browser.
 */
import { z } from "zod";
import { ZDisplayName, ZEmail, ZId, ZPassword } from "./schemas";

export const SIGNUP_POLICIES = ["OPEN", "INVITE_ONLY"] as const;
export type SignupPolicy = (typeof SIGNUP_POLICIES)[number];
export const EMAIL_VERIFICATION_MODES = ["OPTIONAL", "REQUIRED"] as const;
export type EmailVerificationMode = (typeof EMAIL_VERIFICATION_MODES)[number];

export interface InstanceSettingsDTO {
  signupPolicy: SignupPolicy;
  /** Lower-case domains open sign-up accepts; empty: any. */
  allowedEmailDomains: string[];
  emailVerification: EmailVerificationMode;
  roomOwnersMayInvite: boolean;
  /** Global admins and moderators need two-factor on for the dashboard and the admin API (docs/two-factor.md). */
  requireTwoFactorForStaff: boolean;
  updatedAt: string;
}

/** At most this many allowed domains. */
export const MAX_ALLOWED_DOMAINS = 50;

/** A domain name as in an email address after the "@" (lower-cased; no scheme, no "@", at least one dot). */
export const ZEmailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/^@/, ""))
  .pipe(
    z
      .string()
      .max(253, "is too long")
      .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/, "must be a domain such as example.com"),
  );

/** `PUT /api/admin/settings`: any subset of the settings. */
export const ZInstanceSettingsUpdate = z
  .object({
    signupPolicy: z.enum(SIGNUP_POLICIES),
    allowedEmailDomains: z.array(ZEmailDomain).max(MAX_ALLOWED_DOMAINS, `must list at most ${MAX_ALLOWED_DOMAINS} domains`),
    emailVerification: z.enum(EMAIL_VERIFICATION_MODES),
    roomOwnersMayInvite: z.boolean(),
    requireTwoFactorForStaff: z.boolean(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Change at least one setting." });
export type TInstanceSettingsUpdate = z.infer<typeof ZInstanceSettingsUpdate>;

/** The answer to every valid registration (and email change): nothing about the address is revealed. */
export interface CheckEmailAnswer {
  status: "check-email";
}

/** The secret in a mailed link (32 random bytes, base64url). */
export const ZMailedToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "is not a valid link");

export const ZVerifyEmailRequest = z.object({ token: ZMailedToken }).strict();
/** `POST /api/auth/verify-email/resend`: signed out (from the sign-in form) it names the account. */
export const ZResendVerificationRequest = z.object({ email: ZEmail }).strict();
export const ZChangeEmailRequest = z.object({ email: ZEmail, currentPassword: z.string().min(1, "is required").max(200) }).strict();

/** Mailed verification links work for this long. */
export const VERIFY_TOKEN_TTL_HOURS = 48;
/** Invitations work for this long (a resend starts it again). */
export const INVITATION_TTL_DAYS = 7;

/** Where the signed-in user's email stands (GET /api/me/email). */
export interface EmailStatusDTO {
  email: string;
  verified: boolean;
  /** An address waiting for its confirmation link (an email change), or null. */
  pendingEmail: string | null;
  emailVerification: EmailVerificationMode;
}

export const MAX_INVITATION_ROOMS = 20;
export const ZCreateInvitation = z
  .object({
    email: ZEmail,
    roomIds: z.array(ZId).max(MAX_INVITATION_ROOMS, `must list at most ${MAX_INVITATION_ROOMS} rooms`).default([]),
  })
  .strict();

export const ZAcceptInvitation = z.object({ name: ZDisplayName, password: ZPassword }).strict();

export type InvitationState = "pending" | "accepted" | "revoked" | "expired";

export interface AccountInvitationDTO {
  id: string;
  email: string;
  rooms: { id: string; name: string }[];
  invitedBy: { id: string; name: string };
  state: InvitationState;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
}

/** What the accept page shows (GET /api/account-invitations/{token}). */
export interface InvitationPreview {
  email: string;
  inviterName: string;
  rooms: { id: string; name: string }[];
  expiresAt: string;
}

/** The `error` next-auth reports to the sign-in form for an unverified account in REQUIRED mode. */
export const SIGNIN_EMAIL_UNVERIFIED = "EMAIL_UNVERIFIED";
