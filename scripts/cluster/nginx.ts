/**
 * nginx for the loopback cluster: deploy/nginx.conf (the Compose load balancer) itself, with
 * loopback upstreams, its own port, and every path (pid, logs, temp files) in a private
 * directory, so it runs unprivileged and next to any other nginx.
 */
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
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

export interface LoopbackNginxOptions {
  /** Holds every file nginx writes (pid, logs, temp files) and the config itself. */
  dir: string;
  /** The port clients use (HTTPS in TLS mode). */
  port: number;
  /** The app instances' loopback ports. */
  upstreams: number[];
  /**
   * TLS as in Compose: `port` serves HTTPS with `certDir`/server.crt and server.key, `httpPort`
   * redirects to it. Without it, `port` serves plain HTTP (what the fault tests use).
   */
  tls?: { httpPort: number; certDir: string };
  /**
   * Refuse every WebSocket upgrade with 403, as some corporate proxies and firewalls do, so
   * Socket.IO can only use HTTP long-polling (the fallback test).
   */
  refuseWebSocket?: boolean;
}

const TEMP_DIRS = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"];

/** deploy/nginx.conf rewritten for loopback: `upstreams` are the app ports, `dir` holds every file. */
export function loopbackNginxConfig(source: string, opts: LoopbackNginxOptions): string {
  const d = opts.dir;
  let conf = source;
  conf = replaceOnce(conf, /^worker_processes .*;$/m, `worker_processes 1;\ndaemon off;\npid ${d}/nginx.pid;\nerror_log ${d}/nginx-error.log warn;`);
  const tempPaths = TEMP_DIRS.map((t) => `  ${t}_temp_path ${d}/${t};`).join("\n");
  conf = replaceOnce(conf, /^ {2}access_log .*;$/m, `  access_log off;\n${tempPaths}`);
  // The upstream servers: the first app line becomes one line per loopback port, keeping its parameters.
  conf = replaceOnce(conf, /^(\s*)server app1:3000( [^;]*)?;$/m, (_m, indent = "", params = "") =>
    opts.upstreams.map((p) => `${indent}server 127.0.0.1:${p}${params};`).join("\n"),
  );
  conf = conf.replace(/^\s*server app\d+:3000[^;]*;\n/gm, "");
  if (opts.tls) {
    conf = replaceOnce(conf, /^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${opts.tls.httpPort};`);
    conf = replaceOnce(conf, /^(\s*)return 301 https:\/\/\$host\$request_uri;$/m, `$1return 301 https://$host:${opts.port}$request_uri;`);
    conf = replaceOnce(conf, /^(\s*)listen 443 ssl;$/m, `$1listen 127.0.0.1:${opts.port} ssl;`);
    conf = replaceOnce(conf, /\/etc\/nginx\/certs\//g, `${opts.tls.certDir}/`);
  } else {
    // Plain HTTP on one port: no redirecting server, no TLS settings, no HSTS.
    conf = replaceOnce(conf, /^ {2}# Plain HTTP[^\n]*\n {2}server \{[\s\S]*?^ {2}\}\n\n/m, "");
    conf = replaceOnce(conf, /^(\s*)listen 443 ssl;$/m, `$1listen 127.0.0.1:${opts.port};`);
    conf = replaceOnce(conf, /^\s*ssl_[a-z_]+ .*;\n/gm, "");
    conf = replaceOnce(conf, /^\s*add_header Strict-Transport-Security .*;\n/gm, "");
  }
  if (opts.refuseWebSocket) {
    conf = replaceOnce(conf, /^(\s*)proxy_set_header Upgrade \$http_upgrade;$/m, `$1if ($http_upgrade != "") {\n$1  return 403;\n$1}\n$&`);
  }
  // Which instance answered: lets the tests (and you) see the balancing at work.
  conf = replaceOnce(conf, /^(\s*)add_header Set-Cookie (.*)$/gm, `$1add_header Set-Cookie $2\n$1add_header X-Parley-Upstream $upstream_addr always;`);
  return conf;
}

export function readDeployNginxConfig(root: string): string {
  return readFileSync(path.join(root, "deploy/nginx.conf"), "utf8");
}

export interface NginxLaunch {
  command: string;
  args: string[];
  /** Set when running as root: nginx drops to nobody, which owns `dir`. */
  uid?: number;
  gid?: number;
}

/**
 * Writes the loopback config and nginx's temp directories into `opts.dir` and says how to start
 * it (in the foreground: the config has `daemon off`). Stop it with SIGQUIT, by its PID.
 */
export function prepareLoopbackNginx(root: string, opts: LoopbackNginxOptions): NginxLaunch {
  const bin = findNginx();
  if (!bin) throw new Error("nginx not found: install Debian's nginx (apt-get install nginx) or set PARLEY_NGINX.");
  const conf = path.join(opts.dir, "nginx.conf");
  writeFileSync(conf, loopbackNginxConfig(readDeployNginxConfig(root), opts));
  for (const sub of TEMP_DIRS) mkdirSync(path.join(opts.dir, sub), { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    chownSync(opts.dir, 65534, 65534);
    for (const f of readdirSync(opts.dir, { recursive: true })) chownSync(path.join(opts.dir, String(f)), 65534, 65534);
  }
  return { command: bin, args: ["-p", opts.dir, "-c", conf, "-e", path.join(opts.dir, "nginx-error.log")], ...(asRoot ? { uid: 65534, gid: 65534 } : {}) };
}
