#!/usr/bin/env bash
# EmulationApi benchmark (issues 7, 15): one machine, one run, the API and its best-SQL twin side by side, at two sizes.
#   bench/run.sh   build; start a THROWAWAY PostgreSQL cluster (own port, pg_stat_statements, tuned); load 100,000 tasks;
#                  measure; grow to 1,000,000 tasks; measure again; writes; imports; print the tables; write bench/results.json;
#                  drop the cluster.
# Settings (environment): BENCH_PG_PORT (5479, the throwaway cluster), BENCH_API_PORT (5471), BENCH_BASELINE_PORT (5472),
#   BENCH_DURATION (5 s a measurement), BENCH_WARMUP (1 s before each), BENCH_WARMUP_PASS and BENCH_WARMUP_PASS_TWIN (3 s and
#   1 s per URL of the first warm-up pass, API and twin), BENCH_IMPORT_MAX_TIME (60 s a 10,000-unit import
#   step, until its obligations exist), BENCH_IMPORT_MAX_TIME_100K (35 s a 100,000-unit step), BENCH_DURING_IMPORT (15 s
#   of reports while a 10,000-unit import runs), BENCH_SIZES ("100k 1m"; "100k" for a quick check), BENCH_PG_SHARED_BUFFERS
#   (1GB), BENCH_SLOW_MS (1000: statements slower are logged with their plans), BENCH_TIMEOUT (1500 s: the whole run is
#   stopped and cleaned up after it), BENCH_SKIP_BUILD=1, BENCH_KEEP=1 (keep the cluster's data and .work).
# Not part of the tests. Needs root: apt-get (wrk), PostgreSQL's first install, and running the cluster as postgres.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Sourced first: it defines as_postgres, bindir, install_postgres, init_cluster (and its own log, db, port, which the
# lines below replace).
# shellcheck source=../scripts/postgres.sh
source "$root/scripts/postgres.sh"
bench="$root/bench"
work="$bench/.work"
pg_port="${BENCH_PG_PORT:-5479}"
db=emulation_bench
api_port="${BENCH_API_PORT:-5471}"
base_port="${BENCH_BASELINE_PORT:-5472}"
duration="${BENCH_DURATION:-5}"
warmup="${BENCH_WARMUP:-1}"
warmup_pass="${BENCH_WARMUP_PASS:-3}"   # s per URL of the one warm-up pass over every figure before the first measurement: the API's
warmup_pass_twin="${BENCH_WARMUP_PASS_TWIN:-1}"   # (at 32 connections) and the twin's (at 8); see the pass below
import_max="${BENCH_IMPORT_MAX_TIME:-60}"
import_max_100k="${BENCH_IMPORT_MAX_TIME_100K:-35}"
run_max="${BENCH_TIMEOUT:-1500}"
slow_ms="${BENCH_SLOW_MS:-1000}"
sizes="${BENCH_SIZES:-100k 1m}"
conn="Host=127.0.0.1;Port=$pg_port;Database=$db;Username=postgres;Maximum Pool Size=100"
key="bench-$(head -c 32 /dev/urandom | sha256sum | cut -c1-48)"
started=$(date +%s)

log() { printf '[bench %4ss] %s\n' "$(( $(date +%s) - started ))" "$*" >&2; }
phase_times=()
mark() { phase_times+=("$1 $(( $(date +%s) - started ))"); }


rm -rf "$work"; mkdir -p "$work/res"
pgdata="$(mktemp -d /tmp/emulation-bench-pg.XXXXXX)"
chown postgres:postgres "$pgdata"; chmod 700 "$pgdata"
pids=()
stop_cluster() { if [ -f "$pgdata/postmaster.pid" ]; then as_postgres "$(bindir)/pg_ctl" -D "$pgdata" -m immediate -w stop >/dev/null 2>&1 || true; fi; }
cleanup() {
  local rc=$?   # set -e ends the run silently: say so (the line before in the log names the last step that finished)
  [ "$rc" -ne 0 ] && [ "$rc" -ne 130 ] && [ "$rc" -ne 143 ] && log "failed: a command exited with status $rc; .work keeps the step's files"
  [ -n "${watchdog_pid:-}" ] && kill "$watchdog_pid" 2>/dev/null || true
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -f "$work/server.log" ] || cp "$pgdata/server.log" "$work/server.log" 2>/dev/null || true   # a failed run's too
  stop_cluster
  if [ "${BENCH_KEEP:-0}" = 1 ]; then log "kept the cluster's data in $pgdata"; else rm -rf "$pgdata"; fi
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "stopped"; exit 143' TERM
# The run can't hang: after BENCH_TIMEOUT the watchdog stops the script and the cluster (a statement waiting on it fails
# at once, so the script reaches its EXIT trap, which stops the servers and deletes the cluster). Every wrk, curl and
# wait loop below is bounded on its own.
( trap 'kill "$nap" 2>/dev/null; exit 0' TERM   # stopped by cleanup: its sleep goes too
  sleep "$run_max" & nap=$!; wait "$nap"
  echo "[bench] the run took longer than BENCH_TIMEOUT=${run_max}s: stopped" >&2
  kill -TERM $$ 2>/dev/null; sleep 1; stop_cluster ) &
