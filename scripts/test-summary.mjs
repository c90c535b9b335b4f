// Reads the vitest and Playwright JSON reports and prints one line: "N passed, N failed".
// A missing or unreadable report counts as one failure (the suite did not finish).
import { readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
const [vitestFile, e2eFile] = process.argv.slice(2);

function read(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    console.error(`missing or unreadable report: ${file}`);
    failed += 1;
    return null;
  }
}

const v = read(vitestFile);
if (v) {
  // A file whose set-up (beforeAll) failed reports its tests as skipped: they did not pass, so
  // they count as failed here.
  let notRun = 0;
  for (const file of v.testResults ?? []) {
    if (file.status === "failed") notRun += (file.assertionResults ?? []).filter((t) => t.status === "pending" || t.status === "skipped").length;
  }
  const vitestFailed = (v.numFailedTests ?? 0) + notRun;
  passed += v.numPassedTests ?? 0;
  failed += vitestFailed + (v.success === false && !vitestFailed ? 1 : 0);
  console.log(`vitest: ${v.numPassedTests} passed, ${vitestFailed} failed${notRun ? ` (${notRun} not run: their file's set-up failed)` : ""}, ${(v.numPendingTests ?? 0) - notRun} skipped`);
}
const e = read(e2eFile);
if (e) {
  const s = e.stats ?? {};
  const ok = (s.expected ?? 0) + (s.flaky ?? 0);
  const bad = s.unexpected ?? 0;
  const errors = Array.isArray(e.errors) ? e.errors.length : 0;
  passed += ok;
  failed += bad + (errors && !bad ? 1 : 0);
  console.log(`e2e: ${ok} passed, ${bad} failed, ${s.skipped ?? 0} skipped${s.flaky ? ` (${s.flaky} flaky)` : ""}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
