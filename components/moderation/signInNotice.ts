/** Sign-in page messages for moderation outcomes (`?error=` from next-auth or the session-ended redirect). */
import { banMessage, parseBanErrorCode } from "@/lib/shared/moderation";

export function signInErrorMessage(code: string): string | null {
  const ban = parseBanErrorCode(code);
  if (ban) return banMessage(ban);
  if (code === "SessionEnded") return "You were signed out. Sign in again to continue.";
  return null;
}
