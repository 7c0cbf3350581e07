#!/usr/bin/env bash
# EmulationApi benchmark (issue 7): one machine, one run, API and raw baselines side by side.
#   bench/run.sh            build, start a private PostgreSQL database, load the data set, measure, print, write bench/results.json
# Settings (environment): EMULATION_PG_PORT (55432, the private cluster of scripts/postgres.sh), BENCH_DB (emulation_bench), BENCH_API_PORT (5471),
#   BENCH_BASELINE_PORT (5472), BENCH_DURATION (10 s a measurement), BENCH_WARMUP (3 s before each), BENCH_SKIP_BUILD=1.
# Not part of the tests. Needs root for apt-get (wrk) and for PostgreSQL's first install.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
work="$bench/.work"
export EMULATION_PG_PORT="${EMULATION_PG_PORT:-55432}"
db="${BENCH_DB:-emulation_bench}"
api_port="${BENCH_API_PORT:-5471}"
base_port="${BENCH_BASELINE_PORT:-5472}"
duration="${BENCH_DURATION:-10}"
warmup="${BENCH_WARMUP:-3}"
conn="Host=127.0.0.1;Port=$EMULATION_PG_PORT;Database=$db;Username=postgres;Maximum Pool Size=100"
key="bench-$(head -c 32 /dev/urandom | sha256sum | cut -c1-48)"
started=$(date +%s)

log() { printf '[bench %4ss] %s\n' "$(( $(date +%s) - started ))" "$*" >&2; }
psql_db() { psql -h 127.0.0.1 -p "$EMULATION_PG_PORT" -U postgres -v ON_ERROR_STOP=1 "$@"; }

rm -rf "$work"; mkdir -p "$work/res"
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# ---------------------------------------------------------------- tools and builds
if ! command -v wrk >/dev/null; then
  log "installing wrk (Debian)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
fi
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building the API and the baseline (Release)"
  dotnet build "$root/src/Api" -c Release -nologo -v q >"$work/build-api.log" 2>&1 || { cat "$work/build-api.log"; exit 1; }
  dotnet build "$bench/Baseline" -c Release -nologo -v q >"$work/build-baseline.log" 2>&1 || { cat "$work/build-baseline.log"; exit 1; }
fi
api_dir="$root/src/Api/bin/Release/net10.0"
base_dll="$bench/Baseline/bin/Release/net10.0/Baseline.dll"

# ---------------------------------------------------------------- database and data set
log "PostgreSQL on 127.0.0.1:$EMULATION_PG_PORT, fresh database $db"
# A cluster already answering on the port (another worktree's scripts/postgres.sh) is used as it is: starting this
# checkout's own cluster would start a second one on the same port.
if ! psql_db -d postgres -qAtc 'SELECT 1' >/dev/null 2>&1; then "$root/scripts/postgres.sh" start postgres >/dev/null; fi
psql_db -d postgres -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null
psql_db -d postgres -qc "CREATE DATABASE \"$db\"" >/dev/null
(cd "$api_dir" && ConnectionStrings__Emulation="$conn" Logging__LogLevel__Default=Warning dotnet EmulationApi.Api.dll migrate) >"$work/migrate.log" 2>&1 \
  || { cat "$work/migrate.log"; exit 1; }
log "loading the data set (1,000 units, 200 plans, 100,000 tasks, the issued plans' obligations)"
psql_db -d "$db" -q -f "$bench/data/generate.sql" >"$work/generate.log"
grep -A2 -E '^ *(obligations \| derive_seconds|obligations_reported|units \|)' "$work/generate.log" | grep -E '^ *[0-9]' >&2 || true
psql_db -d "$db" -tAc "SELECT id FROM tasks ORDER BY md5(id::text) LIMIT 2000" >"$work/task-ids.txt"
for spec in "IMP10K 10000" "RAW10K 10000" "IMP100K 100000" "RAW100K 100000"; do
  set -- $spec
  python3 "$bench/data/units_csv.py" "$work/$1.csv" "$1" "$2"
  python3 "$bench/data/units_csv.py" "$work/$1-changed.csv" "$1" "$2" 10
done

