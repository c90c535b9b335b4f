/**
 * nginx for the loopback cluster: deploy/nginx.conf (the Compose load balancer) itself, with
 * loopback upstreams, its own port, and every path (pid, logs, temp files) in a private
 * directory, so it runs unprivileged and next to any other nginx.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** The nginx binary: $PARLEY_NGINX, else `nginx` on PATH, else Debian's /usr/sbin/nginx. */
export function findNginx(): string | null {
  if (process.env.PARLEY_NGINX) return process.env.PARLEY_NGINX;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "nginx");
    if (dir && existsSync(candidate)) return candidate;
  }
  return existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : null;
}

function replaceOnce(text: string, pattern: RegExp, replacement: string | ((match: string, ...groups: string[]) => string)): string {
  if (!pattern.test(text)) throw new Error(`deploy/nginx.conf no longer matches ${pattern}: update scripts/cluster/nginx.ts`);
  return typeof replacement === "string" ? text.replace(pattern, replacement) : text.replace(pattern, replacement);
}

/** deploy/nginx.conf rewritten for loopback: `upstreams` are the app ports, `dir` holds every file. */
export function loopbackNginxConfig(source: string, opts: { dir: string; port: number; upstreams: number[] }): string {
  const d = opts.dir;
  let conf = source;
  conf = replaceOnce(conf, /^worker_processes .*;$/m, `worker_processes 1;\ndaemon off;\npid ${d}/nginx.pid;\nerror_log ${d}/nginx-error.log warn;`);
  const tempPaths = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `  ${t}_temp_path ${d}/${t};`).join("\n");
  conf = replaceOnce(conf, /^ {2}access_log .*;$/m, `  access_log off;\n${tempPaths}`);
  // The upstream servers: the first app line becomes one line per loopback port, keeping its parameters.
  conf = replaceOnce(conf, /^(\s*)server app1:3000( [^;]*)?;$/m, (_m, indent = "", params = "") =>
    opts.upstreams.map((p) => `${indent}server 127.0.0.1:${p}${params};`).join("\n"),
  );
  conf = conf.replace(/^\s*server app\d+:3000[^;]*;\n/gm, "");
  conf = replaceOnce(conf, /^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${opts.port};`);
  // Which instance answered: lets the tests (and you) see the balancing at work.
  conf = replaceOnce(conf, /^(\s*)add_header Set-Cookie (.*)$/m, `$1add_header Set-Cookie $2\n$1add_header X-Parley-Upstream $upstream_addr always;`);
  return conf;
}

export function readDeployNginxConfig(root: string): string {
  return readFileSync(path.join(root, "deploy/nginx.conf"), "utf8");
}
