import { describe, expect, it } from "vitest";
import { loopbackNginxConfig, readDeployNginxConfig } from "@/scripts/cluster/nginx";
import { ROOT } from "@/scripts/cluster/topology";

describe("deploy/nginx.conf on loopback", () => {
  const source = readDeployNginxConfig(ROOT);
  const conf = loopbackNginxConfig(source, { dir: "/tmp/x", port: 8080, upstreams: [4001, 4002] });

  it("keeps the balancing rules of the Compose file: WebSocket upgrade, cookie stickiness, failover", () => {
    for (const directive of [
      "proxy_set_header Upgrade $http_upgrade;",
      "proxy_set_header Connection $connection_upgrade;",
      "hash $parley_sticky_key consistent;",
      "proxy_next_upstream error timeout http_502;",
      "add_header Set-Cookie $parley_sticky_cookie always;",
      // The client's address replaces any X-Forwarded-For the client sent (TRUST_PROXY=1 reads it).
      "proxy_set_header X-Forwarded-For $remote_addr;",
      "proxy_set_header X-Real-IP $remote_addr;",
    ]) {
      expect(source).toContain(directive);
      expect(conf).toContain(directive);
    }
  });

  it("never forwards /metrics, and never appends to a client's X-Forwarded-For", () => {
    for (const c of [source, conf]) {
      expect(c).toMatch(/location = \/metrics \{\s*return 404;\s*\}/);
      expect(c).not.toContain("$proxy_add_x_forwarded_for");
    }
  });

  it("swaps in the loopback upstreams, port and private paths, and nothing of the container's", () => {
    expect(conf).toContain("server 127.0.0.1:4001 max_fails=1 fail_timeout=3s;");
    expect(conf).toContain("server 127.0.0.1:4002 max_fails=1 fail_timeout=3s;");
    expect(conf).toContain("listen 127.0.0.1:8080;");
    expect(conf).toContain("pid /tmp/x/nginx.pid;");
    expect(conf).toContain("proxy_temp_path /tmp/x/proxy;");
    expect(conf).not.toMatch(/app\d:3000|listen 80;|\/var\/log/);
  });
});

describe("deploy/nginx.conf's TLS", () => {
  const source = readDeployNginxConfig(ROOT);
  const plain = loopbackNginxConfig(source, { dir: "/tmp/x", port: 8080, upstreams: [4001] });
  const tls = loopbackNginxConfig(source, { dir: "/tmp/x", port: 8443, upstreams: [4001], tls: { httpPort: 8080, certDir: "/tmp/x/certs" } });

  it("in Compose: HTTPS on 443 with the mounted certificates and HSTS, port 80 redirecting", () => {
    expect(source).toContain("listen 443 ssl;");
    expect(source).toContain("ssl_certificate /etc/nginx/certs/server.crt;");
    expect(source).toContain("ssl_certificate_key /etc/nginx/certs/server.key;");
    expect(source).toContain("return 301 https://$host$request_uri;");
    expect(source).toContain('add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;');
  });

  it("on loopback with tls: the same, on the given ports and certificate directory", () => {
    expect(tls).toContain("listen 127.0.0.1:8443 ssl;");
    expect(tls).toContain("listen 127.0.0.1:8080;");
    expect(tls).toContain("return 301 https://$host:8443$request_uri;");
    expect(tls).toContain("ssl_certificate /tmp/x/certs/server.crt;");
    expect(tls).not.toMatch(/ssl_certificate(_key)? \/etc|listen 80;|listen 443/);
  });

  it("on loopback without tls: one plain port, no redirect, no TLS settings", () => {
    expect(plain).toContain("listen 127.0.0.1:8080;");
    expect(plain).not.toMatch(/ssl|return 301|Strict-Transport-Security "/);
  });
});
