#!/usr/bin/env bash
# The fuzz stage of ./test.sh on its own: requests generated from openapi/v1.json, each answer checked against it
# (contract/fuzz.mjs; see contract/README.md).
#
#   scripts/fuzz.sh                      builds the API, starts it on 127.0.0.1:${EMULATION_FUZZ_PORT:-5072} with a database
#                                        of its own (created, migrated, seeded, dropped at the end) and fuzzes it
#   scripts/fuzz.sh <base-url> <api-key> fuzzes a running instance (it creates, changes and deletes data there)
#
#   FUZZ_SEED=<int> replays a run (each run prints its seed); FUZZ_RUNS, FUZZ_OPERATIONS, FUZZ_SHOW: see contract/fuzz.mjs.
# Ends with "fuzz: N passed, N failed"; exits 0 only when every case passed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ $# -ge 2 ]; then
  CONTRACT_TOOLS_ONLY=1 contract/check.sh "$1" "$2" || exit 1
  cd contract && exec node fuzz.mjs "$1" "$2" "$root/openapi/v1.json"
fi

dotnet build src/Api -c Release -nologo -v q -clp:NoSummary || exit 1
EMULATION_CONTRACT_PORT="${EMULATION_FUZZ_PORT:-5072}" CONTRACT_CHECKS=fuzz exec scripts/contract-checks.sh
