#!/usr/bin/env bash
# Several instances behind a load balancer (README → Deployment), proven on this machine: two API instances
# (127.0.0.1:5103 and :5104) on one PostgreSQL database, Debian's HAProxy in front of them (127.0.0.1:5105, round robin,
# X-Served-By naming the instance) and Debian's Redis (127.0.0.1:6390, no persistence) holding the shared rate limits.
# Then the checks, each printing "CHECK multi-<name>: PASS|FAIL", and last "multi: N passed, N failed":
#   multi-setup               packages, database (migrated and seeded), Redis, both instances, the balancer
#   multi-both-instances      answers come from both instances through the balancer
#   multi-rate-limit-shared   one client's import allowance (6 a minute) holds across both instances: 6 + 4 sent, 4 refused
#   multi-revocation          a key revoked through one instance is refused there at once and by the other within
#                             ApiKeyVerifier.CacheFor (15 s) + 2 s; the delay is measured
#   multi-changed-since       two writers through the balancer while a poller follows changedSince: every change seen once
#   multi-delivered-once      both instances run the webhook worker and the reminders (every minute here): a subscription
#                             to every event receives each delivery once, signed, and each reminder slot runs once
#   multi-redis-down          Redis stopped: no request fails; each instance counts on its own (shown, not asserted)
# The ports move with MULTI_PORT_A, MULTI_PORT_B, MULTI_PORT_LB, MULTI_PORT_REDIS and MULTI_PORT_RECEIVER (the webhook receiver, scripts/multi/receiver.mjs). Installs haproxy, redis-server,
# jq and curl with apt when missing (as root). The database is emulation_multi_<pid>_<random> on the server that
# ConnectionStrings__Emulation names (its host, port and credentials only) or on the private cluster of
# scripts/postgres.sh; it is dropped on exit, and the instances, Redis and the balancer are stopped. A run killed
# before it could clean up is cleaned by the next one (the processes it recorded in .data/multi).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
port_a="${MULTI_PORT_A:-5103}"; port_b="${MULTI_PORT_B:-5104}"; port_lb="${MULTI_PORT_LB:-5105}"; port_redis="${MULTI_PORT_REDIS:-6390}"
port_receiver="${MULTI_PORT_RECEIVER:-5108}"
a="http://127.0.0.1:$port_a"; b="http://127.0.0.1:$port_b"; lb="http://127.0.0.1:$port_lb"
out="$root/src/Api/bin/Release/net10.0"
state="$root/.data/multi"
key="emk_multi-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
revocation_limit=17   # ApiKeyVerifier.CacheFor (15 s) + 2 s for the poll and the machine
import_budget=6       # RateLimiting:ImportPermitsPerMinute of the instances: one token back every 10 s

expected=(multi-setup multi-both-instances multi-rate-limit-shared multi-revocation multi-changed-since multi-delivered-once multi-redis-down)
work="$(mktemp -d)"
lines="$work/lines"; : >"$lines"
database=""

result() { # result <name> <status> [detail…]
  local name="$1" status="$2"; shift 2
  if [ "$status" -eq 0 ]; then echo "CHECK $name: PASS" | tee -a "$lines"; else echo "CHECK $name: FAIL" | tee -a "$lines"; fi
  local line; for line in "$@"; do [ -n "$line" ] && echo "    $line"; done; return 0
}
note() { echo "    $*"; }