watchdog_pid=$!

for p in "$pg_port" "$api_port" "$base_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then log "port $p is in use: set BENCH_PG_PORT / BENCH_API_PORT / BENCH_BASELINE_PORT"; exit 1; fi
done

# ---------------------------------------------------------------- tools and builds
if ! command -v wrk >/dev/null; then
  log "installing wrk (Debian)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
fi
install_postgres
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building the API (Release, linux-x64)"
  # Built for linux-x64 first (the migrations run from this build); published after, precompiled (ReadyToRun,
  # src/Api/Api.csproj) as a deployed API's would be, while the data loads (see below): a fresh process then spends far
  # less CPU per request than a JIT-only one while it JIT-compiles through its first minute of load (bench/README.md,
  # "The API's artifact"). Framework-dependent: the machine's .NET runtime runs it. Analyzers off: they only check the
  # code (test.sh's build enforces them) and cost a third of the compile.
  dotnet build "$root/src/Api" -c Release -r linux-x64 --self-contained false -p:RunAnalyzers=false -nologo -v q >"$work/build-api.log" 2>&1 \
    || { cat "$work/build-api.log"; exit 1; }
fi
mark build
build_dir="$root/src/Api/bin/Release/net10.0/linux-x64"
api_dir="$build_dir/publish"
base_dll="$bench/Baseline/bin/Release/net10.0/Baseline.dll"

# ---------------------------------------------------------------- the throwaway cluster
# Its own cluster, so pg_stat_statements can be preloaded without restarting the shared dev cluster. Tuned for the data
# (the 1M set is ~1.5 GB with its indexes): buffers, work memory, no JIT (compiling each big aggregate costs more than it
# saves on 2 cores, for the API and the twin alike). The load runs without fsync/full-page writes (a crash would only
# lose a throwaway cluster); they are switched back on before anything is measured. What a window's figures cannot show
# is logged (millisecond epochs): the plan of every statement over BENCH_SLOW_MS (auto_explain, plans without ANALYZE,
# so nothing is timed twice), every autovacuum and autoanalyze, every checkpoint; the report lists them by window.
bin="$(bindir)"
init_cluster "$pgdata" "$pg_port" 300 \
  "shared_preload_libraries = 'pg_stat_statements,auto_explain'" "pg_stat_statements.track = top" "pg_stat_statements.max = 5000" \
  "auto_explain.log_min_duration = '${slow_ms}ms'" "log_autovacuum_min_duration = 0" "log_checkpoints = on" \
  "log_line_prefix = '%n [%p] '" \
  "shared_buffers = ${BENCH_PG_SHARED_BUFFERS:-1GB}" "effective_cache_size = 4GB" "work_mem = 32MB" "maintenance_work_mem = 512MB" \
  "random_page_cost = 1.1" "jit = off" "max_wal_size = 8GB" "checkpoint_timeout = 30min" "wal_level = minimal" "max_wal_senders = 0" \
  "fsync = off" "full_page_writes = off" "synchronous_commit = off" "log_min_messages = warning"
