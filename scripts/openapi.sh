#!/usr/bin/env bash
# The OpenAPI contract, produced at build time without starting the server (Swashbuckle's CLI loads the app's
# services, never listens and never touches the database).
#   scripts/openapi.sh update   regenerate openapi/v1.json (commit it with the change that caused it)
#   scripts/openapi.sh check    fail when the code's document differs from openapi/v1.json, and say whether the
#                               difference breaks clients (removed operations or properties, renamed operationIds,
#                               new required request fields, removed enum values)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mode="${1:-check}"
committed="openapi/v1.json"
out="src/Api/bin/Release/net10.0"

dotnet build src/Api/Api.csproj -c Release -nologo -clp:ErrorsOnly -v quiet
dotnet tool restore >/dev/null
generated="$(mktemp --suffix=.json)"
trap 'rm -f "$generated"' EXIT
# From the output folder, so the app finds its appsettings.json as it does when it runs.
(cd "$out" && dotnet swagger tofile --output "$generated" EmulationApi.Api.dll v1 >/dev/null)

case "$mode" in
  update)
    mkdir -p openapi
    cp "$generated" "$committed"
    echo "[openapi] wrote $committed"
    ;;
  check)
    status=0
    python3 scripts/openapi-breaking.py "$committed" "$generated" || status=$?
    if ! cmp -s "$committed" "$generated"; then
      echo "[openapi] the code's document differs from $committed: run scripts/openapi.sh update and commit the result" >&2
      diff <(python3 -m json.tool "$committed") <(python3 -m json.tool "$generated") | head -40 >&2 || true
      status=1
    else
      echo "[openapi] $committed matches the code"
    fi
    exit "$status"
    ;;
  *) echo "usage: $0 update|check" >&2; exit 2 ;;
esac
