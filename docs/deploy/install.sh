#!/bin/sh
# Installs (or upgrades) hallq from an unpacked release archive, offline: no npm, no registry, no compiler.
#   tar -xzf hallq-<version>-linux-x64.tar.gz && sudo ./hallq-<version>-linux-x64/install.sh
# Creates the hallq system user, /var/lib/hallq (data) and /etc/hallq (configuration), copies the release
# to /opt/hallq (HALLQ_PREFIX to change), installs the systemd unit, and restarts the hub if it was running.
# Safe to run again: the same steps leave the same state; data and configuration are never touched.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX="${HALLQ_PREFIX:-/opt/hallq}"
NODE="${HALLQ_NODE:-$(command -v node || true)}"

[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root (sudo $0)" >&2; exit 1; }
[ -f "$HERE/RELEASE.json" ] || { echo "install.sh: run it from an unpacked release (RELEASE.json missing)" >&2; exit 1; }
[ -n "$NODE" ] || { echo "install.sh: Node.js 20.19 or newer is needed (apt install nodejs, or the official tarball; docs/deploy.md)" >&2; exit 1; }

# The native modules (better-sqlite3) were built for one Node ABI; another major Node cannot load them.
WANT=$(sed -n 's/.*"abi": *"\([0-9]*\)".*/\1/p' "$HERE/RELEASE.json")
HAVE=$("$NODE" -p process.versions.modules)
if [ "$WANT" != "$HAVE" ]; then
  echo "install.sh: this release was built for $(sed -n 's/.*"node": *"\([^"]*\)".*/\1/p' "$HERE/RELEASE.json") (ABI $WANT); $NODE is $("$NODE" --version) (ABI $HAVE)." >&2
  echo "  Install the same major Node version, or build a release on a machine with this one (npm run release)." >&2
  exit 1
fi

id hallq >/dev/null 2>&1 || useradd --system --home /var/lib/hallq --shell /usr/sbin/nologin hallq
install -d -o hallq -g hallq -m 750 /var/lib/hallq
install -d -o root -g hallq -m 750 /etc/hallq

# Replace the code as a whole (a file left from an older release must not linger), never the data.
if [ "$HERE" != "$PREFIX" ]; then
  rm -rf "$PREFIX.new"
  cp -a "$HERE" "$PREFIX.new"
  chown -R root:root "$PREFIX.new"
  if [ -d "$PREFIX" ]; then rm -rf "$PREFIX.old" && mv "$PREFIX" "$PREFIX.old"; fi
  mv "$PREFIX.new" "$PREFIX"
  rm -rf "$PREFIX.old"
fi

if command -v systemctl >/dev/null 2>&1 && [ -d /etc/systemd/system ]; then
  sed "s#/opt/hallq#$PREFIX#g; s#/usr/bin/node#$NODE#g" "$PREFIX/docs/deploy/hallq.service" > /etc/systemd/system/hallq.service
  chmod 644 /etc/systemd/system/hallq.service
  systemctl daemon-reload
  systemctl try-restart hallq.service
fi

echo "hallq $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$PREFIX/RELEASE.json") is installed in $PREFIX."
if [ ! -f /etc/hallq/hallq.yaml ]; then
  echo "Next (docs/deploy.md, \"The hub\", steps 3-5):"
  echo "  sudo $NODE $PREFIX/server/cli/hallq.mjs init /etc/hallq --name \"<hall name>\""
  echo "  sudo -u hallq $NODE $PREFIX/server/cli/hallq.mjs staff add admin --name 管理员 --role admin --data-dir /var/lib/hallq"
  echo "  sudo systemctl enable --now hallq"
fi
