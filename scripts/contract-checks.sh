#!/usr/bin/env bash
# The contract checks of the test command: the committed OpenAPI document against the code (drift and breaking
# changes), then, against a running instance, the lint, the generated C# and TypeScript clients' scenarios and the
# Swagger UI smoke test, and last the fuzz stage (contract/fuzz.mjs: requests generated from the document, each one
# a case; it prints "fuzz: N passed, N failed", which test.sh adds to its total); before the fuzz stage,
# scripts/multi-instance.sh (two instances behind HAProxy, with Redis) as the one check multi-instance. Each check prints
# "CHECK <name>: PASS|FAIL"; test.sh counts them with the tests.
#
# CONTRACT_CHECKS=fuzz runs only what the fuzz stage needs (database, instance, npm tools, fuzz): scripts/fuzz.sh.
#
# The running instance gets a database of its own, emulation_contract_<pid>_<random>, created here on the server that
# ConnectionStrings__Emulation names (only its host, port and credentials are used; its database is never touched) or
# on the private cluster of scripts/postgres.sh, and dropped on exit. The API listens on 127.0.0.1:${EMULATION_CONTRACT_PORT:-5071}.
#
# Strict: every step that fails is a FAIL (its output shown), and the checks that must run are listed in $expected —
# one that printed no line counts as failed. The last line is "contract checks: N passed, N failed"; the exit status
# is 0 only when every expected check passed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
port="${EMULATION_CONTRACT_PORT:-5071}"
base="http://127.0.0.1:$port"
key="emk_contract-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
out="src/Api/bin/Release/net10.0"

# The checks that must print a line, in order. contract/check.sh prints tools … typescript-scenario (and "document"
# only when openapi/v1.json is missing, which then fails openapi-matches-code anyway).
only="${CONTRACT_CHECKS:-all}"
expected=(openapi-matches-code contract-database migrate-seed contract-instance tools lint csharp-generate csharp-compile
  csharp-scenario typescript-generate typescript-compile typescript-scenario contract-script swagger-ui multi-instance fuzz)
[ "$only" = fuzz ] && expected=(contract-database migrate-seed contract-instance tools fuzz)

work="$(mktemp -d)"
lines="$work/lines"
: >"$lines"
api=""
database=""

# result <name> <status> [log]: prints the CHECK line (and the log of a failure) and remembers it.
result() {
  local name="$1" status="$2" log="${3:-}"
  if [ "$status" -eq 0 ]; then echo "CHECK $name: PASS" | tee -a "$lines"
  else
    echo "CHECK $name: FAIL" | tee -a "$lines"
    if [ -n "$log" ] && [ -s "$log" ]; then tail -n 40 "$log" | sed 's/^/    /'; fi
  fi
}

# check <name> <command…>: runs the command with its output in a log; the log is shown when it fails.
check() {
  local name="$1"; shift
  local log="$work/$name.log"
  "$@" >"$log" 2>&1
  result "$name" $? "$log"
}

passed_check() { grep -qx "CHECK $1: PASS" "$lines"; }

# summary: every expected check that printed no line is a failure; prints the totals and exits accordingly.
summary() {
  local passed=0 failed=0 name
  for name in "${expected[@]}"; do
    if grep -qx "CHECK $name: PASS" "$lines"; then passed=$((passed + 1))
    elif grep -qx "CHECK $name: FAIL" "$lines"; then failed=$((failed + 1))
    else echo "CHECK $name: FAIL"; echo "    did not run"; failed=$((failed + 1)); fi
  done
  # A line for a check nobody expects is an error of this script: count it so it gets noticed.
  while read -r name; do
    if [[ ! " ${expected[*]} document " == *" $name "* ]]; then echo "    unexpected check '$name'"; failed=$((failed + 1)); fi
  done < <(sed -n 's/^CHECK \(.*\): \(PASS\|FAIL\)$/\1/p' "$lines")
  echo "contract checks: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# The server the contract database lives on: the one ConnectionStrings__Emulation names, else the private cluster.
server="${ConnectionStrings__Emulation:-}"
if [ -z "$server" ]; then
  if scripts/postgres.sh start >"$work/postgres.log" 2>&1; then server="$(scripts/postgres.sh url)"
  else cat "$work/postgres.log"; fi
fi
. scripts/server-sql.sh   # conn, pg

cleanup() {
  if [ -n "$api" ]; then kill "$api" 2>/dev/null; wait "$api" 2>/dev/null; fi
  if [ -n "$database" ]; then pg "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" >/dev/null 2>&1 || echo "could not drop $database"; fi
  rm -rf "$work"
}
trap cleanup EXIT

[ "$only" = fuzz ] || check openapi-matches-code scripts/openapi.sh check

# Swagger UI's smoke test drives Debian's Chromium.
if [ "$only" != fuzz ] && ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "[contract] installing Debian's chromium for the Swagger UI smoke test"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1; } || true
fi

