#!/usr/bin/env bash
# The contract checks of the test command: the committed OpenAPI document against the code (drift and breaking
# changes), then, against a running instance, the lint, the generated C# and TypeScript clients' scenarios and the
# Swagger UI smoke test. Each prints "CHECK <name>: PASS|FAIL"; test.sh counts them with the tests.
# Runs the API on 127.0.0.1:${EMULATION_CONTRACT_PORT:-5071} against its own database (emulation_contract, recreated).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
port="${EMULATION_CONTRACT_PORT:-5071}"
base="http://127.0.0.1:$port"
key="emk_contract-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
out="src/Api/bin/Release/net10.0"

check() { # name, command...
  local name="$1"; shift
  if "$@"; then echo "CHECK $name: PASS"; else echo "CHECK $name: FAIL"; fi
}

check openapi-matches-code scripts/openapi.sh check

# Swagger UI's smoke test drives Debian's Chromium.
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "[contract] installing Debian's chromium for the Swagger UI smoke test"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1; } || true
fi

# Its own database for the running instance (created if missing; migrating and seeding are idempotent).
if [ -z "${ConnectionStrings__Emulation:-}" ]; then
  scripts/postgres.sh start emulation_contract >/dev/null
  export ConnectionStrings__Emulation="$(scripts/postgres.sh url emulation_contract)"
fi
(cd "$out" && dotnet EmulationApi.Api.dll migrate seed >/dev/null)
if curl -fs "$base/health/live" >/dev/null 2>&1; then
  echo "CHECK contract-instance: FAIL"
  echo "    something already listens on $base; stop it or set EMULATION_CONTRACT_PORT"
  exit 1
fi
log="$(mktemp)"
(cd "$out" && ASPNETCORE_URLS="$base" EMULATION_BOOTSTRAP_ADMIN_KEY="$key" Logging__LogLevel__Default=Warning \
  exec env "Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning" dotnet EmulationApi.Api.dll >"$log" 2>&1) &
api=$!
trap 'kill $api 2>/dev/null; wait $api 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 60); do curl -fs "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
if ! kill -0 "$api" 2>/dev/null || ! curl -fs "$base/health/ready" >/dev/null 2>&1; then
  echo "CHECK contract-instance: FAIL"
  sed 's/^/    /' "$log" | tail -20
  exit 1
fi

contract/check.sh "$base" "$key"
mkdir -p artifacts
swagger_ui() { (cd contract && node swagger-ui-smoke.mjs "$base" "$key" "$root/artifacts/swagger-ui.png"); }
check swagger-ui swagger_ui