summary() {
  local passed=0 failed=0 name
  for name in "${expected[@]}"; do
    if grep -qx "CHECK $name: PASS" "$lines"; then passed=$((passed + 1))
    elif grep -qx "CHECK $name: FAIL" "$lines"; then failed=$((failed + 1))
    else echo "CHECK $name: FAIL"; echo "    did not run"; failed=$((failed + 1)); fi
  done
  echo "multi: $SECONDS s in all"
  echo "multi: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# --- processes: every one started here is recorded in $state, so that cleanup (or the next run) stops exactly those ---
mkdir -p "$state"
# A killed run's temporary directory (logs, Redis's directory, the balancer's configuration) goes with it.
if [ -f "$state/work" ]; then case "$(cat "$state/work")" in "${TMPDIR:-/tmp}"/tmp.*) rm -rf "$(cat "$state/work")" ;; esac; fi
echo "$work" >"$state/work"
record() { echo "$2" >"$state/$1.pid"; }
stop_recorded() { # stop_recorded [name…]: stops the recorded processes (all when no name is given), all at once
  local name file pid pids=()
  if [ $# -eq 0 ]; then set -- $(ls "$state" 2>/dev/null | sed -n 's/\.pid$//p'); fi
  for name in "$@"; do
    file="$state/$name.pid"
    [ -f "$file" ] || continue
    pid="$(cat "$file")"
    # Only a process of ours: after a restart the number may belong to someone else.
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qE 'EmulationApi.Api.dll|redis-server|haproxy'; then
      kill "$pid" 2>/dev/null && pids+=("$pid")
    fi
    rm -f "$file"
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  done
  return 0
}
server=""
. scripts/server-sql.sh   # conn, pg
drop_database() { # drop_database <name>
  pg "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null 2>&1 || echo "could not drop $1"
}
cleanup() {
  stop_recorded
  if [ -n "$database" ]; then drop_database "$database"; rm -f "$state/database"; fi
  rm -rf "$work" "$state/work"
}
trap cleanup EXIT

# --- setup ---
install_missing() {
  local need=() tool
  for tool in haproxy redis-server jq curl; do command -v "$tool" >/dev/null 2>&1 || need+=("$tool"); done
  [ ${#need[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || { echo "missing ${need[*]}; installing needs root: apt-get install ${need[*]}"; return 1; }
  echo "installing Debian's ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }
}

wait_ready() { # wait_ready <url> <pid>: up to 60 s
  for _ in $(seq 1 120); do
    curl -fs "$1/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}

start_instance() { # start_instance <name> <port>
  if curl -fs "http://127.0.0.1:$2/health/live" >/dev/null 2>&1; then echo "something already listens on port $2"; return 1; fi
  (cd "$out" && ASPNETCORE_URLS="http://127.0.0.1:$2" EMULATION_BOOTSTRAP_ADMIN_KEY="$key" \
    RateLimiting__Redis="127.0.0.1:$port_redis" RateLimiting__PermitsPerMinute=600000 \
    RateLimiting__ImportPermitsPerMinute="$import_budget" RateLimiting__AnonymousPermitsPerMinute=600000 \
    Webhooks__AllowedHosts__0=127.0.0.1 Webhooks__Delivery__PollInterval=00:00:00.500 Reminders__Schedule='* * * * *' \
    Logging__LogLevel__Default=Warning Logging__Console__FormatterName=simple \
    exec env "Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning" dotnet EmulationApi.Api.dll >"$work/$1.log" 2>&1) &
  record "$1" $!
}

setup() {
  stop_recorded   # what a killed run left behind
  if [ -f "$state/database" ]; then leftover="$(cat "$state/database")"; else leftover=""; fi
  install_missing || return 1
  if [ ! -f "$out/EmulationApi.Api.dll" ]; then
    echo "building the API (Release)"
    dotnet build "$root/src/Api/Api.csproj" -c Release -nologo -clp:ErrorsOnly -v quiet || return 1
  fi
  server="${ConnectionStrings__Emulation:-}"
  if [ -z "$server" ]; then scripts/postgres.sh start >/dev/null || return 1; server="$(scripts/postgres.sh url)"; fi
  [ -n "$leftover" ] && drop_database "$leftover"
  echo "setup: $SECONDS s, creating the database"
  database="emulation_multi_$$_$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  pg "CREATE DATABASE \"$database\"" || { database=""; return 1; }
  echo "$database" >"$state/database"
  ConnectionStrings__Emulation="$(echo "$server" | sed -E "s/(^|;)[[:space:]]*[Dd]atabase=[^;]*/\1Database=$database/")"
  case "$ConnectionStrings__Emulation" in *"Database=$database"*) ;; *) ConnectionStrings__Emulation="$ConnectionStrings__Emulation;Database=$database" ;; esac
  export ConnectionStrings__Emulation
  echo "setup: $SECONDS s, migrating"
  (cd "$out" && Logging__LogLevel__Default=Warning dotnet EmulationApi.Api.dll migrate >"$work/migrate.log" 2>&1) \
    || { tail -20 "$work/migrate.log"; return 1; }

  # The seed loads while Redis and the instances start (an instance needs the schema, not the data, to be ready).
  echo "setup: $SECONDS s, seeding while Redis and the instances start"
  (cd "$out" && Logging__LogLevel__Default=Warning dotnet EmulationApi.Api.dll seed >"$work/seed.log" 2>&1) &
  local seeding=$!
  mkdir -p "$work/redis"
  redis-server --port "$port_redis" --bind 127.0.0.1 --save '' --appendonly no --dir "$work/redis" --daemonize no >"$work/redis.log" 2>&1 &
  record redis $!
  for _ in $(seq 1 50); do [ "$(redis-cli -p "$port_redis" ping 2>/dev/null)" = PONG ] && break; sleep 0.1; done
  # Ours, not another Redis that already had the port.
  [ "$(redis-cli -p "$port_redis" ping 2>/dev/null)" = PONG ] && kill -0 "$(cat "$state/redis.pid")" 2>/dev/null \
    || { echo "Redis did not start on port $port_redis"; tail -5 "$work/redis.log"; return 1; }

  if curl -s -o /dev/null "http://127.0.0.1:$port_receiver/" 2>/dev/null; then echo "something already listens on port $port_receiver"; return 1; fi
  : >"$work/received"
  node scripts/multi/receiver.mjs "$port_receiver" "$work/received" "$work/secret" >"$work/receiver.log" 2>&1 &
  record receiver $!
  start_instance a "$port_a" || return 1
  start_instance b "$port_b" || return 1
  wait "$seeding" || { tail -20 "$work/seed.log"; return 1; }
  echo "setup: $SECONDS s, seeded; waiting for the instances"
  wait_ready "$a" "$(cat "$state/a.pid")" || { tail -20 "$work/a.log"; return 1; }
  wait_ready "$b" "$(cat "$state/b.pid")" || { tail -20 "$work/b.log"; return 1; }
  echo "setup: $SECONDS s, instances ready"
  sed -e "s/@LB@/$port_lb/" -e "s/@A@/$port_a/" -e "s/@B@/$port_b/" -e "s#@PID@#$work/haproxy.pid#" \
    scripts/multi/haproxy.cfg >"$work/haproxy.cfg"
  if curl -s -o /dev/null "$lb/" 2>/dev/null; then echo "something already listens on port $port_lb"; return 1; fi
  haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
  record haproxy $!
  # Both servers up in the balancer's eyes: two answers in a row from different instances.
  for _ in $(seq 1 40); do
    s1="$(served_by "$lb/health/ready")"; s2="$(served_by "$lb/health/ready")"
    [ -n "$s1" ] && [ -n "$s2" ] && [ "$s1" != "$s2" ] && break
    sleep 0.25
  done
  [ -n "$s1" ] && [ "$s1" != "$s2" ] || { echo "the balancer does not reach both instances"; tail -5 "$work/haproxy.log"; return 1; }
  echo "instances $a and $b, balancer $lb, Redis 127.0.0.1:$port_redis, database $database"
}

# --- HTTP ---
served_by() { curl -s -o /dev/null -D - "$1" 2>/dev/null | tr -d '\r' | sed -n 's/^[Xx]-[Ss]erved-[Bb]y: *//p'; }

# call <method> <url> <key> [body [content-type]]: the status, a tab and the instance (X-Served-By) on stdout; the
# answer's body in $CALL_OUT.body and its content type in $CALL_OUT.type ($CALL_OUT: $work/call unless a caller that
# runs beside others, a writer, sets its own).
call() {
  local method="$1" url="$2" k="$3" body="${4:-}" type="${5:-application/json}" args=() o="${CALL_OUT:-$work/call}"
  [ -n "$body" ] && args=(-H "Content-Type: $type" --data-binary "$body")
  local status
  status="$(curl -s -X "$method" -H "X-Api-Key: $k" "${args[@]}" -D "$o.headers" -o "$o.body" -w '%{http_code}' "$url" 2>/dev/null)"
  tr -d '\r' <"$o.headers" | sed -n 's/^[Cc]ontent-[Tt]ype: *//p' >"$o.type"
  printf '%s\t%s\n' "$status" "$(tr -d '\r' <"$o.headers" | sed -n 's/^[Xx]-[Ss]erved-[Bb]y: *//p')"
}

new_key() { # new_key <role> <name>: "id key" of a new API key, created through the balancer
  call POST "$lb/api/v1/api-keys" "$key" "{\"name\":\"$2\",\"role\":\"$1\"}" >/dev/null
  jq -r '"\(.apiKey.id) \(.key)"' "$work/call.body"
}

# --- the checks ---
check_both_instances() {
  local seen=() status served i bad=0
  for i in 1 2 3 4; do
    IFS=$'\t' read -r status served < <(call GET "$lb/api/v1/tasks?pageSize=1" "$key")
    [ "$status" = 200 ] || bad=1
    seen+=("$served")
  done
  local distinct; distinct="$(printf '%s\n' "${seen[@]}" | sort -u | tr '\n' ' ')"
  [ "$bad" = 0 ] && [ "$distinct" = "a b " ]
  result multi-both-instances $? "4 requests through the balancer: statuses all 200: $([ "$bad" = 0 ] && echo yes || echo no); served by: ${seen[*]}"
}

# import <url> <key>: one unit import (the import allowance's endpoint); prints "status<TAB>instance".
import() { call POST "$1/api/v1/units/import" "$2" $'code,name,kind\nMULTI-RL,Đơn vị thử giới hạn,Department\n' text/csv; }

burst() { # burst <url> <key> <count>: sends <count> imports; prints "allowed refused other by-a by-b problem+json-429s"
  local ok=0 refused=0 other=0 by_a=0 by_b=0 problems=0 status served i
  for i in $(seq 1 "$3"); do
    IFS=$'\t' read -r status served < <(import "$1" "$2")
    case "$status" in
      200) ok=$((ok + 1)); [ "$served" = a ] && by_a=$((by_a + 1)); [ "$served" = b ] && by_b=$((by_b + 1)) ;;
      429) refused=$((refused + 1))
           grep -q '^application/problem+json' "$work/call.type" && [ "$(jq -r .status "$work/call.body")" = 429 ] && problems=$((problems + 1)) ;;
      *) other=$((other + 1)); echo "unexpected $status from $served: $(head -c 300 "$work/call.body")" >&2 ;;
    esac
  done
  echo "$ok $refused $other $by_a $by_b $problems"
}

