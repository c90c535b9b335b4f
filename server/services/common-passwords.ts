/**
 * The shipped list of common passwords (data/common-passwords.txt: the 10,000 most common, lower
 * case, from zxcvbn-ts's @zxcvbn-ts/language-common frequency list, MIT; rebuilt by
 * `node scripts/build-common-passwords.mjs`). Read once, on first use, from the install root: the
 * working directory the server runs in (the repository, or /app in the image), else the folder
 * above the started script (`node /opt/parley/dist/server.mjs` run from elsewhere, as the embedded
 * one-command start and a systemd unit may do).
 */
import fs from "node:fs";
import path from "node:path";

export const COMMON_PASSWORDS_FILE = path.join("data", "common-passwords.txt");

let list: Set<string> | undefined;

/** The list's path: under the working directory, or up to three folders above the started script. */
function listFile(): string {
  const roots = [process.cwd()];
  for (let dir = path.dirname(path.resolve(process.argv[1] ?? ".")), i = 0; i < 3; i++, dir = path.dirname(dir)) roots.push(dir);
  const found = roots.map((r) => path.join(r, COMMON_PASSWORDS_FILE)).find((f) => fs.existsSync(f));
  if (!found) throw new Error(`${COMMON_PASSWORDS_FILE} is missing: looked under ${roots.join(", ")}`);
  return found;
}

function commonPasswords(): Set<string> {
  list ??= new Set(
    fs
      .readFileSync(listFile(), "utf8")
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
