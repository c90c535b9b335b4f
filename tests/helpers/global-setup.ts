/** Integration tests run against the production build: build it once when it is missing. */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./db";

export default function setup() {
  const built = existsSync(path.join(ROOT, "dist/server.mjs")) && existsSync(path.join(ROOT, ".next/BUILD_ID"));
  if (!built || process.env.PARLEY_TEST_REBUILD === "1") {
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  }
}