check_rate_limit() {
  local id k ok refused other by_a by_b problems extra=4
  read -r id k < <(new_key Loader multi-rate-limit)
  read -r ok refused other by_a by_b problems < <(burst "$lb" "$k" $((import_budget + extra)))
  [ "$ok" = "$import_budget" ] && [ "$refused" = "$extra" ] && [ "$other" = 0 ] && [ "$problems" = "$extra" ] && [ "$by_a" -gt 0 ] && [ "$by_b" -gt 0 ]
  result multi-rate-limit-shared $? \
    "one Loader key, import allowance $import_budget a minute, $((import_budget + extra)) imports through the balancer:" \
    "allowed $ok (by a: $by_a, by b: $by_b), refused $refused (429 problem+json: $problems), other $other — expected $import_budget allowed, $extra refused"
}

# The revocation is measured while the writers of the next check run (the wait is most of its time): begin_revocation
# revokes and starts polling the other instance in the background, end_revocation waits for it and reports.
begin_revocation() {
  local id k served
  read -r id k < <(new_key Reader multi-revoked)
  # Both instances know the key (it is in both caches) before it is revoked through a.
  IFS=$'\t' read -r rev_before_a served < <(call GET "$a/api/v1/tasks?pageSize=1" "$k")
  IFS=$'\t' read -r rev_before_b served < <(call GET "$b/api/v1/tasks?pageSize=1" "$k")
  IFS=$'\t' read -r rev_status served < <(call POST "$a/api/v1/api-keys/$id/revoke" "$key")
  local start; start="$(date +%s%3N)"
  IFS=$'\t' read -r rev_a served < <(call GET "$a/api/v1/tasks?pageSize=1" "$k")
  (
    CALL_OUT="$work/revocation"
    while :; do
      IFS=$'\t' read -r status served < <(call GET "$b/api/v1/tasks?pageSize=1" "$k")
      elapsed=$(( $(date +%s%3N) - start ))
      [ "$status" = 401 ] && break
      [ "$elapsed" -gt $(( (revocation_limit + 3) * 1000 )) ] && break
      sleep 0.25
    done
    echo "$status $elapsed" >"$work/revocation.result"
  ) &
  rev_poller=$!
}