# ---------------------------------------------------------------- servers
for p in "$api_port" "$base_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then log "port $p is already in use: stop what listens there or set BENCH_API_PORT / BENCH_BASELINE_PORT"; exit 1; fi
done
log "starting the API (:$api_port) and the baseline (:$base_port)"
(cd "$api_dir" && exec env ConnectionStrings__Emulation="$conn" EMULATION_BOOTSTRAP_ADMIN_KEY="$key" \
  RateLimiting__PermitsPerMinute=100000000 RateLimiting__ImportPermitsPerMinute=100000 \
  Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning \
  Logging__LogLevel__Microsoft.EntityFrameworkCore=Error \
  ASPNETCORE_URLS="http://127.0.0.1:$api_port" DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production \
  dotnet EmulationApi.Api.dll) >"$work/api.log" 2>&1 &
api_pid=$!; pids+=("$api_pid")
(exec env ConnectionStrings__Emulation="$conn" ASPNETCORE_URLS="http://127.0.0.1:$base_port" dotnet "$base_dll") >"$work/baseline.log" 2>&1 &
base_pid=$!; pids+=("$base_pid")
ready() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$api_port/health/live")" = 200 ] &&
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$base_port/tasks/00000000-0000-0000-0000-000000000000")" = 404 ]
}
for i in $(seq 1 120); do ready && break; sleep 0.5; done
ready && kill -0 "$api_pid" && kill -0 "$base_pid" || { log "servers did not start"; tail -n 20 "$work/api.log" "$work/baseline.log"; exit 1; }

# RSS of the API: VmHWM (peak) reset at each phase's start through /proc/<pid>/clear_refs, plus a 100 ms VmRSS sampler.
echo idle >"$work/phase"
( while kill -0 "$api_pid" 2>/dev/null; do
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$api_pid/status" 2>/dev/null || true)
    ph=$(cat "$work/phase" 2>/dev/null); [ -n "$rss" ] && [ -n "$ph" ] && echo "$ph $rss" >>"$work/rss.log"
    sleep 0.1
  done ) &
pids+=("$!")
phase_begin() { echo "$1" >"$work/phase"; echo 5 >"/proc/$api_pid/clear_refs" 2>/dev/null || true; }
phase_end() {
  local hwm; hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$api_pid/status" 2>/dev/null || echo 0)
  echo "$1 $hwm" >>"$work/hwm.log"; echo idle >"$work/phase"
}

export BENCH_WRK_DIR="$bench/wrk"
# wrk_run NAME TARGET(api|baseline) SCRIPT URL CONNECTIONS [ENV=VALUE...]
wrk_run() {
  local name=$1 target=$2 script=$3 url=$4 c=$5; shift 5
  local keyenv=""; [ "$target" = api ] && keyenv="$key"
  [ "$target" = api ] && phase_begin "$name"
  env BENCH_KEY="$keyenv" "$@" wrk -t2 -c"$c" -d"${warmup}s" --timeout 10s -s "$bench/wrk/$script" "$url" >/dev/null 2>&1 || true
  env BENCH_KEY="$keyenv" "$@" wrk -t2 -c"$c" -d"${duration}s" --timeout 10s -s "$bench/wrk/$script" "$url" >"$work/res/$name.txt" 2>&1 || true
  [ "$target" = api ] && phase_end "$name"
  grep '^BENCH_JSON ' "$work/res/$name.txt" | sed 's/^BENCH_JSON //' >"$work/res/$name.json" || echo '{}' >"$work/res/$name.json"
  log "$(printf '%-24s %s' "$name" "$(cat "$work/res/$name.json" | cut -c1-150)")"
}

api="http://127.0.0.1:$api_port/api/v1"
base="http://127.0.0.1:$base_port"
filter_a="year=2026&quarter=2&pageSize=50"                 # the portal's quarter view
filter_b="leadUnitCode=STC&status=InProgress&pageSize=50"  # a unit's open tasks
ward="XP00918"                                              # a ward (phường) with many obligations (~630 in 2026)
filter_w="unitCode=$ward&year=2026&pageSize=50"            # its work list
filter_s="groupBy=Unit&year=2026&pageSize=50"              # the scorecard, a page of units

