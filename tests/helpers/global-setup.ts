/**
 * Once per run of the integration and cluster projects: build the production app when it is
 * missing, and migrate one template database that every test database is copied from
 * (CREATE DATABASE ... TEMPLATE: far faster than running the migrations for every file).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrate, PG_ADMIN_URL, ROOT, uniqueDatabaseName, urlFor, withClient } from "./pg";

export default async function setup(project: TestProject) {
  const built = existsSync(path.join(ROOT, "dist/server.mjs")) && existsSync(path.join(ROOT, ".next/BUILD_ID"));
  if (!built || process.env.PARLEY_TEST_REBUILD === "1") {
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  }

  const template = uniqueDatabaseName("parley_template");
  const drop = () => withClient(PG_ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`));
  await withClient(PG_ADMIN_URL, (c) => c.query(`CREATE DATABASE "${template}"`));
  try {
    await migrate(urlFor(template));
  } catch (e) {
    await drop();
    throw e;
  }
  project.provide("templateDatabase", template);
  return async () => {
    await drop();
  };
}