end_revocation() {
  local refused_b elapsed
  wait "$rev_poller"
  read -r refused_b elapsed <"$work/revocation.result"
  [ "$rev_before_a" = 200 ] && [ "$rev_before_b" = 200 ] && [ "$rev_a" = 401 ] && [ "$refused_b" = 401 ] \
    && [ "$elapsed" -le $((revocation_limit * 1000)) ]
  result multi-revocation $? \
    "before: a $rev_before_a, b $rev_before_b; revoked through a ($rev_status): a answers $rev_a at once, b answers $refused_b after $((elapsed / 1000)).$(( (elapsed % 1000) / 100 )) s (limit $revocation_limit s)"
}

# A writer: <count> tasks added to the draft plan through the balancer; "id instance" of each in $work/written.<n>.
writer() { # writer <n> <plan> <count>
  local i status served CALL_OUT="$work/writer.$1"
  for i in $(seq 1 "$3"); do
    IFS=$'\t' read -r status served < <(call POST "$lb/api/v1/plans/$2/tasks" "$key" \
      "{\"group\":\"Q4\",\"sequence\":$((1000 * $1 + i)),\"content\":\"Nhiệm vụ thử $1-$i\",\"timing\":{\"kind\":\"Month\",\"month\":12},\"leads\":[{\"unitCode\":\"SNV\"}]}")
    if [ "$status" = 201 ]; then echo "$(jq -r .id "$CALL_OUT.body") $served" >>"$work/written.$1"
    else echo "writer $1: $status $(head -c 300 "$CALL_OUT.body")" >>"$work/writer-errors"; fi
  done
}