as_postgres "$bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 start >/dev/null
log "throwaway PostgreSQL cluster on 127.0.0.1:$pg_port ($pgdata)"
psql_db() { "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 "$@"; }
psql_db -d postgres -qc "CREATE DATABASE $db" >/dev/null
(cd "$build_dir" && ConnectionStrings__Emulation="$conn" Logging__LogLevel__Default=Warning dotnet EmulationApi.Api.dll migrate) >"$work/migrate.log" 2>&1 \
  || { cat "$work/migrate.log"; exit 1; }
psql_db -d "$db" -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
mark cluster

# The ReadyToRun publish and the twin's build run beside the load: PostgreSQL loads on one core, the compilers take the
# other (the publish alone ~45 s, the load ~2 minutes). Nothing is measured before both are done.
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  ( dotnet publish "$root/src/Api" -c Release -r linux-x64 --self-contained false --no-build -nologo -v q >"$work/publish-api.log" 2>&1 &&
    dotnet build "$bench/Baseline" -c Release -nologo -v q >"$work/build-baseline.log" 2>&1 ) &
  publish_pid=$!; pids+=("$publish_pid")
fi
log "loading the 100,000-task data set (1,000 units, 200 plans, the issued plans' obligations)"
psql_db -d "$db" -q -f "$bench/data/generate.sql" >"$work/generate.log"
grep -A2 -E '^ *(obligations \| derive_seconds|tally_rows|units \|)' "$work/generate.log" | grep -E '^ *[0-9]' >&2 || true
mark load_100k
if [ -n "${publish_pid:-}" ]; then
  wait "$publish_pid" || { log "the API's publish or the twin's build failed"; tail -n 30 "$work/publish-api.log" "$work/build-baseline.log" 2>/dev/null; exit 1; }
  mark publish_wait   # what the publish took beyond the load (0 when it finished first)
fi
psql_db -d postgres -qc "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET full_page_writes = on" -c "ALTER SYSTEM SET synchronous_commit = on" \
  -c "SELECT pg_reload_conf()" >/dev/null
psql_db -d "$db" -qc "CHECKPOINT" >/dev/null

for spec in "IMP10K 10000" "RAW10K 10000" "IMP100K 100000" "RAW100K 100000" "WRT10K 10000"; do
  set -- $spec
  python3 "$bench/data/units_csv.py" "$work/$1.csv" "$1" "$2"
  python3 "$bench/data/units_csv.py" "$work/$1-changed.csv" "$1" "$2" 10
done

# ---------------------------------------------------------------- servers
log "starting the API (:$api_port) and the baseline (:$base_port)"
(cd "$api_dir" && exec env ConnectionStrings__Emulation="$conn" EMULATION_BOOTSTRAP_ADMIN_KEY="$key" \
  RateLimiting__PermitsPerMinute=100000000 RateLimiting__ImportPermitsPerMinute=100000 \
  Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning \
  Logging__LogLevel__Microsoft.EntityFrameworkCore=Error \
  ASPNETCORE_URLS="http://127.0.0.1:$api_port" DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production \
  dotnet EmulationApi.Api.dll) >"$work/api.log" 2>&1 &
api_pid=$!; pids+=("$api_pid")
# Timezone=UTC: PostgreSQL writes the twin's timestamps in JSON as the API does (+00:00).
(exec env ConnectionStrings__Emulation="$conn;Timezone=UTC" ASPNETCORE_URLS="http://127.0.0.1:$base_port" dotnet "$base_dll") >"$work/baseline.log" 2>&1 &
base_pid=$!; pids+=("$base_pid")
ready() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$api_port/health/live")" = 200 ] &&
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$base_port/tasks/00000000-0000-0000-0000-000000000000")" = 404 ]
}
for i in $(seq 1 240); do ready && break; sleep 0.5; done
ready && kill -0 "$api_pid" && kill -0 "$base_pid" || {
  log "servers did not start: API $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$api_port/health/live"), twin $(curl -s -w ' %{http_code}' "http://127.0.0.1:$base_port/tasks/00000000-0000-0000-0000-000000000000")"
  tail -n 20 "$work/api.log" "$work/baseline.log"; exit 1; }

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

# pg_stat_statements: reset before a measurement, read after — PostgreSQL's execution time and statements per request.
pgss_reset() { psql_db -d "$db" -qAtc "SELECT pg_stat_statements_reset()" >/dev/null; }
pgss_read() {  # pgss_read NAME: {"exec_ms": total, "calls": statements, "top": [...]} of the bench database
  psql_db -d "$db" -qAtc "SELECT json_build_object('exec_ms', coalesce(sum(total_exec_time), 0), 'calls', coalesce(sum(calls), 0),
      'top', (SELECT coalesce(json_agg(x), '[]') FROM (SELECT calls, round(total_exec_time::numeric, 1) AS ms, left(regexp_replace(query, '\s+', ' ', 'g'), 160) AS query
              FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query !~* 'pg_stat_statements'
              ORDER BY total_exec_time DESC LIMIT 3) x))
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query !~* 'pg_stat_statements'" \
    >"$work/res/$1.pgss" 2>/dev/null || echo '{}' >"$work/res/$1.pgss"
}

