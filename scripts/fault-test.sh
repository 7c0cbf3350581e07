#!/usr/bin/env bash
# Fault test: PostgreSQL stopped for a while under load, then started again; the API must ride it out.
#
# Creates its own throwaway PostgreSQL cluster (initdb in a temporary folder, 127.0.0.1:${FAULT_PG_PORT:-55481}),
# migrates and seeds a database, starts the built API (src/Api/bin/Release/net10.0; built first if missing) on
# 127.0.0.1:${FAULT_API_PORT:-5081}, and runs mixed load with curl from ${FAULT_WORKERS:-4} workers: reads of
# /api/v1/tasks and /api/v1/units, writes that create units with unique codes and report progress on the seeded plan's
# first task. After ${FAULT_BEFORE:-8} s it stops PostgreSQL (pg_ctl stop -m fast) for ${FAULT_OUTAGE:-10} s, starts it
# again and keeps the load on for ${FAULT_AFTER:-12} s more. Then it checks, and exits 1 on any violation:
#   - no answer is a 5xx other than 503, no request goes unanswered, nothing but 2xx and 503 is answered;
#   - every request sent and answered while PostgreSQL was down got 503 problem+json with Retry-After, and there were some;
#   - /health/ready answered 503 while it was down, /health/live 200 throughout;
#   - every write the API acknowledged (2xx) is in the database afterwards;
#   - the same API process answers 2xx again: every request started 5 s after PostgreSQL was back got 2xx.
# Needs root (the cluster runs as the postgres user; PostgreSQL is installed from Debian's packages if missing), curl
# and python3. Takes about a minute. The cluster, the API and the temporary folder are removed at the end (kept with
# FAULT_KEEP=1 for a look at the logs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=postgres.sh
source "$root/scripts/postgres.sh"

pg_port="${FAULT_PG_PORT:-55481}"
api_port="${FAULT_API_PORT:-5081}"
workers="${FAULT_WORKERS:-4}"
before="${FAULT_BEFORE:-8}"
outage="${FAULT_OUTAGE:-10}"
after="${FAULT_AFTER:-12}"
recovery_grace=5
out="$root/src/Api/bin/Release/net10.0"
base="http://127.0.0.1:$api_port"
key="emk_fault-test-$(head -c 24 /dev/urandom | base64 | tr '+/=' 'xyz')"

say() { printf '[fault] %s\n' "$*" >&2; }
now() { echo "${EPOCHREALTIME/./}"; }  # microseconds, without a fork

command -v curl >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq curl >/dev/null; }
command -v python3 >/dev/null || { say "python3 is required"; exit 1; }
[ "$(id -u)" = 0 ] || { say "run as root: the throwaway cluster runs as the postgres user"; exit 1; }
install_postgres
bin="$(bindir)"
if [ ! -f "$out/EmulationApi.Api.dll" ]; then
  say "building the API (Release)"
  dotnet build "$root/src/Api/Api.csproj" -c Release -nologo -clp:ErrorsOnly -v quiet
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; then say "port $pg_port is taken: set FAULT_PG_PORT"; exit 1; fi
if (exec 3<>"/dev/tcp/127.0.0.1/$api_port") 2>/dev/null; then say "port $api_port is taken: set FAULT_API_PORT"; exit 1; fi

work="$(mktemp -d /tmp/emulation-fault.XXXXXX)"
chmod 755 "$work"
pgdata="$work/pg"
mkdir -p "$pgdata" && chown postgres:postgres "$pgdata" && chmod 700 "$pgdata"
api_pid=""
cleanup() {
  [ -f "$work/stop" ] || touch "$work/stop"
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null
  as_postgres "$bin/pg_ctl" -D "$pgdata" -m immediate -w stop >/dev/null 2>&1 || true
  if [ "${FAULT_KEEP:-0}" = 1 ]; then say "kept $work (api.log, pg/server.log, requests.tsv)"; else rm -rf "$work"; fi
}
trap cleanup EXIT