# The poller: follows the feed with changedSince and sort=updatedAt through the balancer until the writers are done and
# a poll after that brings nothing; every item it sees goes to $work/seen as "id updatedAt instance".
poller() { # poller <cursor>
  local cursor="$1" status served n last_round=0 polls=0
  : >"$work/seen"
  while [ "$polls" -lt 3000 ]; do
    [ -f "$work/writers-done" ] && last_round=$((last_round + 1))
    polls=$((polls + 1))
    IFS=$'\t' read -r status served < <(curl -s -G -H "X-Api-Key: $key" -D "$work/poll-headers" -o "$work/poll" -w '%{http_code}\t' \
      --data-urlencode "changedSince=$cursor" --data-urlencode sort=updatedAt --data-urlencode pageSize=100 "$lb/api/v1/tasks"; \
      tr -d '\r' <"$work/poll-headers" | sed -n 's/^[Xx]-[Ss]erved-[Bb]y: *//p')
    [ "$status" = 200 ] || { echo "poll $polls: $status" >>"$work/poll-errors"; sleep 0.1; continue; }
    echo "$served" >>"$work/polled-by"
    n="$(jq '.items | length' "$work/poll")"
    if [ "$n" -gt 0 ]; then
      jq -r --arg s "$served" '.items[] | "\(.id) \(.updatedAt) \($s)"' "$work/poll" >>"$work/seen"
      cursor="$(jq -r '.items[-1].updatedAt' "$work/poll")"
      continue
    fi
    [ "$last_round" -ge 2 ] && break
    sleep 0.05
  done
  echo "$polls" >"$work/polls"
}

