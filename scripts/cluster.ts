/**
 * `npm run cluster`: Parley's scaled-out topology on loopback, without Docker — a database
 * of its own on the machine's PostgreSQL (through a TCP proxy), its own redis-server, two
 * app instances (the built dist/server.mjs) and nginx in front. Prints the URL; Ctrl-C stops
 * everything it started. See scripts/cluster/topology.ts.
 *
 * `npm run cluster -- --tls`: nginx ends TLS as in Compose (https://, plain HTTP redirected),
 * with a CA made for this run; it prints the CA's file to trust (e.g. curl --cacert).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { ROOT, startCluster } from "./cluster/topology";

async function main() {
  if (!existsSync(path.join(ROOT, "dist/server.mjs"))) {
    process.stderr.write("No build yet: run `npm run build` first.\n");
    process.exit(1);
  }
  const started = Date.now();
  const tls = process.argv.slice(2).includes("--tls");
  const cluster = await startCluster({ seed: true, tls, log: (line) => process.stdout.write(`  ${line}\n`) });
  process.stdout.write(
    `\nParley cluster ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${cluster.url}\n` +
      (cluster.tls ? `Its certificate is signed by ${cluster.tls.caFile} (trust it, or curl --cacert it); ${cluster.tls.httpUrl} redirects.\n` : "") +
      `Sign in as admin@parley.local / parley-admin. Logs: ${cluster.dir}. Ctrl-C stops everything.\n`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the cluster…\n`);
    cluster
      .stop()
      .then(() => process.exit(0))
      .catch((e: unknown) => {
        process.stderr.write(`stop failed: ${String(e)}\n`);
        process.exit(1);
      });
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  // Report instances that die on their own (the cluster keeps serving through the other).
  for (const app of cluster.apps) {
    void app.exited.then((code) => {
      if (!stopping) process.stdout.write(`${app.name} exited (${code ?? "signal"}); nginx sends its clients to the other instance\n`);
    });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
