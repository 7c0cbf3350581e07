#!/usr/bin/env bash
# OpenAPI contract checks for EmulationApi: lint the document, generate a C# client (NSwag) and a TypeScript client
# (openapi-typescript + openapi-fetch) from it, compile both, and run both scenarios against a running instance.
#
# Usage: contract/check.sh [base-url] [api-key] [document]
#   base-url  default $EMULATION_BASE_URL, else http://127.0.0.1:5080
#   api-key   default $EMULATION_API_KEY, else the key ./run.sh keeps in .data/bootstrap-admin-key
#   document  default $CONTRACT_DOCUMENT, else openapi/v1.json at the repository root; when that file does not exist,
#             the document the instance serves at <base-url>/swagger/v1/swagger.json (downloaded to a temp file)
# Prints one line per check, "CHECK <name>: PASS|FAIL" (a failed check's log follows it, indented), and exits 1 if
# any check failed. CONTRACT_VERBOSE=1 prints every check's log.
#
# Needs: node >= 20.19 with npm, the .NET 10 SDK, curl. npm packages come from contract/package-lock.json into
# contract/node_modules (first run: npm ci; later runs reuse it until the lock file changes). Generated code
# (csharp/Generated, typescript/generated, typescript/dist) is written on every run and is not committed.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

base_url="${1:-${EMULATION_BASE_URL:-http://127.0.0.1:5080}}"
base_url="${base_url%/}"
api_key="${2:-${EMULATION_API_KEY:-}}"
if [ -z "$api_key" ] && [ -s "$root/.data/bootstrap-admin-key" ]; then
  api_key="$(cat "$root/.data/bootstrap-admin-key")"
fi
document="${3:-${CONTRACT_DOCUMENT:-$root/openapi/v1.json}}"
verbose="${CONTRACT_VERBOSE:-0}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0
passed=0
declare -A result

# record <name> <status> <log>: prints the CHECK line (and the log when it failed or when verbose).
record() {
  local name="$1" status="$2" log="$3"
  if [ "$status" -eq 0 ]; then
    result[$name]=PASS; passed=$((passed + 1))
    echo "CHECK $name: PASS"
    if [ "$verbose" = 1 ] && [ -s "$log" ]; then sed 's/^/    /' "$log"; fi
  else
    result[$name]=FAIL; failed=$((failed + 1))
    echo "CHECK $name: FAIL"
    if [ -s "$log" ]; then
      if [ "$verbose" = 1 ]; then sed 's/^/    /' "$log"; else tail -n 60 "$log" | sed 's/^/    /'; fi
    fi
  fi
}

# run <name> <command…>: runs the command with its output in a log, then records the result.
run() {
  local name="$1"; shift
  local log="$work/$name.log"
  (cd "$here" && "$@") >"$log" 2>&1
  record "$name" $? "$log"
}

# skip <name> <reason>: a check that cannot run because an earlier one failed counts as failed.
skip() {
  local log="$work/$1.log"
  echo "not run: $2" >"$log"
  record "$1" 1 "$log"
}

# show <name>: prints a passed check's log anyway (the scenarios' step lines are worth seeing).
show() { [ "$verbose" = 1 ] || sed 's/^/    /' "$work/$1.log"; }

ok() { [ "${result[$1]:-FAIL}" = PASS ]; }

# --- tools -------------------------------------------------------------------------------------------------------
install_tools() {
  command -v node >/dev/null || { echo "node is required"; return 1; }
  command -v dotnet >/dev/null || { echo "the .NET SDK (dotnet) is required"; return 1; }
  local stamp="$here/node_modules/.contract-lock.sha256"
  local want; want="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
  if [ -s "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "node_modules up to date with package-lock.json ($want)"
    return 0
  fi
  npm ci --no-audit --no-fund && echo "$want" >"$stamp"
}
run tools install_tools
if ! ok tools; then
  echo "contract: tools could not be installed; nothing else was checked"
  exit 1
fi
# CONTRACT_TOOLS_ONLY=1: only the tools (scripts/fuzz.sh needs them and nothing else of this script).
[ "${CONTRACT_TOOLS_ONLY:-0}" = 1 ] && exit 0

# --- the document ------------------------------------------------------------------------------------------------
fetch_document() {
  echo "no $document; downloading the served document"
  curl -fsS --max-time 60 -o "$work/v1.json" "$base_url/swagger/v1/swagger.json" &&
    node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$work/v1.json" &&
    echo "downloaded $base_url/swagger/v1/swagger.json ($(wc -c <"$work/v1.json") bytes)"
}
if [ -f "$document" ]; then
  document="$(cd "$(dirname "$document")" && pwd)/$(basename "$document")"
  echo "document: $document"
else
  run document fetch_document
  ok document || { echo "contract: $passed passed, $failed failed"; exit 1; }
  document="$work/v1.json"
fi

# --- lint ----------------------------------------------------------------------------------------------------------
lint() {
  local redocly="$here/node_modules/.bin/redocly"
  "$redocly" lint "$document" --config redocly.yaml --format stylish --max-problems 1000 && return 0
  echo "--- problems by rule:"
  "$redocly" lint "$document" --config redocly.yaml --format summary --max-problems 1000 2>&1 | grep -E '^(error|warning) '
  return 1
}
run lint lint

# --- C# (NSwag) ----------------------------------------------------------------------------------------------------
generate_csharp() {
  rm -rf csharp/Generated
  "$here/node_modules/.bin/nswag" run csharp/nswag.json "/variables:Spec=$document" &&
    test -s csharp/Generated/EmulationApiClient.g.cs
}
run csharp-generate generate_csharp
if ok csharp-generate; then
  run csharp-compile dotnet build csharp/ContractClient.csproj -c Release -nologo -v quiet -clp:NoSummary
else
  skip csharp-compile "csharp-generate failed"
fi
if ok csharp-compile; then
  run csharp-scenario dotnet csharp/bin/Release/net10.0/EmulationApi.ContractClient.dll "$base_url" "$api_key"
  ok csharp-scenario && show csharp-scenario
else
  skip csharp-scenario "csharp-compile failed"
fi

# --- TypeScript (openapi-typescript + openapi-fetch) ---------------------------------------------------------------
generate_typescript() {
  rm -rf typescript/generated typescript/dist
  "$here/node_modules/.bin/openapi-typescript" "$document" --redocly typescript/redocly.generate.yaml \
    -o typescript/generated/schema.d.ts && test -s typescript/generated/schema.d.ts
}
run typescript-generate generate_typescript
if ok typescript-generate; then
  run typescript-compile "$here/node_modules/.bin/tsc" -p typescript --noEmit
else
  skip typescript-compile "typescript-generate failed"
fi
if ok typescript-compile; then
  run_typescript() { "$here/node_modules/.bin/tsc" -p typescript && node typescript/dist/scenario.js "$base_url" "$api_key"; }
  run typescript-scenario run_typescript
  ok typescript-scenario && show typescript-scenario
else
  skip typescript-scenario "typescript-compile failed"
fi

echo "contract: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