check_changed_since() {
  local plan cursor per_writer=20 written seen distinct missed twice
  call GET "$lb/api/v1/plans?year=2026" "$key" >/dev/null
  plan="$(jq -r '.items[0].id' "$work/call.body")"
  # The poll's starting point: the latest change before the writers start, as the feed itself gives it.
  call GET "$lb/api/v1/tasks?changedSince=2000-01-01T00:00:00Z&sort=-updatedAt&pageSize=1" "$key" >/dev/null
  cursor="$(jq -r '.items[0].updatedAt' "$work/call.body")"
  rm -f "$work"/written.* "$work/writers-done" "$work/writer-errors" "$work/poll-errors" "$work/polled-by"
  poller "$cursor" & local poller_pid=$!
  writer 1 "$plan" "$per_writer" & local w1=$!
  writer 2 "$plan" "$per_writer" & local w2=$!
  wait "$w1" "$w2"
  touch "$work/writers-done"
  wait "$poller_pid"
  cat "$work"/written.* 2>/dev/null | sort >"$work/written"
  written="$(wc -l <"$work/written")"
  seen="$(wc -l <"$work/seen")"
  distinct="$(cut -d' ' -f1 "$work/seen" | sort -u | wc -l)"
  missed="$(comm -23 <(cut -d' ' -f1 "$work/written" | sort -u) <(cut -d' ' -f1 "$work/seen" | sort -u) | wc -l)"
  twice="$(cut -d' ' -f1 "$work/seen" | sort | uniq -d | wc -l)"
  local writes_a writes_b polls_a polls_b
  writes_a="$(grep -c ' a$' "$work/written")"; writes_b="$(grep -c ' b$' "$work/written")"
  polls_a="$(grep -cx a "$work/polled-by")"; polls_b="$(grep -cx b "$work/polled-by")"
  [ "$written" = $((2 * per_writer)) ] && [ "$missed" = 0 ] && [ "$twice" = 0 ] && [ "$seen" = "$distinct" ] && [ "$seen" = "$written" ] \
    && [ "$writes_a" -gt 0 ] && [ "$writes_b" -gt 0 ] && [ "$polls_a" -gt 0 ] && [ "$polls_b" -gt 0 ] && [ ! -s "$work/poll-errors" ]
  result multi-changed-since $? \
    "2 writers × $per_writer new tasks through the balancer (written by a: $writes_a, by b: $writes_b; failed writes: $(cat "$work/writer-errors" 2>/dev/null | wc -l))" \
    "poller: $(cat "$work/polls") polls with changedSince (answered by a: $polls_a, by b: $polls_b); items seen $seen, distinct $distinct, written but never seen $missed, seen twice $twice" \
    "$(head -3 "$work/writer-errors" 2>/dev/null)$(head -3 "$work/poll-errors" 2>/dev/null)"
}

check_redis_down() {
  local id k ok refused other by_a by_b problems warned=0
  read -r id k < <(new_key Loader multi-redis-down)
  stop_recorded redis
  read -r ok refused other by_a by_b problems < <(burst "$lb" "$k" $((2 * import_budget + 4)) 2>"$work/redis-down.err")
  grep -q 'Redis does not answer' "$work/a.log" && grep -q 'Redis does not answer' "$work/b.log" && warned=1
  [ "$other" = 0 ] && [ "$warned" = 1 ]
  result multi-redis-down $? \
    "Redis stopped; $((2 * import_budget + 4)) imports with a new Loader key: allowed $ok (by a: $by_a, by b: $by_b), refused $refused, other (5xx…) $other; warning logged by both instances: $([ "$warned" = 1 ] && echo yes || echo no)" \
    "without Redis each instance counts on its own, as when RateLimiting:Redis is unset: up to $((2 * import_budget)) allowed here (2 × $import_budget)" \
    "$(head -3 "$work/redis-down.err")"
}

