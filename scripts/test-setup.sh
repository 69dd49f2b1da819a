#!/usr/bin/env bash
# `npm test`'s pretest: make this machine able to run every test — Debian packages (Chromium, LibreOffice,
# poppler, CJK fonts, PostgreSQL), a running PostgreSQL cluster on 127.0.0.1:5432 and its `test` database.
# Idempotent and quiet when all is in place. As root it installs and starts what is missing (the way
# `playwright install --with-deps` does); otherwise it prints the one command that would.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${JIXIAO_TEST_SKIP_SETUP:-}" = 1 ]; then exit 0; fi

bash scripts/install-system-deps.sh

if [ "${JIXIAO_TEST_SKIP_PG:-}" = 1 ]; then
  echo "test setup: JIXIAO_TEST_SKIP_PG=1 — PostgreSQL left out, only PGlite is tested" >&2
  exit 0
fi
# A URL of the caller's own: trust it and do not touch the local cluster.
if [ -n "${JIXIAO_TEST_DATABASE_URL:-}" ]; then exit 0; fi

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  if [ "$(id -u)" != 0 ]; then
    echo "test setup: PostgreSQL is not running on 127.0.0.1:5432; run: sudo bash scripts/test-setup.sh" >&2
    exit 1
  fi
  version=$(ls /etc/postgresql | sort -V | tail -1)
  if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
    pg_createcluster "$version" main >/dev/null
  fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  pg_isready -h 127.0.0.1 -p 5432 -q || { echo "test setup: PostgreSQL did not start" >&2; exit 1; }
  echo "test setup: PostgreSQL started"
fi

psql_admin() {
  # -w: never wait at a password prompt.
  if psql -w -h 127.0.0.1 -U postgres -d postgres -tAc "$1" 2>/dev/null; then return 0; fi
  # Peer or password auth on TCP: as root, ask as the postgres system user over the socket instead.
  if [ "$(id -u)" = 0 ]; then su postgres -c "psql -d postgres -tAc \"$1\""; else return 1; fi
}
if ! psql_admin "select 1 from pg_database where datname = 'test'" | grep -q 1; then
  psql_admin 'create database test' >/dev/null || {
    echo "test setup: cannot create the test database; run: sudo bash scripts/test-setup.sh" >&2
    exit 1
  }
  echo "test setup: database test created"
fi

# The tests connect as postgres@127.0.0.1/test without a password (test/server/support.ts). A cluster made by
# Debian's postgresql package asks for one on TCP (scram-sha-256): as root, let that user reach that database
# from this machine only, first in pg_hba.conf.
if ! psql -w -h 127.0.0.1 -U postgres -d test -tAc 'select 1' >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "test setup: cannot connect to postgres://postgres@127.0.0.1:5432/test without a password; run: sudo bash scripts/test-setup.sh (or set JIXIAO_TEST_DATABASE_URL)" >&2
    exit 1
  fi
  hba=$(su postgres -c "psql -d postgres -tAc 'show hba_file'")
  rule='host test postgres 127.0.0.1/32 trust'
  if ! grep -qxF "$rule" "$hba"; then
    { echo '# Jixiao tests (scripts/test-setup.sh): postgres may reach the test database from this machine.'; echo "$rule"; cat "$hba"; } >"$hba.jixiao"
    cat "$hba.jixiao" >"$hba" && rm -f "$hba.jixiao"
    su postgres -c "psql -d postgres -tAc 'select pg_reload_conf()'" >/dev/null
    echo "test setup: $hba lets postgres reach the test database from 127.0.0.1 without a password"
  fi
  psql -w -h 127.0.0.1 -U postgres -d test -tAc 'select 1' >/dev/null || {
    echo "test setup: still cannot connect to postgres://postgres@127.0.0.1:5432/test" >&2
    exit 1
  }
fi
