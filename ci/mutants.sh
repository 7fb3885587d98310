#!/usr/bin/env bash
# Plants each bug of ci/mutants/ in a throw-away copy of the repository and checks that the Coyote harness catches
# it on every seed: the measure of the harness's strength against bugs in the real product code.
#
#   ci/mutants.sh                          every patch in ci/mutants/, seeds 1..10
#   ci/mutants.sh --seeds 3 NAME...        only these patches (NAME = file name without .patch), seeds 1..3
#   ci/mutants.sh --filter EXPR            another dotnet test filter (default Category=RealCode)
#   ci/mutants.sh --timeout S              bound of one dotnet test run in seconds (default 900)
#
# For each patch: `git worktree add --detach` of HEAD under /tmp (removed afterwards, even on failure), `git apply`
# of the patch, a Release build of Simulation/P2PSim.Systematic.Tests, then one `dotnet test --filter
# Category=RealCode` per seed with P2PSIM_COYOTE_SEED set. A seed catches the mutant when at least one test fails; a
# run that times out is a hang, not a catch. The table goes to artifacts/mutants/report.md (and stdout), the first
# catching seed's Coyote traces to artifacts/mutants/traces/NAME/. Exits non-zero when a mutant is caught on fewer
# than N seeds, a patch no longer applies or a mutant does not build.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

seeds=10
filter="Category=RealCode"
timeout_s=900
names=()
while (($#)); do
    case "$1" in
        --seeds) seeds="$2"; shift 2 ;;
        --filter) filter="$2"; shift 2 ;;
        --timeout) timeout_s="$2"; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        -*) echo "ci/mutants.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) names+=("${1%.patch}"); shift ;;
    esac
done
if ((${#names[@]} == 0)); then
    for patch in ci/mutants/*.patch; do
        names+=("$(basename "$patch" .patch)")
    done
fi

project=Simulation/P2PSim.Systematic.Tests/P2PSim.Systematic.Tests.csproj
out="$root/artifacts/mutants"
mkdir -p "$out"
rows=()
status=0
copy=""

cleanup() {
    if [[ -n "$copy" && -d "$copy" ]]; then
        git -C "$root" worktree remove --force "$copy/repo" > /dev/null 2>&1
        rm -rf "$copy"
        git -C "$root" worktree prune
    fi
    copy=""
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

dotnet tool restore > /dev/null || exit 1
for name in "${names[@]}"; do
    patch="$root/ci/mutants/$name.patch"
    if [[ ! -f "$patch" ]]; then
        echo "ci/mutants.sh: no patch $patch" >&2
        rows+=("| $name | - | $seeds | no such patch |")
        status=1
        continue
    fi

    copy=$(mktemp -d /tmp/p2psim-mutant-XXXXXX)
    git -C "$root" worktree add --detach "$copy/repo" HEAD > /dev/null 2>&1 || { echo "worktree add failed" >&2; exit 1; }
    echo "== $name: applying, building"
    if ! git -C "$copy/repo" apply "$patch"; then
        rows+=("| $name | - | $seeds | the patch no longer applies |")
        status=1
        cleanup
        continue
    fi

    if ! timeout -k 10 "$timeout_s" dotnet build "$copy/repo/$project" -c Release -nologo -v quiet > "$copy/build.log" 2>&1; then
        tail -20 "$copy/build.log"
        rows+=("| $name | - | $seeds | the mutant does not build |")
        status=1
        cleanup
        continue
    fi

    caught=0
    failed_tests=""
    notes=""
    for ((seed = 1; seed <= seeds; seed++)); do
        log="$copy/seed-$seed.log"
        start=$(date +%s)
        P2PSIM_COYOTE_SEED=$seed timeout -k 10 "$timeout_s" dotnet test "$copy/repo/$project" -c Release --no-build -nologo \
            --filter "$filter" --logger "console;verbosity=normal" > "$log" 2>&1
        rc=$?
        took=$(( $(date +%s) - start ))
        failures=$(grep -oE '^\s+Failed [A-Za-z0-9_.]+' "$log" | awk '{print $2}' | sed -E 's/^P2PSim\.Systematic\.Tests\.//' | sort -u)
        if ((rc == 124 || rc == 137)); then
            echo "   seed $seed: timed out after ${timeout_s} s (a hang is not a catch)"
            notes="$notes seed $seed hung;"
        elif ((rc != 0)) && [[ -n "$failures" ]]; then
            caught=$((caught + 1))
            echo "   seed $seed: caught in ${took} s by $(echo "$failures" | tr '\n' ' ')"
            failed_tests=$(printf '%s\n%s\n' "$failed_tests" "$failures" | sed '/^$/d' | sort -u)
            if [[ ! -d "$out/traces/$name" && -d "$copy/repo/.coyote-traces" ]]; then
                mkdir -p "$out/traces/$name"
                cp -r "$copy/repo/.coyote-traces/." "$out/traces/$name/"
            fi
        elif ((rc != 0)); then
            echo "   seed $seed: dotnet test failed (exit $rc) without a failing test:"; tail -5 "$log"
            notes="$notes seed $seed: exit $rc, no failing test;"
        else
            echo "   seed $seed: not caught (${took} s)"
        fi
    done

    tests=$(echo "$failed_tests" | sed '/^$/d' | tr '\n' ',' | sed 's/,$//; s/,/, /g')
    rows+=("| $name | $caught | $seeds | ${tests:-none}${notes:+ ($notes)} |")
    ((caught < seeds)) && status=1
    cleanup
done

{
    echo "# Planted mutants of the real code: seeds on which the harness caught each"
    echo
    echo "Filter \`$filter\`, seeds 1..$seeds, HEAD $(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC')."
    echo
    echo "| patch | caught seeds | N | tests that failed |"
    echo "|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
} > "$out/report.md"
echo
cat "$out/report.md"
exit "$status"