# CPU time (clock ticks) of a process, and of the whole cluster — its live processes plus those that exited (parallel
# workers; the postmaster's cutime/cstime): read before and after a measurement, what each side spent per request, its
# own process and PostgreSQL's, beside the wall-clock figures.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  # A process may exit between pgrep and cat (a parallel worker, cat then fails): its time is then in the postmaster's
  # cutime, and the failure must not stop the run (set -e, pipefail).
  local pm; pm=$(head -n 1 "$pgdata/postmaster.pid")
  { cat "/proc/$pm/stat"; pgrep -P "$pm" | sed 's|.*|/proc/&/stat|' | xargs cat; } 2>/dev/null \
    | awk 'NR == 1 {t = $16 + $17; next} {t += $14 + $15} END {print t + 0}' || true
}

export BENCH_WRK_DIR="$bench/wrk"
# wrk_run NAME TARGET(api|baseline) SCRIPT URL CONNECTIONS [ENV=VALUE...]
wrk_run() {
  local name=$1 target=$2 script=$3 url=$4 c=$5; shift 5
  local keyenv=""; [ "$target" = api ] && keyenv="$key"
  [ "$target" = api ] && phase_begin "$name"
  env BENCH_KEY="$keyenv" "$@" wrk -t2 -c"$c" -d"${warmup}s" --timeout 10s -s "$bench/wrk/$script" "$url" >/dev/null 2>&1 || true
  pgss_reset
  local pid=$api_pid; [ "$target" = baseline ] && pid=$base_pid
  local from cpu0 pg0; from=$(date +%s.%N); cpu0=$(ticks "$pid"); pg0=$(pg_ticks)
  env BENCH_KEY="$keyenv" "$@" wrk -t2 -c"$c" -d"${duration}s" --timeout 10s -s "$bench/wrk/$script" "$url" >"$work/res/$name.txt" 2>&1 || true
  echo "$(( $(ticks "$pid") - cpu0 )) $(( $(pg_ticks) - pg0 )) $(getconf CLK_TCK)" >"$work/res/$name.cpu"
  echo "$name $from $(date +%s.%N)" >>"$work/windows.log"   # the measured window, for the server log's events
  pgss_read "$name"
  [ "$target" = api ] && phase_end "$name"
  grep '^BENCH_JSON ' "$work/res/$name.txt" | sed 's/^BENCH_JSON //' >"$work/res/$name.json" || echo '{}' >"$work/res/$name.json"
  log "$(printf '%-30s %s' "$name" "$(cut -c1-120 "$work/res/$name.json")")"
}

api="http://127.0.0.1:$api_port/api/v1"
base="http://127.0.0.1:$base_port"
ward="XP00918"   # a ward (phường) with many obligations (~630 in 2026)
# The changedSince poll asks for what changed since a recent instant: at each size, 200 tasks of 2026 are touched
# (as 200 progress reports would) right after that instant, so the poll finds the same 200 changes at both sizes.
touch_recent() {
  since=$(psql_db -d "$db" -qAtc "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")
  psql_db -d "$db" -qAtc "UPDATE tasks SET updated_at = updated_at WHERE id IN (
    SELECT t.id FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE p.year = 2026 ORDER BY md5(t.id::text) LIMIT 200)" >/dev/null
  # NAME|API path and query|twin path and query (the same filters)
  reads=(
    "list_q|tasks?year=2026&quarter=2&pageSize=50|tasks?year=2026&quarter=2&pageSize=50"
    "list_lead|tasks?leadUnitCode=SNV&year=2026&pageSize=50|tasks?leadUnitCode=SNV&year=2026&pageSize=50"
    "list_unit|tasks?unitCode=$ward&year=2026&pageSize=50|tasks?unitCode=$ward&year=2026&pageSize=50"
    "changed|tasks?sort=updatedAt&changedSince=$since&pageSize=50|tasks?sort=updatedAt&changedSince=$since&pageSize=50"
    "obl_ward|obligations?unitCode=$ward&year=2026&pageSize=50|obligations?unitCode=$ward&year=2026&pageSize=50"
    "scorecard|obligations/summary?groupBy=Unit&year=2026&pageSize=50|obligations/summary?groupBy=Unit&year=2026&pageSize=50"
    "sum_lead|tasks/summary?groupBy=LeadUnit&year=2026|tasks/summary?groupBy=LeadUnit&year=2026"
    "sum_quarter|tasks/summary?groupBy=Quarter&year=2026|tasks/summary?groupBy=Quarter&year=2026"
    "sum_plan|tasks/summary?groupBy=Plan&year=2026|tasks/summary?groupBy=Plan&year=2026"
  )
}
heavy=" scorecard sum_lead sum_quarter sum_plan "   # 32 connections only (each request aggregates the whole year)

