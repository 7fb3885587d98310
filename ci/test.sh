#!/usr/bin/env bash
# Builds P2PSim and runs every test project: unit, integration (real processes, the classic Python client),
# stress and Coyote systematic tests. Ends with one line "N passed, N failed, N skipped" totalled over all projects.
#
#   ci/test.sh                 quick mode (CI): bounded explorations, a 30 s stress run
#   ci/test.sh --filter EXPR   only tests matching a dotnet test filter
#
# Environment: P2PSIM_STRESS_SECONDS (default 30) bounds the concurrent-clients stress test.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

filter=()
if [[ "${1:-}" == "--filter" && -n "${2:-}" ]]; then
    filter=(--filter "$2")
fi

bash ci/build.sh || { echo "0 passed, 1 failed"; exit 1; }

mkdir -p artifacts
log=artifacts/test-output.log
dotnet test P2PSim.sln -c Release --no-build -nologo \
    --results-directory artifacts/test-results --logger "trx" \
    --blame-hang-timeout 10m "${filter[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Each test project prints "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T" (or "Failed!  - ...").
read -r passed failed skipped projects < <(awk '
    /^(Passed|Failed)! +- +Failed: / {
        gsub(/,/, "");
        for (i = 1; i <= NF; i++) {
            if ($i == "Failed:") f += $(i + 1);
            if ($i == "Passed:") p += $(i + 1);
            if ($i == "Skipped:") s += $(i + 1);
        }
        n++;
    }
    END { printf "%d %d %d %d\n", p, f, s, n }' "$log")

# Test projects are the projects named *Tests (the rule Directory.Build.props applies tests.props by).
expected=$(git ls-files '*Tests.csproj' | wc -l)
if [[ $status -ne 0 && $failed -eq 0 ]]; then
    # A crashed or hung test host prints no summary: count it as a failure rather than hide it.
    failed=1
fi
if [[ $projects -lt $expected && ${#filter[@]} -eq 0 ]]; then
    echo "ci/test.sh: only $projects of $expected test projects reported results" >&2
    failed=$((failed + expected - projects))
fi

# The planted-bug table (Coyote vs. stress hit rates) when the systematic tests ran.
if [[ -f artifacts/coyote/report.md ]]; then
    echo
    cat artifacts/coyote/report.md
    echo
fi

echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
