#!/usr/bin/env bash
# The test cluster that test.sh provides works the way the db tests rely on: the role in
# JF_TEST_PGUSER reaches it over the socket and may create databases, and
# "$JF_CLUSTER_SCRIPT" restart "$JF_TEST_CLUSTER" restarts it in place, whoever runs it.
set -u
# shellcheck source=tests/packaging/tap.sh
. "$(dirname "$0")/tap.sh"

if [ -z "${JF_TEST_PGHOST:-}" ] || [ -z "${JF_CLUSTER_SCRIPT:-}" ]; then
  tap_skip_all "no test cluster (run ./test.sh, or export JF_TEST_PGHOST and friends)"
fi

psql_q() {
  /usr/lib/postgresql/15/bin/psql -h "$JF_TEST_PGHOST" -p "$JF_TEST_PGPORT" \
    -U "$JF_TEST_PGUSER" -d "${2:-postgres}" -XAtq -v ON_ERROR_STOP=1 -c "$1"
}

db=jf_cluster_restart_$$
check "the test role connects over the socket" psql_q 'SELECT 1'
check "the test role may create a database" psql_q "CREATE DATABASE $db"
check "a table written before the restart" \
  psql_q 'CREATE TABLE t (v int); INSERT INTO t VALUES (42)' "$db"
check "the cluster is production-like: fsync on" test "$(psql_q 'SHOW fsync')" = on
encoding=$(psql_q "SELECT pg_encoding_to_char (encoding) || ' ' || datctype
                   FROM pg_database WHERE datname = '$db'")
check "the databases are UTF8 with the C.UTF-8 locale" test "$encoding" = "UTF8 C.UTF-8"

before=$(psql_q 'SELECT pg_postmaster_start_time()')
check "the cluster script restarts the cluster" "$JF_CLUSTER_SCRIPT" restart "$JF_TEST_CLUSTER"
after=$(psql_q 'SELECT pg_postmaster_start_time()')
check "it is a new postmaster after the restart" test -n "$after" -a "$before" != "$after"
check "the table survived the restart" test "$(psql_q 'SELECT v FROM t' "$db")" = 42
check "the cluster script reports it running" "$JF_CLUSTER_SCRIPT" status "$JF_TEST_CLUSTER"
check "the test database is dropped" psql_q "DROP DATABASE $db"

tap_done