# Its own database, created empty here and dropped on exit.
create_database() {
  [ -n "$server" ] || { echo "no PostgreSQL server (see above)"; return 1; }
  database="emulation_contract_$$_$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  pg "CREATE DATABASE \"$database\"" && echo "created $database"
}
check contract-database create_database
if ! passed_check contract-database; then database=""; summary; exit 1; fi
export ConnectionStrings__Emulation="$(echo "$server" | sed -E "s/(^|;)[[:space:]]*[Dd]atabase=[^;]*/\1Database=$database/")"
case "$ConnectionStrings__Emulation" in *"Database=$database"*) ;; *) ConnectionStrings__Emulation="$ConnectionStrings__Emulation;Database=$database" ;; esac

migrate_seed() { (cd "$out" && dotnet EmulationApi.Api.dll migrate seed); }
check migrate-seed migrate_seed
if ! passed_check migrate-seed; then summary; exit 1; fi

start_instance() {
  if curl -fs "$base/health/live" >/dev/null 2>&1; then
    echo "something already listens on $base; stop it or set EMULATION_CONTRACT_PORT"
    return 1
  fi
  # The fuzz stage sends thousands of requests with one key: the rate limits are raised so that it measures the API,
  # not the limiter (which has tests of its own).
  (cd "$out" && ASPNETCORE_URLS="$base" EMULATION_BOOTSTRAP_ADMIN_KEY="$key" Logging__LogLevel__Default=Warning \
    RateLimiting__PermitsPerMinute=600000 RateLimiting__ImportPermitsPerMinute=600000 RateLimiting__AnonymousPermitsPerMinute=600000 \
    exec env "Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning" dotnet EmulationApi.Api.dll >"$work/api.log" 2>&1) &
  api=$!
  for _ in $(seq 1 60); do curl -fs "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  if ! kill -0 "$api" 2>/dev/null || ! curl -fs "$base/health/ready" >/dev/null 2>&1; then
    tail -20 "$work/api.log"
    return 1
  fi
  echo "listening on $base against $database"
}
start_instance >"$work/contract-instance.log" 2>&1
result contract-instance $? "$work/contract-instance.log"
if ! passed_check contract-instance; then summary; exit 1; fi

# contract/check.sh prints its own CHECK lines; its exit status is a check of its own, so a failure it reports
# without a line (or a crash) is not lost.
if [ "$only" = fuzz ]; then
  CONTRACT_TOOLS_ONLY=1 contract/check.sh "$base" "$key" | tee -a "$lines"
else
  contract/check.sh "$base" "$key" | tee -a "$lines"
  result contract-script "${PIPESTATUS[0]}"

  mkdir -p artifacts
  swagger_ui() { (cd contract && node swagger-ui-smoke.mjs "$base" "$key" "$root/artifacts/swagger-ui.png"); }
  check swagger-ui swagger_ui

  # Several instances behind a load balancer (README → Deployment): two instances, HAProxy and Redis of its own on a
  # database of its own (one to two minutes). Its "CHECK multi-…" lines are shown indented; here it is one check.
  scripts/multi-instance.sh >"$work/multi-instance.log" 2>&1
  status=$?
  result multi-instance "$status"
  sed 's/^/    /' "$work/multi-instance.log"
fi

# The fuzz stage last: it changes and deletes data the scenarios above rely on. Its seed and counts are always shown,
# its failures (by class, then the first ones in detail) when it fails; FUZZ_SEED replays a run.
fuzz() {
  local log="$work/fuzz.log"
  (cd contract && node fuzz.mjs "$base" "$key" "$root/openapi/v1.json") >"$log" 2>&1
  local status=$?
  # The log without the operations that had no failure, and without the counts line (printed once, below).
  if [ "$status" -eq 0 ]; then grep '^fuzz seed' "$log" | sed 's/^/    /'
  else grep -v -E '^  [A-Za-z]+ +[0-9]+ cases \([^)]*\)$|^fuzz: [0-9]+ passed' "$log" | head -n 250 | sed 's/^/    /'; fi
  # The counts line, unindented, for test.sh.
  grep -E '^fuzz: [0-9]+ passed, [0-9]+ failed$' "$log"
  return "$status"
}
if passed_check contract-instance && passed_check tools; then
  fuzz >"$work/fuzz.out"; status=$?
  result fuzz "$status"; cat "$work/fuzz.out"
else
  result fuzz 1
fi

summary
