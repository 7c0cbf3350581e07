#!/usr/bin/env bash
# Command 1: brings EmulationApi up on this machine.
# Installs PostgreSQL if missing and starts the private cluster (unless ConnectionStrings__Emulation points elsewhere),
# builds the API, applies the migrations, loads the starting units and the 2026 plan, and serves the API with Swagger UI
# on http://127.0.0.1:5080 (ASPNETCORE_URLS moves it). Safe to run again: loading is idempotent.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

command -v dotnet >/dev/null || { echo "The .NET SDK (dotnet) is required: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2; exit 1; }

# The first admin key, checked before anything starts: empty or white space is "not set" (one is generated below); a
# set key shorter than 32 characters is refused, as the API itself refuses it (it would otherwise never be accepted).
EMULATION_BOOTSTRAP_ADMIN_KEY="$(printf '%s' "${EMULATION_BOOTSTRAP_ADMIN_KEY:-}" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')"
if [ -n "$EMULATION_BOOTSTRAP_ADMIN_KEY" ] && [ "${#EMULATION_BOOTSTRAP_ADMIN_KEY}" -lt 32 ]; then
  echo "[run] EMULATION_BOOTSTRAP_ADMIN_KEY is ${#EMULATION_BOOTSTRAP_ADMIN_KEY} characters long; the admin key needs at least 32. Set a longer one (or unset it to have one generated) and run again." >&2
  exit 1
fi

if [ -z "${ConnectionStrings__Emulation:-}" ]; then
  scripts/postgres.sh start
  export ConnectionStrings__Emulation="$(scripts/postgres.sh url)"
fi
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"

echo "[run] building the API (Release)"
dotnet build src/Api/Api.csproj -c Release -nologo -clp:ErrorsOnly -v quiet

out="src/Api/bin/Release/net10.0"
echo "[run] applying migrations and loading the 2026 plan"
seedlog="$(mktemp)"
(cd "$out" && dotnet EmulationApi.Api.dll migrate seed) | tee "$seedlog"
read -r _ _ plan_id plan_status _ task_id task_leads < <(grep '^\[seed\] plan ' "$seedlog" || echo)
rm -f "$seedlog"

# The first admin key: EMULATION_BOOTSTRAP_ADMIN_KEY if set, else one generated once and kept in .data (git-ignored).
if [ -z "${EMULATION_BOOTSTRAP_ADMIN_KEY:-}" ]; then
  keyfile=".data/bootstrap-admin-key"
  if [ ! -s "$keyfile" ]; then
    mkdir -p .data
    (umask 077; printf 'emk_%s\n' "$(head -c 30 /dev/urandom | base64 | tr '+/' '-_')" > "$keyfile")
  fi
  EMULATION_BOOTSTRAP_ADMIN_KEY="$(cat "$keyfile")"
  export EMULATION_BOOTSTRAP_ADMIN_KEY
  keynote="(kept in $keyfile)"
else
  keynote="(from EMULATION_BOOTSTRAP_ADMIN_KEY)"
fi

first_url="${ASPNETCORE_URLS%%;*}"
echo "[run] serving on $ASPNETCORE_URLS — Swagger UI: ${first_url%/}/swagger   (Ctrl+C stops the API; scripts/postgres.sh stop stops the database)"
echo "[run] admin API key $keynote: $EMULATION_BOOTSTRAP_ADMIN_KEY"
echo "[run] in Swagger UI press Authorize and paste it as ApiKey; with curl send it as the X-Api-Key header"
if [ -n "${plan_id:-}" ] && [ "$plan_status" = "Draft" ] && [ -n "${task_id:-}" ]; then
  base="${first_url%/}/api/v1"
  echo "[run] the 2026 plan is loaded as a draft: its text has no number or issue date. From here to a first progress report:"
  echo "  curl -X POST $base/plans/$plan_id/issue -H 'X-Api-Key: $EMULATION_BOOTSTRAP_ADMIN_KEY' -H 'Content-Type: application/json' -d '{\"number\":\"<its number>/KH-UBND\",\"issueDate\":\"2026-01-20\"}'"
  echo "  curl -X POST $base/tasks/$task_id/progress -H 'X-Api-Key: $EMULATION_BOOTSTRAP_ADMIN_KEY' -H 'Content-Type: application/json' -d '{\"reportedOn\":\"2026-03-20\",\"reportingUnitCode\":\"${task_leads%%,*}\",\"status\":\"Done\",\"text\":\"Đã ban hành Chỉ thị\"}'"
fi
cd "$out" && exec dotnet EmulationApi.Api.dll
