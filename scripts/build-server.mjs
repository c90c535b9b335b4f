// Bundles the custom server (server/index.ts and what it imports) into dist/server.mjs.
// Packages stay external (loaded from node_modules at run time); the `@/` alias and the
// generated Prisma client (TypeScript) are bundled.
//
// It then writes dist/build-stamp: a hash of the sources the build is made of, so that
// `node scripts/build-server.mjs --check` (scripts/test.sh) can tell a build of the current
// sources (exit 0) from a missing or stale one (exit 1) and CI builds only once.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const STAMP = "dist/build-stamp";
// Files that are not part of the build: the tests and their scripts and configuration, the docs, reports.
const NOT_BUILT = /^(tests|e2e|docs|test-reports|test-results|\.ci)\/|^scripts\/test(\.sh|-summary\.mjs)$|^(vitest|playwright)\.config\.ts$|\.md$/;

/** sha256 over the path and content of every tracked or untracked-but-not-ignored source file; null without git. */
function sourceHash() {
  let files;
  try {
    files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
      .split("\0")
      .filter((f) => f && !NOT_BUILT.test(f) && existsSync(f))
      .sort();
  } catch {
    return null;
  }
  const hash = createHash("sha256");
  for (const f of files) hash.update(f).update("\0").update(readFileSync(f)).update("\0");
  return hash.digest("hex");
}

// The sources are hashed before `next build` starts (`--begin`, the build script's first step):
// a file edited while the build runs then leaves the build stale, never stamped as current.
const PENDING = "dist/build-stamp.pending";
if (process.argv.includes("--begin")) {
  mkdirSync("dist", { recursive: true });
  rmSync(STAMP, { force: true });
  const begun = sourceHash();
  if (begun) writeFileSync(PENDING, `${begun}\n`);
  process.exit(0);
}

if (process.argv.includes("--check")) {
  const current = sourceHash();
  const built = existsSync(STAMP) && existsSync("dist/server.mjs") && existsSync(".next/BUILD_ID") ? readFileSync(STAMP, "utf8").trim() : null;
  const fresh = current !== null && built === current;
  console.log(fresh ? "the build is of the current sources" : built ? "the build is stale" : "no build of known sources");
  process.exit(fresh ? 0 : 1);
}

await build({
  entryPoints: ["server/index.ts"],
  outfile: "dist/server.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  packages: "external",
  banner: { js: "import { createRequire as __parleyCreateRequire } from 'node:module'; const require = __parleyCreateRequire(import.meta.url);" },
  logLevel: "warning",
});
const stamp = existsSync(PENDING) ? readFileSync(PENDING, "utf8").trim() : sourceHash();
rmSync(PENDING, { force: true });
if (stamp) writeFileSync(STAMP, `${stamp}\n`);
console.log("built dist/server.mjs");
