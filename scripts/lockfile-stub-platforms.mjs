// The npm registry reachable here omits other platforms' binary packages (darwin, win32, ...), so a lockfile
// written here lacks their entries and `npm ci` refuses it. This adds the entries npm expects
// (name, version, os/cpu/libc) from an `npm ci` error log: node scripts/lockfile-stub-platforms.mjs npm-ci.log
import fs from "node:fs";
const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
const missing = fs.readFileSync(process.argv[2], "utf8").split("\n").map((l) => l.match(/Missing: (.+?)@ from lock file/)).filter(Boolean).map((m) => m[1]);
const osOf = (n) => ["darwin", "win32", "android", "freebsd", "openbsd", "openharmony", "linux"].find((o) => n.includes(`-${o}-`));
const cpuOf = (n) => (n.match(/-(arm64|x64|ia32|arm|loong64|ppc64|riscv64|s390x|wasm32)(-|$)/) || [])[1];
for (const name of missing) {
  let version;
  for (const v of Object.values(lock.packages)) if (v.optionalDependencies?.[name]) version = v.optionalDependencies[name];
  const entry = { version, optional: true };
  const os = osOf(name), cpu = cpuOf(name);
  if (os) entry.os = [os === "openharmony" ? "openharmony" : os];
  if (cpu) entry.cpu = [cpu === "wasm32" ? "wasm32" : cpu];
  if (name.includes("musl")) entry.libc = ["musl"];
  else if (os === "linux") entry.libc = ["glibc"];
  lock.packages[`node_modules/${name}`] = entry;
}
fs.writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n");
console.log("stubbed", missing.length);
