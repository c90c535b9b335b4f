#!/usr/bin/env bash
# Certificates for running Parley over HTTPS locally: a local certificate authority and a
# server certificate it signs, for localhost, 127.0.0.1 and ::1 plus any names given.
#
#   scripts/make-certs.sh                         # into deploy/certs/ (docker-compose.yml mounts it)
#   scripts/make-certs.sh -o DIR chat.lan 10.0.0.5  # elsewhere, with more names (IPs or DNS names)
#
# Writes ca.crt + ca.key (the authority: trust ca.crt in your browser or OS; keep ca.key
# private) and server.crt + server.key (what nginx serves). An existing CA in DIR is reused, so
# browsers that trust it keep trusting new server certificates. Needs openssl
# (apt-get install openssl). For a public server use real certificates instead (README, Deploy).
set -euo pipefail

out="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/deploy/certs"
if [[ ${1:-} == "-o" ]]; then
  out="${2:?-o needs a directory}"
  shift 2
fi
command -v openssl >/dev/null 2>&1 || { echo "make-certs: openssl not found (apt-get install openssl)" >&2; exit 1; }
mkdir -p "$out"
umask 077

san="DNS:localhost,IP:127.0.0.1,IP:::1"
for name in "$@"; do
  if [[ $name =~ ^[0-9.]+$ || $name == *:* ]]; then san+=",IP:$name"; else san+=",DNS:$name"; fi
done

if [[ ! -f $out/ca.key || ! -f $out/ca.crt ]]; then
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -subj "/CN=Parley local CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$out/ca.key" -out "$out/ca.crt" 2>/dev/null
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
openssl req -newkey rsa:2048 -nodes -sha256 -subj "/CN=${1:-localhost}" -keyout "$out/server.key" -out "$tmp/server.csr" 2>/dev/null
printf 'subjectAltName=%s\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' "$san" >"$tmp/ext"
# 825 days: the longest validity Apple platforms accept for a server certificate.
openssl x509 -req -in "$tmp/server.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial -CAserial "$tmp/ca.srl" \
  -days 825 -sha256 -extfile "$tmp/ext" -out "$out/server.crt" 2>/dev/null
chmod 644 "$out/ca.crt" "$out/server.crt"
# nginx's master process reads the key as root (Compose) or as the user running it (the loopback cluster).
chmod 600 "$out/server.key" "$out/ca.key"
echo "make-certs: $out/server.crt for $san, signed by $out/ca.crt"
