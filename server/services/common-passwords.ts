/**
 * The shipped list of common passwords (data/common-passwords.txt: the 10,000 most common, lower
 * case, from zxcvbn-ts's @zxcvbn-ts/language-common frequency list, MIT; rebuilt by
 * `node scripts/build-common-passwords.mjs`). Read once, on first use, from the working directory
 * the server runs in (the repository, or /app in the image).
 */
import fs from "node:fs";
import path from "node:path";

export const COMMON_PASSWORDS_FILE = path.join("data", "common-passwords.txt");

let list: Set<string> | undefined;

function commonPasswords(): Set<string> {
  list ??= new Set(
    fs
      .readFileSync(path.resolve(process.cwd(), COMMON_PASSWORDS_FILE), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean),
  );
  return list;
}

/** Whether `password` (any case, surrounding spaces ignored) is on the list. */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.trim().toLowerCase());
}

/** How many passwords the list holds. */
export function commonPasswordCount(): number {
  return commonPasswords().size;
}
