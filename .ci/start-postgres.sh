#!/usr/bin/env bash
# Installs PostgreSQL from Debian when absent, starts a cluster on 127.0.0.1 and prints the TEST_DATABASE_URL the
# sync-server tests use (a superuser role, so each test file can create its own database).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

# Only the URL may reach stdout (the caller captures it): start() sends everything the tools print to stderr, e.g.
# pg_ctlcluster's "Removed stale pid file." after a machine restart. (Not `exec 3>&1`: the server would inherit
# the captured descriptor and the caller would wait for it forever.)
start() {
  if ! command -v pg_lsclusters >/dev/null 2>&1; then
    echo ".ci/start-postgres: installing PostgreSQL" >&2
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
  fi
  read -r version cluster port status _ < <(pg_lsclusters --no-header | head -1)
  if [ -z "${version:-}" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    pg_createcluster "$version" main >/dev/null
    read -r version cluster port status _ < <(pg_lsclusters --no-header | head -1)
  fi
  if [ "$status" != "online" ]; then
    pg_ctlcluster "$version" "$cluster" start
  fi
  runuser -u postgres -- psql -q -p "$port" -v ON_ERROR_STOP=1 <<SQL >&2
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cytocurator') THEN
    CREATE ROLE cytocurator LOGIN SUPERUSER PASSWORD 'cytocurator';
  END IF;
END \$\$;
SQL
  runuser -u postgres -- psql -q -p "$port" -tc "SELECT 1 FROM pg_database WHERE datname = 'cytocurator_test'" | grep -q 1 \
    || runuser -u postgres -- createdb -p "$port" -O cytocurator cytocurator_test
}
start >&2
echo "postgres://cytocurator:cytocurator@127.0.0.1:${port}/cytocurator_test"