# Rows each read counts (for the growth table): tasks of 2026, obligations of 2026, all tasks.
counts() {
  psql_db -d "$db" -qAtc "SELECT json_build_object('tasks', (SELECT count(*) FROM tasks), 'tasks_2026', (SELECT count(*) FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE p.year = 2026),
    'obligations_2026', (SELECT count(*) FROM obligations o JOIN tasks t ON t.id = o.task_id JOIN plans p ON p.id = t.plan_id WHERE p.year = 2026 AND o.state = 'Active'),
    'changed', (SELECT count(*) FROM tasks WHERE updated_at > '$since'::timestamptz))" >"$work/res/$1.counts"
}

measure_size() {  # measure_size SIZE CONCURRENCIES
  local size=$1 concs=$2 spec name apath bpath c
  touch_recent
  counts "$size"
  psql_db -d "$db" -tAc "SELECT id FROM tasks t WHERE plan_id IN (SELECT id FROM plans WHERE year = 2026) ORDER BY md5(id::text) LIMIT 1000" >"$work/task-ids-$size.txt"
  psql_db -d "$db" -tAc "SELECT id FROM tasks ORDER BY md5(id::text) LIMIT 1000" >>"$work/task-ids-$size.txt"
  # The answers first: API and twin must give the same JSON (pages 1 and 2; nextPage's path and the ETag aside).
  for spec in "${reads[@]}"; do
    IFS='|' read -r name apath bpath <<<"$spec"
    python3 "$bench/compare.py" "$key" "$api/$apath" "$base/$bpath" >"$work/res/${name}_$size.compare" 2>&1 || true
    log "$(printf '%-30s %s' "compare ${name}_$size" "$(head -c 150 "$work/res/${name}_$size.compare")")"
  done
  python3 "$bench/compare.py" "$key" "$api/tasks/$(head -n 1 "$work/task-ids-$size.txt")" "$base/tasks/$(head -n 1 "$work/task-ids-$size.txt")" \
    >"$work/res/task_$size.compare" 2>&1 || true
  log "$(printf '%-30s %s' "compare task_$size" "$(head -c 150 "$work/res/task_$size.compare")")"
  # One warm-up pass over every figure's URL, API and twin, before the run's first measurement. The API climbs to its
  # steady state under load: its methods move from ReadyToRun code to tier-1 JIT code, its pool's connections open and
  # Npgsql prepares each statement on each of them after a few uses. Measured by hand (100K data, the changedSince poll,
  # 32 connections, from a fresh start): ~100 req/s in its first 10 s, ~200 after ~50 s of load, its CPU a request
  # 8.8 ms falling to 2.8 ms; the twin (no tiers to climb, nothing prepared) is flat from its second second. So the API
  # gets 3 s per URL at 32 connections (the figures share most of their code, ~45 s in all), the twin 1 s at 8.
  if [ -z "${warmed:-}" ]; then
    for spec in "${reads[@]}"; do
      IFS='|' read -r name apath bpath <<<"$spec"
      ca=32; cb=8; if [[ "$heavy" == *" $name "* ]]; then ca=1; cb=1; fi   # the whole-year aggregates: one at a time, none left running after the pass
      env BENCH_KEY="$key" wrk -t1 -c"$ca" -d"${warmup_pass}s" --timeout 10s -s "$bench/wrk/get.lua" "$api/$apath" >/dev/null 2>&1 || true
      env BENCH_KEY="" wrk -t1 -c"$cb" -d"${warmup_pass_twin}s" --timeout 10s -s "$bench/wrk/get.lua" "$base/$bpath" >/dev/null 2>&1 || true
    done
    env BENCH_KEY="$key" wrk -t2 -c32 -d"${warmup_pass}s" --timeout 10s -s "$bench/wrk/inm.lua" "$api/tasks?year=2026&quarter=2&pageSize=50" >/dev/null 2>&1 || true
    env BENCH_KEY="" wrk -t2 -c8 -d"${warmup_pass_twin}s" --timeout 10s -s "$bench/wrk/inm.lua" "$base/tasks?year=2026&quarter=2&pageSize=50" >/dev/null 2>&1 || true
    env BENCH_KEY="$key" BENCH_IDS="$work/task-ids-$size.txt" BENCH_PREFIX="/api/v1/tasks/" wrk -t2 -c32 -d"${warmup_pass}s" --timeout 10s -s "$bench/wrk/task.lua" "$api/tasks" >/dev/null 2>&1 || true
    env BENCH_KEY="" BENCH_IDS="$work/task-ids-$size.txt" BENCH_PREFIX="/tasks/" wrk -t2 -c8 -d"${warmup_pass_twin}s" --timeout 10s -s "$bench/wrk/task.lua" "$base/tasks" >/dev/null 2>&1 || true
    warmed=1
    log "warm-up pass: ${warmup_pass}s per URL for the API (32 connections), ${warmup_pass_twin}s for the twin (8)"
  fi
  for c in $concs; do
    for spec in "${reads[@]}"; do
      IFS='|' read -r name apath bpath <<<"$spec"
      if [ "$c" != 32 ] && [[ "$heavy" == *" $name "* ]]; then continue; fi
      wrk_run "${name}_${size}_c$c.api" api get.lua "$api/$apath" "$c"
      wrk_run "${name}_${size}_c$c.baseline" baseline get.lua "$base/$bpath" "$c"
    done
    wrk_run "inm_${size}_c$c.api" api inm.lua "$api/tasks?year=2026&quarter=2&pageSize=50" "$c"
    # The 304 goal compares the API with its own full list; the twin's 304 is shown at 32 connections only.
    if [ "$c" = 32 ]; then wrk_run "inm_${size}_c$c.baseline" baseline inm.lua "$base/tasks?year=2026&quarter=2&pageSize=50" "$c"; fi
    wrk_run "task_${size}_c$c.api" api task.lua "$api/tasks" "$c" BENCH_IDS="$work/task-ids-$size.txt" BENCH_PREFIX="/api/v1/tasks/"
    wrk_run "task_${size}_c$c.baseline" baseline task.lua "$base/tasks" "$c" BENCH_IDS="$work/task-ids-$size.txt" BENCH_PREFIX="/tasks/"
  done
  # The twin's plans (EXPLAIN (ANALYZE, BUFFERS) of each read's main statement, X-Explain), after the measurements.
  mkdir -p "$work/explain"
  for spec in "${reads[@]}"; do
    IFS='|' read -r name apath bpath <<<"$spec"
    curl -s -H 'X-Explain: 1' "$base/$bpath" >"$work/explain/${name}_$size.txt" || true
  done
  curl -s -H 'X-Explain: 1' "$base/tasks/$(head -n 1 "$work/task-ids-$size.txt")" >"$work/explain/task_$size.txt" || true
}

