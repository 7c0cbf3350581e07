#!/usr/bin/env bash
# Command 2: runs every test (unit and integration) against a real PostgreSQL, then the contract checks
# (scripts/contract-checks.sh: the OpenAPI document against the code, lint, generated C# and TypeScript clients run
# against a live instance, Swagger UI in headless Chromium, and the fuzz stage: requests generated from the document),
# and ends with "Tests: N passed, N failed" counting the tests, the checks and the fuzz stage's cases.
# Uses the private cluster (started if needed) unless ConnectionStrings__Emulation names a server; only that server is
# used: the integration tests create, use and drop their own database (emulation_test_<pid>_<random>), the contract
# checks theirs (emulation_contract_<pid>_<random>). The database the connection string names is never touched.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if [ -z "${ConnectionStrings__Emulation:-}" ]; then
  if ! scripts/postgres.sh start; then
    echo "PostgreSQL could not be started."
    echo "Tests: 0 passed, 1 failed"
    exit 1
  fi
  export ConnectionStrings__Emulation="$(scripts/postgres.sh url)"
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet test EmulationApi.sln -c Release -nologo --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test assembly: "Passed!  - Failed:     0, Passed:    39, Skipped:     0, Total:    39, …"
passed=0; failed=0
while read -r f p; do
  passed=$((passed + p)); failed=$((failed + f))
done < <(sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\), Skipped.*/\1 \2/p' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test failed before or outside the tests (see above); counting that as one failure."
  failed=1
fi

# The contract checks, one "CHECK <name>: PASS|FAIL" line each, then "contract checks: N passed, N failed" — which
# counts the checks that must run but did not as failed. The script's exit status is honoured too.
scripts/contract-checks.sh 2>&1 | tee "$log"
checks_status=${PIPESTATUS[0]}
read -r checks_passed checks_failed < <(sed -n 's/^contract checks: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$log" | tail -n 1)
checks_passed=${checks_passed:-0}; checks_failed=${checks_failed:-0}
if [ "$checks_passed" -eq 0 ] && [ "$checks_failed" -eq 0 ]; then
  echo "The contract checks did not run (see above); counting that as one failure."
  checks_failed=1
fi
if [ "$checks_status" -ne 0 ] && [ "$checks_failed" -eq 0 ]; then
  echo "The contract checks exited with status $checks_status without a failed check (see above); counting that as one failure."
  checks_failed=1
fi
# The fuzz stage's cases (contract/fuzz.mjs, run last by the contract checks): each generated request is one test,
# counted here once; "CHECK fuzz" above is the stage as a whole (it fails when a case failed or the stage could not run).
read -r fuzz_passed fuzz_failed < <(sed -n 's/^fuzz: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$log" | tail -n 1)
fuzz_passed=${fuzz_passed:-0}; fuzz_failed=${fuzz_failed:-0}
passed=$((passed + checks_passed + fuzz_passed)); failed=$((failed + checks_failed + fuzz_failed))
[ "$checks_failed" -eq 0 ] || status=1
echo "Tests: $passed passed, $failed failed"
exit "$status"