# The obligation reads must answer 200 with the counts the database holds before they are measured.
want_w=$(psql_db -d "$db" -tAc "SELECT count(*) FROM obligations o JOIN units u ON u.id = o.unit_id JOIN tasks t ON t.id = o.task_id
  JOIN plans p ON p.id = t.plan_id WHERE u.code = '$ward' AND p.year = 2026 AND o.state = 'Active'")
want_s=$(psql_db -d "$db" -tAc "SELECT count(DISTINCT o.unit_id) || ' ' || count(*) FROM obligations o JOIN tasks t ON t.id = o.task_id
  JOIN plans p ON p.id = t.plan_id WHERE p.year = 2026 AND o.state = 'Active'")
check() {  # check NAME URL EXPECTED PYTHON-EXPRESSION-OVER-j
  local code got
  code=$(curl -s -o "$work/res/$1.check" -w '%{http_code}' -H "X-Api-Key: $key" "$2")
  got=$(python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($4)" "$work/res/$1.check" 2>/dev/null || echo '?')
  echo "$code $got" >"$work/res/$1.got"; echo "$3" >"$work/res/$1.want"
  log "$(printf '%-24s %s, counts %s (database: %s)' "$1" "$code" "$got" "$3")"
}
check obligations_ward "$api/obligations?$filter_w" "$want_w" "j['totalCount']"
check obligations_scorecard "$api/obligations/summary?$filter_s" "$want_s" "f\"{j['totalCount']} {j['total']['total']}\""

# ---------------------------------------------------------------- reads
log "reads: ${warmup}s warm-up + ${duration}s per measurement"
for c in 32 64; do
  wrk_run "list_a_c$c.api" api get.lua "$api/tasks?$filter_a" "$c"
  wrk_run "list_a_c$c.baseline" baseline get.lua "$base/tasks?$filter_a" "$c"
done
wrk_run "list_b_c32.api" api get.lua "$api/tasks?$filter_b" 32
wrk_run "list_b_c32.baseline" baseline get.lua "$base/tasks?$filter_b" 32
for c in 32 64; do
  wrk_run "inm_a_c$c.api" api inm.lua "$api/tasks?$filter_a" "$c"
done
wrk_run "summary_c32.api" api get.lua "$api/tasks/summary?groupBy=LeadUnit&year=2026" 32
wrk_run "obl_ward_c32.api" api get.lua "$api/obligations?$filter_w" 32
wrk_run "obl_ward_c32.baseline" baseline get.lua "$base/obligations?$filter_w" 32
wrk_run "obl_scorecard_c32.api" api get.lua "$api/obligations/summary?$filter_s" 32
wrk_run "obl_scorecard_c32.baseline" baseline get.lua "$base/obligations/summary?$filter_s" 32
for c in 32 64; do
  wrk_run "task_c$c.api" api task.lua "$api/tasks" "$c" BENCH_IDS="$work/task-ids.txt" BENCH_PREFIX="/api/v1/tasks/"
  wrk_run "task_c$c.baseline" baseline task.lua "$base/tasks" "$c" BENCH_IDS="$work/task-ids.txt" BENCH_PREFIX="/tasks/"
done

# ---------------------------------------------------------------- imports
# import_run NAME TARGET FILE
import_run() {
  local name=$1 target=$2 file=$3 url hdr=()
  if [ "$target" = api ]; then url="$api/units/import"; hdr=(-H "X-Api-Key: $key"); phase_begin "$name"; else url="$base/units/import"; fi
  curl -s -o "$work/res/$name.body" -w '%{http_code} %{time_total}' "${hdr[@]}" -H 'Content-Type: text/csv' \
    --data-binary "@$file" --max-time 300 "$url" >"$work/res/$name.curl" || true
  [ "$target" = api ] && phase_end "$name"
  log "$(printf '%-24s %s %s' "$name" "$(cat "$work/res/$name.curl")" "$(head -c 120 "$work/res/$name.body")")"
}
log "unit imports (CSV): fresh, the same file again, 10% of rows changed"
for size in 10K 100K; do
  for variant in fresh same changed; do
    f="$work/IMP$size.csv"; g="$work/RAW$size.csv"
    [ "$variant" = changed ] && { f="$work/IMP$size-changed.csv"; g="$work/RAW$size-changed.csv"; }
    import_run "import_${size}_$variant.api" api "$f"
    import_run "import_${size}_$variant.baseline" baseline "$g"
  done
done

phase_begin idle_end; sleep 0.5; phase_end idle_end

# ---------------------------------------------------------------- report
BENCH_ELAPSED=$(( $(date +%s) - started )) python3 "$bench/report.py" "$work" "$bench/results.json"