# ---------------------------------------------------------------- reads at 100,000 tasks
log "reads at 100,000 tasks: ${warmup}s warm-up + ${duration}s per measurement, 32 and 64 connections"
measure_size 100k "32 64"
mark reads_100k

# ---------------------------------------------------------------- grow to 1,000,000 tasks, reads again
if [[ " $sizes " == *" 1m "* ]]; then
  log "growing the data set to 1,000,000 tasks (1,800 closed plans of 2001–2020)"
  psql_db -d postgres -qc "ALTER SYSTEM SET fsync = off" -c "ALTER SYSTEM SET full_page_writes = off" -c "ALTER SYSTEM SET synchronous_commit = off" \
    -c "SELECT pg_reload_conf()" >/dev/null
  psql_db -d "$db" -q -v plans_per_year=90 -f "$bench/data/history.sql" >"$work/history.log"
  grep -A2 -E '^ *plans \|' "$work/history.log" | grep -E '^ *[0-9]' >&2 || true
  psql_db -d postgres -qc "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET full_page_writes = on" -c "ALTER SYSTEM SET synchronous_commit = on" \
    -c "SELECT pg_reload_conf()" >/dev/null
  psql_db -d "$db" -qc "CHECKPOINT" >/dev/null
  mark load_1m
  # 64 connections are left out at 1M to keep the run under 15 minutes (bench/README.md).
  log "reads at 1,000,000 tasks: 32 connections"
  measure_size 1m "32"
  mark reads_1m
fi

