/**
 * The password rule for sign-up, reset and change: not on the shipped list of common passwords
 * (./common-passwords.ts), and zxcvbn's estimate (common passwords, names, words,
 * keyboard patterns, dates) must reach score 3 of 4 ("safely unguessable"), and the password must
 * not contain the account's email, the email's local part or the name. The refusal carries
 * zxcvbn's feedback, which the forms show under the password field.
 */
import { zxcvbn, zxcvbnOptions } from "@zxcvbn-ts/core";
import * as zxcvbnCommon from "@zxcvbn-ts/language-common";
import * as zxcvbnEn from "@zxcvbn-ts/language-en";
import { AppError } from "@/lib/shared/errors";
import { isCommonPassword } from "./common-passwords";

export const MIN_PASSWORD_SCORE = 3;

// The library's options are process-wide configuration (dictionaries), set once, never changed.
zxcvbnOptions.setOptions({
  translations: zxcvbnEn.translations,
  graphs: zxcvbnCommon.adjacencyGraphs,
  dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
});

/** Why `password` is refused for an account with these inputs (email, name), or null when it is strong enough. */
export function passwordProblem(password: string, userInputs: readonly string[]): string | null {
  const lower = password.toLowerCase();
  const personal = userInputs.flatMap((v) => {
    const s = v.trim().toLowerCase();
    const local = s.includes("@") ? s.slice(0, s.indexOf("@")) : null;
    return [s, ...(local ? [local] : [])];
  });
  if (personal.some((p) => p.length >= 3 && lower.includes(p))) return "must not contain your email or name";
  if (isCommonPassword(password)) return "is too easy to guess: it is one of the 10,000 most common passwords";
  const result = zxcvbn(password, [...personal]);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const hints = [result.feedback.warning, ...result.feedback.suggestions].filter((h): h is string => Boolean(h));
  return `is too easy to guess${hints.length ? `: ${hints.join(" ")}` : "; add more words or characters"}`;
}

/** Throws VALIDATION_FAILED on `password` (fieldErrors.password) when it is too weak. */
export function assertStrongPassword(password: string, userInputs: readonly string[]): void {
  const problem = passwordProblem(password, userInputs);
  if (problem) throw new AppError("VALIDATION_FAILED", `Password ${problem}`, { fieldErrors: { password: [problem] } });
}
