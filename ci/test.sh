#!/usr/bin/env bash
# Builds P2PSim and runs every test project: unit, integration (real processes, the classic Python client),
# stress and Coyote systematic tests, plus the format check, the mutation quick check and a fuzzing smoke. Ends with
# one line "N passed, N failed, N skipped" totalled over all of them (the format, mutation, fuzzing and planted-mutant
# checks count as one test each).
#
#   ci/test.sh                 everything, quick mode (CI): bounded explorations, a 30 s stress run
#   ci/test.sh --tier tests    every test project but the Coyote one, the format, mutation and fuzzing checks
#   ci/test.sh --tier coyote   only the Coyote systematic tests (Simulation/P2PSim.Systematic.Tests) and the
#                              planted-mutant checks (one bug of ci/mutants/ must be caught, every patch must apply)
#   ci/test.sh --filter EXPR   only tests matching a dotnet test filter (skips the four checks)
#   ci/test.sh --no-build      reuse the Release build already there (CI's workflow builds in its own step)
#
# Environment: P2PSIM_STRESS_SECONDS (default 30) bounds the concurrent-clients stress test.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

filter=()
tier=all
build=1
while (($#)); do
    case "$1" in
        --filter) filter=(--filter "$2"); shift 2 ;;
        --tier) tier="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "ci/test.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
case "$tier" in
    all|tests|coyote) ;;
    *) echo "ci/test.sh: unknown tier '$tier' (all, tests or coyote)" >&2; exit 2 ;;
esac
# The checks beside the test projects run only in unfiltered runs: format and mutation score with the tests tier, the
# planted mutant with the Coyote tier.
checks=0
coyote_checks=0
if ((${#filter[@]} == 0)); then
    [[ $tier != coyote ]] && checks=1
    [[ $tier != tests ]] && coyote_checks=1
fi

if ((build)); then
    bash ci/build.sh || { echo "0 passed, 1 failed"; exit 1; }
fi

# The tier's test projects as a solution filter, so dotnet test still runs them side by side.
coyote_project=Simulation/P2PSim.Systematic.Tests/P2PSim.Systematic.Tests.csproj
mapfile -t test_projects < <(git ls-files '*Tests.csproj' | while read -r p; do
    case "$tier" in
        tests) [[ $p != "$coyote_project" ]] && echo "$p" ;;
        coyote) [[ $p == "$coyote_project" ]] && echo "$p" ;;
        *) echo "$p" ;;
    esac
done)
mkdir -p artifacts
target=P2PSim.sln
if [[ $tier != all ]]; then
    target=artifacts/$tier.slnf
    python3 - "$target" "${test_projects[@]}" <<'PY'
import json, sys
target, projects = sys.argv[1], sys.argv[2:]
with open(target, "w") as f:
    json.dump({"solution": {"path": "../P2PSim.sln", "projects": projects}}, f, indent=2)
PY
fi

log=artifacts/test-output.log
dotnet test "$target" -c Release --no-build -nologo \
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
expected=${#test_projects[@]}
if [[ $status -ne 0 && $failed -eq 0 ]]; then
    # A crashed or hung test host prints no summary: count it as a failure rather than hide it.
    failed=1
fi
if [[ $projects -lt $expected && ${#filter[@]} -eq 0 ]]; then
    echo "ci/test.sh: only $projects of $expected test projects reported results" >&2
    failed=$((failed + expected - projects))
fi

# Formatting and code style as .editorconfig says (dotnet format --verify-no-changes), one pass or one failure.
if ((checks)); then
    if bash ci/format.sh; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
fi

# Mutation testing, quick mode: Rpc's XDR codec under Stryker, one pass or one failure in the totals (the full
# per-project figures come from ci/mutate.sh --all; see docs/mutation-testing.md).
if ((checks)); then
    if bash ci/mutate.sh --quick; then
        passed=$((passed + 1))
    else
        echo "ci/test.sh: mutation score of the quick project below its threshold (artifacts/mutation/)" >&2
        failed=$((failed + 1))
    fi
fi

# A fuzzing smoke: every fuzz target of PropertyTests/P2PSim.Fuzzing 4 s under afl-fuzz (about two minutes in all; the
# corpus and past crashes already ran as P2PSim.Fuzzing.Tests). It fails on a crash or a target that ran no input,
# never on speed: a slow machine runs fewer inputs, and a generous -t keeps a loaded one from calling slow inputs
# hangs. One pass or one failure in the totals (artifacts/fuzz/report.md).
if ((checks)); then
    if bash ci/fuzz.sh --no-build --seconds 4 --timeout 10000 > artifacts/fuzz-smoke.log 2>&1; then
        passed=$((passed + 1))
        echo "ci/test.sh: fuzzing smoke OK (artifacts/fuzz/report.md)"
    else
        tail -40 artifacts/fuzz-smoke.log >&2
        echo "ci/test.sh: the fuzzing smoke found a crash or could not run a target (artifacts/fuzz-smoke.log, docs/fuzzing.md)" >&2
        failed=$((failed + 1))
    fi
fi

# A bug planted in the real product code (ci/mutants/), quick mode: the log sink's signal published outside its lock,
# the hardest of them to see, must be caught by the RealCode Coyote scenarios on seed 1 (ci/mutants.sh runs them all
# on ten seeds). One pass or one failure in the totals.
if ((coyote_checks)); then
    if bash ci/mutants.sh --seeds 1 sink-signal-published-outside-lock > artifacts/mutants-quick.log 2>&1; then
        passed=$((passed + 1))
        echo "ci/test.sh: the planted sink-signal mutant was caught (artifacts/mutants-quick.log)"
    else
        tail -20 artifacts/mutants-quick.log >&2
        echo "ci/test.sh: the planted sink-signal mutant was NOT caught by the RealCode scenarios (artifacts/mutants-quick.log)" >&2
        failed=$((failed + 1))
    fi
fi

# Every planted mutant must still apply to the code as it is: a patch whose context moved plants nothing, and its
# row in ci/mutants/README.md would claim a catch no one can rerun. One pass or one failure in the totals.
if ((coyote_checks)); then
    stale=()
    for patch in ci/mutants/*.patch; do
        git apply --check "$patch" 2>/dev/null || stale+=("$patch")
    done
    if ((${#stale[@]} == 0)); then
        passed=$((passed + 1))
    else
        echo "ci/test.sh: these planted mutants no longer apply; replant them on the current code: ${stale[*]}" >&2
        failed=$((failed + 1))
    fi
fi

# The planted-bug table (Coyote vs. stress hit rates) when the systematic tests ran.
if [[ -f artifacts/coyote/report.md ]]; then
    echo
    cat artifacts/coyote/report.md
    echo
fi

echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