# wait_derived NAME START_NS MAX: after the API's import answered, polls obligation_derivations_pending every 0.2 s
# until it is empty or MAX seconds from START_NS; writes "derived SECONDS" or "cut SECONDS" (pending units left).
wait_derived() {
  local name=$1 start_ns=$2 max=$3 n
  if [ "$(cut -d' ' -f1 "$work/res/$name.curl")" != 200 ]; then echo "cut $max" >"$work/res/$name.derived"; return; fi
  # Nothing queued when it answered (no new or re-kinded unit, or ≤ 50 derived before answering): done when answered.
  if grep -q '"obligationsPending":0[,}]' "$work/res/$name.body"; then echo "derived $(cut -d' ' -f2 "$work/res/$name.curl")" >"$work/res/$name.derived"; return; fi
  while :; do
    n=$(psql_db -d "$db" -qAtc "SELECT count(*) FROM obligation_derivations_pending" 2>/dev/null || echo error)
    local secs; secs=$(awk -v s="$start_ns" -v e="$(date +%s%N)" 'BEGIN { printf "%.3f", (e - s) / 1e9 }')
    if [ "$n" = 0 ]; then echo "derived $secs" >"$work/res/$name.derived"; return; fi
    if awk -v a="$secs" -v m="$max" 'BEGIN { exit !(a >= m) }'; then echo "cut $secs $n" >"$work/res/$name.derived"; return; fi
    sleep 0.2
  done
}
# settle: before the next step, nothing of the last one may still run. A derivation cut by its limit is abandoned: the
# queue is emptied (these are the bench's own units) and the chunk the API's worker is deriving is cancelled — it rolls
# back, the worker logs the failed batch and finds the queue empty (without the cancel it derived the rest of its
# 1,000-unit batch first: ~90 s after the cut 100K step); a twin derivation still running is cancelled the same way.
# Then we wait (at most 120 s) until no client of PostgreSQL has a statement active (a cut import may still hold the feed
# lock); autovacuum workers, which show as active too, are not waited for.
settle() {
  psql_db -d "$db" -qAtc "DELETE FROM obligation_derivations_pending" >/dev/null 2>&1 || true
  local i idle=0
  for i in $(seq 1 240); do
    psql_db -d "$db" -qAtc "SELECT count(pg_cancel_backend(pid)) FROM pg_stat_activity WHERE datname = '$db' AND state = 'active'
      AND pid <> pg_backend_pid() AND (query LIKE '%emulation_derive_unit_obligations(%' OR query LIKE '%emulation_desired_unit_obligations(%')" \
      >/dev/null 2>&1 || true
    if [ "$(psql_db -d "$db" -qAtc "SELECT count(*) FROM pg_stat_activity WHERE datname = '$db' AND state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()")" = 0 ]; then
      idle=$((idle + 1)); [ "$idle" -ge 2 ] && return
    else idle=0; fi
    sleep 0.5
  done
  log "settle: statements still active after 120 s"
}

# ---------------------------------------------------------------- writes: progress reports, alone and during an import
# (task, unit) pairs a report is accepted on: lead obligations of 2026 not done, their task in progress.
psql_db -d "$db" -tAc "SELECT o.task_id || ' ' || u.code FROM obligations o JOIN units u ON u.id = o.unit_id JOIN tasks t ON t.id = o.task_id
  WHERE o.state = 'Active' AND o.role = 'Lead' AND o.status IN ('NotStarted', 'InProgress') AND t.status = 'InProgress'
  ORDER BY md5(o.id::text) LIMIT 2000" >"$work/report-pairs.txt"
today=$(TZ=Asia/Ho_Chi_Minh date +%F)
log "writes: progress reports, 32 reporters ($(wc -l <"$work/report-pairs.txt") obligations)"
wrk_run "reports_c32.api" api report.lua "$api/tasks" 32 BENCH_PAIRS="$work/report-pairs.txt" BENCH_TODAY="$today"
# The same while a 10,000-unit import runs and its obligations are derived (the API answers once the units are
# committed; its worker derives their obligations in short transactions, each under the feed lock the reports take).
phase_begin reports_import
( start_ns=$(date +%s%N)
  curl -s -o "$work/res/reports_import.body" -w '%{http_code} %{time_total}' -H 'Expect:' -H "X-Api-Key: $key" -H 'Content-Type: text/csv' \
    --data-binary "@$work/WRT10K.csv" --max-time "$import_max" "$api/units/import" >"$work/res/reports_import.curl" || true
  wait_derived reports_import "$start_ns" "$import_max" ) &
imp_pid=$!
sleep 0.3
pgss_reset
env BENCH_KEY="$key" BENCH_PAIRS="$work/report-pairs.txt" BENCH_TODAY="$today" \
  wrk -t2 -c32 -d"${BENCH_DURING_IMPORT:-15}s" --timeout 10s -s "$bench/wrk/report.lua" "$api/tasks" >"$work/res/reports_during_import_c32.api.txt" 2>&1 || true
pgss_read "reports_during_import_c32.api"
grep '^BENCH_JSON ' "$work/res/reports_during_import_c32.api.txt" | sed 's/^BENCH_JSON //' >"$work/res/reports_during_import_c32.api.json" || echo '{}' >"$work/res/reports_during_import_c32.api.json"
wait "$imp_pid" || true
phase_end reports_import
log "$(printf '%-30s %s; import answered %s, obligations %s' reports_during_import_c32.api "$(cut -c1-120 "$work/res/reports_during_import_c32.api.json")" \
  "$(cat "$work/res/reports_import.curl")" "$(cat "$work/res/reports_import.derived")")"