# Webhooks and reminders delivered once by several instances. Both instances run the delivery worker (polling every
# 0.5 s) and the reminder scheduler (every minute here, so a slot comes during the run). A subscription to every event
# points at the local receiver; issuing the 2026 plan makes plan, task and obligation events, and the next slot the units'
# digests. Then, once nothing is pending: every delivery the log says was delivered arrived exactly once, signed; none
# failed; every reminder slot has one run, and no unit got two digests for one slot.
check_delivered_once() {
  local sub plan runs=0 pending=1 delivered failed received distinct twice bad digests digest_pairs slots slot_rows
  : >"$work/received"
  call POST "$lb/api/v1/webhook-subscriptions" "$key" \
    "{\"url\":\"http://127.0.0.1:$port_receiver/hook\",\"eventTypes\":[\"*\"],\"description\":\"multi-instance check\"}" >/dev/null
  sub="$(jq -r '.subscription.id' "$work/call.body")"
  jq -r '.secret' "$work/call.body" >"$work/secret"
  call GET "$lb/api/v1/plans?year=2026" "$key" >/dev/null
  plan="$(jq -r '.items[0].id' "$work/call.body")"
  call POST "$lb/api/v1/plans/$plan/issue" "$key" '{"number":"01/KH-MULTI","issueDate":"2026-01-15"}' >"$work/issue.status"
  # A reminder slot with digests after the issue (at most a minute and a bit), then the queue drained.
  for _ in $(seq 1 90); do
    call GET "$lb/api/v1/reminder-runs?pageSize=200" "$key" >/dev/null
    runs="$(jq '[.items[] | select(.units > 0 and .finishedAt != null)] | length' "$work/call.body")"
    [ "$runs" -gt 0 ] && break
    sleep 1
  done
  for _ in $(seq 1 120); do
    call GET "$lb/api/v1/webhook-subscriptions/$sub/deliveries?state=Pending&pageSize=1" "$key" >/dev/null
    pending="$(jq '.totalCount' "$work/call.body")"
    [ "$pending" = 0 ] && break
    sleep 0.5
  done
  call GET "$lb/api/v1/reminder-runs?pageSize=200" "$key" >/dev/null
  slot_rows="$(jq '.items | length' "$work/call.body")"; slots="$(jq '[.items[].slot] | unique | length' "$work/call.body")"
  call GET "$lb/api/v1/webhook-subscriptions/$sub/deliveries?state=Delivered&pageSize=1" "$key" >/dev/null
  delivered="$(jq '.totalCount' "$work/call.body")"
  call GET "$lb/api/v1/webhook-subscriptions/$sub/deliveries?state=Failed&pageSize=1" "$key" >/dev/null
  failed="$(jq '.totalCount' "$work/call.body")"
  received="$(wc -l <"$work/received")"
  distinct="$(cut -d' ' -f1 "$work/received" | sort -u | wc -l)"
  twice="$(cut -d' ' -f1 "$work/received" | sort | uniq -d | wc -l)"
  bad="$(grep -c ' bad$' "$work/received")"
  digests="$(grep -c ' obligation.reminder ' "$work/received")"
  digest_pairs="$(awk '$2 == "obligation.reminder" { print $3, $4 }' "$work/received" | sort -u | wc -l)"
  [ "$(cut -f1 "$work/issue.status")" = 200 ] && [ "$runs" -gt 0 ] && [ "$pending" = 0 ] && [ "$failed" = 0 ] \
    && [ "$delivered" -gt 0 ] && [ "$received" = "$delivered" ] && [ "$distinct" = "$received" ] && [ "$twice" = 0 ] && [ "$bad" = 0 ] \
    && [ "$digests" -gt 0 ] && [ "$digest_pairs" = "$digests" ] && [ "$slots" = "$slot_rows" ]
  result multi-delivered-once $? \
    "plan issued through the balancer: $(cut -f1 "$work/issue.status"); reminder runs: $slot_rows for $slots slots ($runs with digests)" \
    "deliveries: $delivered delivered, $failed failed, $pending still pending; received $received ($distinct distinct webhook-ids, $twice twice, $bad with a bad signature)" \
    "digests received: $digests, distinct (unit, slot): $digest_pairs; by type: $(cut -d' ' -f2 "$work/received" | sort | uniq -c | awk '{printf "%s %s, ", $2, $1}')"
}

setup >"$work/setup.log" 2>&1
status=$?
result multi-setup "$status" "$(tail -n 1 "$work/setup.log")"
grep '^setup:' "$work/setup.log" | sed 's/^/    /'
if [ "$status" -ne 0 ]; then grep -v '^setup:' "$work/setup.log" | sed 's/^/    /' | tail -n 30; summary; exit 1; fi

check_both_instances
check_rate_limit
begin_revocation
check_changed_since >"$work/changed-since.out"
end_revocation
cat "$work/changed-since.out"
check_delivered_once
check_redis_down
summary
