#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster (whatever version is installed) and creates the role the test suite
# and the city demo use: postgres://hallq:hallq@127.0.0.1:5432/postgres. Run as root. Safe to run twice.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p 5432 -q && break
  sleep 1
done
runuser -u postgres -- psql -q -tc "SELECT 1 FROM pg_roles WHERE rolname = 'hallq'" | grep -q 1 ||
  runuser -u postgres -- psql -q -c "CREATE ROLE hallq LOGIN SUPERUSER PASSWORD 'hallq'"
echo "PostgreSQL $version is up: postgres://hallq:hallq@127.0.0.1:5432/postgres"