say "initialising a throwaway cluster in $pgdata on 127.0.0.1:$pg_port"
init_cluster "$pgdata" "$pg_port" 100
pg() { as_postgres "$bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 "$@" >/dev/null; }
psql_() { as_postgres "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d emulation -v ON_ERROR_STOP=1 -qtA "$@"; }
pg start
as_postgres "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc "CREATE DATABASE emulation" >/dev/null

export ConnectionStrings__Emulation="Host=127.0.0.1;Port=$pg_port;Database=emulation;Username=postgres"
export ASPNETCORE_URLS="$base" EMULATION_BOOTSTRAP_ADMIN_KEY="$key" ASPNETCORE_ENVIRONMENT=Production
export RateLimiting__PermitsPerMinute=1000000 Logging__LogLevel__Default=Warning
say "migrating and seeding"
seed="$(cd "$out" && dotnet EmulationApi.Api.dll migrate seed)"
read -r _ _ plan_id _ _ task_id leads < <(grep '^\[seed\] plan ' <<<"$seed")
lead="${leads%%,*}"
(cd "$out" && exec dotnet EmulationApi.Api.dll) >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 120); do curl -fsS -o /dev/null "$base/health/ready" 2>/dev/null && break; sleep 0.5; done
curl -fsS -o /dev/null "$base/health/ready" || { say "the API did not start:"; tail -20 "$work/api.log" >&2; exit 1; }
api() { curl -sS -H "X-Api-Key: $key" -H 'Content-Type: application/json' "$@"; }
api -f -o /dev/null -X POST "$base/api/v1/plans/$plan_id/issue" -d '{"number":"15/KH-UBND","issueDate":"2026-01-20"}'
today="$(TZ=Asia/Ho_Chi_Minh date +%F)"

# One line per request: operation, start and end (µs), status, Retry-After, content type, the write's key when acknowledged.
worker() {
  local w=$1 n=0 op url data status ra ct keyv body="$work/body.$1" t0
  while [ ! -f "$work/stop" ]; do
    n=$((n + 1)); data=""; keyv=""
    case $((n % 4)) in
      0) op=read-tasks; url="$base/api/v1/tasks?pageSize=20" ;;
      1) op=read-units; url="$base/api/v1/units?pageSize=20" ;;
      2) op=create-unit; url="$base/api/v1/units"; keyv="FT$w-$n"
         data="{\"code\":\"$keyv\",\"name\":\"Đơn vị thử $w-$n\",\"kind\":\"Department\"}" ;;
      3) op=report; url="$base/api/v1/tasks/$task_id/progress"
         data="{\"reportedOn\":\"$today\",\"reportingUnitCode\":\"$lead\",\"status\":\"InProgress\",\"text\":\"Báo cáo thử $w-$n\"}" ;;
    esac
    t0=$(now)
    if [ -n "$data" ]; then
      IFS=$'\t' read -r status ra ct < <(api -o "$body" --max-time 20 -w '%{http_code}\t%header{retry-after}\t%{content_type}\n' -X POST "$url" -d "$data" 2>/dev/null || echo $'000\t\t')
    else
      IFS=$'\t' read -r status ra ct < <(api -o "$body" --max-time 20 -w '%{http_code}\t%header{retry-after}\t%{content_type}\n' "$url" 2>/dev/null || echo $'000\t\t')
    fi
    if [ "$op" = report ] && [ "${status:0:1}" = 2 ]; then keyv="$(sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$body")"; fi
    [ "${status:0:1}" = 2 ] || keyv=""
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$op" "$t0" "$(now)" "$status" "$ra" "$ct" "$keyv"
  done >"$work/requests.$w"
}
monitor() {
  local t s
  while [ ! -f "$work/stop" ]; do
    for probe in live ready; do
      t=$(now); s=$(curl -s -o /dev/null --max-time 10 -w '%{http_code}' "$base/health/$probe" || true)
      printf 'health-%s\t%s\t%s\t%s\t\t\t\n' "$probe" "$t" "$(now)" "$s"
    done
    sleep 0.5
  done >"$work/requests.health"
}

say "load: $workers workers; PostgreSQL stops after ${before} s for ${outage} s, then ${after} s more"
for w in $(seq 1 "$workers"); do worker "$w" & done
monitor &
sleep "$before"
stop_begin=$(now); as_postgres "$bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null; stop_end=$(now)
say "PostgreSQL stopped"
sleep "$outage"
start_begin=$(now); pg start; start_end=$(now)
say "PostgreSQL started again"
sleep "$after"
touch "$work/stop"
wait $(jobs -p | grep -vx "$api_pid") 2>/dev/null || true
cat "$work"/requests.* >"$work/requests.tsv"

psql_ -c "SELECT code FROM units" >"$work/units.db"
psql_ -c "SELECT id FROM progress_reports" >"$work/reports.db"
alive=no; kill -0 "$api_pid" 2>/dev/null && alive=yes