settle
mark writes

# ---------------------------------------------------------------- imports
# import_run NAME TARGET FILE MAX: timed from the request until the obligations exist, cut at MAX seconds (the table then
# says "did not finish in N s"). The twin answers when its derivation is done; the API answers once the units are
# committed with obligationsPending, and its worker derives them after: the pending queue is polled every 0.2 s.
import_run() {
  local name=$1 target=$2 file=$3 max=$4 url hdr=() start_ns
  if [ "$target" = api ]; then url="$api/units/import"; hdr=(-H "X-Api-Key: $key"); phase_begin "$name"; else url="$base/units/import"; fi
  pgss_reset
  start_ns=$(date +%s%N)
  curl -s -o "$work/res/$name.body" -w '%{http_code} %{time_total}' -H 'Expect:' "${hdr[@]}" -H 'Content-Type: text/csv' \
    --data-binary "@$file" --max-time "$max" "$url" >"$work/res/$name.curl" || true
  echo "$max" >"$work/res/$name.max"
  [ "$target" = api ] && wait_derived "$name" "$start_ns" "$max"
  pgss_read "$name"
  [ "$target" = api ] && phase_end "$name"
  log "$(printf '%-30s %s %s %s' "$name" "$(cat "$work/res/$name.curl")" "$(cat "$work/res/$name.derived" 2>/dev/null)" "$(head -c 120 "$work/res/$name.body" 2>/dev/null)")"
  settle
  # A cut API derivation leaves what its worker committed chunk by chunk, where the twin's one statement rolled back and
  # left its units none: the obligations the API's units got are removed (untimed), so "same" and "changed" start from
  # the same state on both sides — units registered, no obligations — and the rename's feed rewrite is the same work.
  # The tasks' statuses are not recomputed (the steps after read no task; the database is thrown away after the run).
  if [ "$target" = api ] && grep -q '^cut' "$work/res/$name.derived" 2>/dev/null; then
    log "$name: removing the obligations its cut derivation committed: $(psql_db -d "$db" -qAtc "WITH d AS (DELETE FROM obligations
      WHERE unit_id IN (SELECT id FROM units WHERE code LIKE '$(basename "$file" .csv)-%') RETURNING 1) SELECT count(*) FROM d")"
  fi
}
log "unit imports (CSV): fresh, the same file again, 10% of rows changed (10,000 rows cut at ${import_max}s, 100,000 at ${import_max_100k}s)"
for isize in 10K 100K; do
  max=$import_max; [ "$isize" = 100K ] && max=$import_max_100k
  for variant in fresh same changed; do
    f="$work/IMP$isize.csv"; g="$work/RAW$isize.csv"
    [ "$variant" = changed ] && { f="$work/IMP$isize-changed.csv"; g="$work/RAW$isize-changed.csv"; }
    # "same" and "changed" need the fresh import's units in the registry (the twin commits them before it derives, so
    # a cut derivation leaves them; a cut API import commits nothing): otherwise they would be fresh imports again.
    for t in api baseline; do
      h="$f"; prefix="IMP$isize"; [ "$t" = baseline ] && { h="$g"; prefix="RAW$isize"; }
      if [ "$variant" != fresh ] && [ "$(psql_db -d "$db" -qAtc "SELECT count(*) FROM units WHERE code LIKE '$prefix-%'")" != "${isize%K}000" ]; then
        echo "skipped 0" >"$work/res/import_${isize}_$variant.$t.curl"; continue
      fi
      import_run "import_${isize}_$variant.$t" "$t" "$h" "$max"
    done
  done
done
mark imports

# Idle: after the API's IdleMemoryTrim has had its quiet window (it samples every 5 s; README Performance).
sleep "${BENCH_IDLE_SETTLE:-12}"
phase_begin idle_end; sleep 0.5; phase_end idle_end

# ---------------------------------------------------------------- report
printf '%s\n' "${phase_times[@]}" >"$work/phases.txt"
cp "$pgdata/server.log" "$work/server.log" 2>/dev/null || true
BENCH_ELAPSED=$(( $(date +%s) - started )) BENCH_IMPORT_MAX_TIME="$import_max" BENCH_SLOW_MS="$slow_ms" \
  python3 "$bench/report.py" "$work" "$bench/results.json"