python3 - "$work" "$stop_begin" "$stop_end" "$start_begin" "$start_end" "$recovery_grace" "$alive" <<'PY'
import collections, sys
work, stop_begin, stop_end, start_begin, start_end, grace, alive = sys.argv[1], *map(int, sys.argv[2:7]), sys.argv[7]
rows = [line.rstrip("\n").split("\t") for line in open(f"{work}/requests.tsv", encoding="utf-8") if line.strip()]
api = [r for r in rows if not r[0].startswith("health-")]
health = [r for r in rows if r[0].startswith("health-")]
violations = []
statuses = collections.Counter(r[3] for r in api)
during = [r for r in api if int(r[1]) > stop_end and int(r[2]) < start_begin]
after = [r for r in api if int(r[1]) > start_end + grace * 1_000_000]
bad = [r for r in api if not (r[3].startswith("2") or r[3] == "503")]
if bad:
    violations.append(f"{len(bad)} answers neither 2xx nor 503: " + ", ".join(f"{s}×{n}" for s, n in collections.Counter(r[3] for r in bad).items()))
fivehundred = sum(n for s, n in statuses.items() if s.startswith("5") and s != "503")
unanswered = statuses.get("000", 0)
if not during:
    violations.append("no request was sent and answered while PostgreSQL was down: the outage was not exercised")
wrong = [r for r in during if r[3] != "503" or not r[4].isdigit() or not r[5].startswith("application/problem+json")]
if wrong:
    violations.append(f"{len(wrong)} of {len(during)} requests during the outage were not 503 problem+json with Retry-After, e.g. {wrong[0][:6]}")
retry_after = sorted({r[4] for r in during if r[3] == "503"})
ready_down = [r for r in health if r[0] == "health-ready" and int(r[1]) > stop_end and int(r[2]) < start_begin]
if not ready_down or any(r[3] != "503" for r in ready_down):
    violations.append(f"/health/ready during the outage: {collections.Counter(r[3] for r in ready_down)} (expected only 503)")
live = [r for r in health if r[0] == "health-live"]
if any(r[3] != "200" for r in live):
    violations.append(f"/health/live: {collections.Counter(r[3] for r in live)} (expected only 200)")
acked_units = {r[6] for r in api if r[0] == "create-unit" and r[3].startswith("2")}
acked_reports = {r[6] for r in api if r[0] == "report" and r[3].startswith("2")}
units_db = {l.strip() for l in open(f"{work}/units.db") if l.strip()}
reports_db = {l.strip() for l in open(f"{work}/reports.db") if l.strip()}
lost = (acked_units - units_db) | (acked_reports - reports_db)
if lost:
    violations.append(f"{len(lost)} acknowledged writes are missing from the database, e.g. {sorted(lost)[:3]}")
refused_writes = [r for r in api if r[0] in ("create-unit", "report") and r[3] == "503"]
if not after or any(not r[3].startswith("2") for r in after):
    violations.append(f"after recovery (+{grace} s): {collections.Counter(r[3] for r in after)} (expected only 2xx)")
first_ok = min((int(r[2]) for r in api if r[3].startswith("2") and int(r[1]) > start_end), default=None)
if alive != "yes":
    violations.append("the API process is gone")
sec = lambda us: f"{us / 1e6:.1f} s"
print("[fault] ---- summary ----")
print(f"[fault] requests: {len(api)} ({', '.join(f'{s}×{n}' for s, n in sorted(statuses.items()))}); 5xx other than 503: {fivehundred}; unanswered: {unanswered}")
print(f"[fault] PostgreSQL down for {sec(start_begin - stop_end)} (stop took {sec(stop_end - stop_begin)}, start {sec(start_end - start_begin)})")
print(f"[fault] during the outage: {len(during)} requests, {sum(r[3] == '503' for r in during)} answered 503 problem+json with Retry-After {','.join(retry_after) or '-'}; /health/ready 503 ×{sum(r[3] == '503' for r in ready_down)}; /health/live 200 ×{sum(r[3] == '200' for r in live)} of {len(live)}")
print(f"[fault] writes acknowledged: {len(acked_units)} units + {len(acked_reports)} reports; missing afterwards: {len(lost)}; refused with 503: {len(refused_writes)}")
print(f"[fault] recovery: first 2xx {sec(first_ok - start_end) if first_ok else 'never'} after PostgreSQL was back; from +{grace} s on {sum(r[3].startswith('2') for r in after)} of {len(after)} requests 2xx; same API process: {alive}")
for v in violations:
    print(f"[fault] VIOLATION: {v}")
print(f"[fault] {'FAILED' if violations else 'PASSED'}")
sys.exit(1 if violations or fivehundred or unanswered else 0)
PY
