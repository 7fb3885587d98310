#!/usr/bin/env bash
# Mutation testing with Stryker.NET: mutates one product project, runs its test project against every mutant, and
# writes HTML and JSON reports to artifacts/mutation/<project>/reports/ plus a table of all projects run so far in
# artifacts/mutation/summary.md. Each project's settings (which files, which error-message mutations are ignored)
# live in System/tests/P2PSim.<project>.Tests/stryker-config.json; docs/mutation-testing.md explains them.
#
#   ci/mutate.sh --project Protocol     one project (Protocol, Rpc, DirectoryServer, LogSink, LogService, Peer)
#   ci/mutate.sh --all                  every project, one after another (about 40 minutes on 2 cores)
#   ci/mutate.sh --quick                the quick check CI runs: Rpc's XDR codec, failing below its threshold
#   ci/mutate.sh --project Peer --since main   only files changed since the merge base with main
#   ci/mutate.sh --project Peer --mutate '**/Downloads/MultiSource/**/*.cs' --as MultiSource
#                                       only the files matching GLOB (repeatable; a leading ! excludes), instead of
#                                       the config's "mutate" list; the report goes to artifacts/mutation/<project>-<AS>
#                                       (default <project>-part), so halves run separately keep their own reports
#
# Exits non-zero when a project scores below its break threshold (90 %, the goal) or Stryker fails.
# Environment: P2PSIM_MUTATE_CONCURRENCY (default 2) test runners in parallel; runs under nice -n 10.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

all=(Protocol Rpc DirectoryServer LogSink LogService Peer)
projects=()
quick=0
since=()
mutate=()
part=""
while (($#)); do
    case "$1" in
        --project) projects+=("$2"); shift 2 ;;
        --all) projects=("${all[@]}"); shift ;;
        --quick) quick=1; shift ;;
        --since) since=("--since:$2"); shift 2 ;;
        --mutate) mutate+=(--mutate "$2"); shift 2 ;;
        --as) part=$2; shift 2 ;;
        *) echo "usage: ci/mutate.sh [--project NAME|--all] [--quick] [--since REF] [--mutate GLOB [--as NAME]]" >&2; exit 2 ;;
    esac
done
if ((quick)); then
    projects=(Rpc)
elif ((${#projects[@]} == 0)); then
    echo "usage: ci/mutate.sh [--project NAME|--all] [--quick] [--since REF] [--mutate GLOB [--as NAME]]" >&2
    exit 2
fi
if ((${#mutate[@]})) && [[ -z $part ]]; then
    part=part
fi

dotnet tool restore >/dev/null || exit 1
concurrency=${P2PSIM_MUTATE_CONCURRENCY:-2}
status=0
for project in "${projects[@]}"; do
    tests="$root/System/tests/P2PSim.$project.Tests"
    if [[ ! -f "$tests/stryker-config.json" ]]; then
        echo "ci/mutate.sh: no project '$project' (one of ${all[*]})" >&2
        exit 2
    fi
    out="$root/artifacts/mutation/$project"
    extra=("${mutate[@]}")
    if [[ -n $part ]]; then
        out="$root/artifacts/mutation/$project-$part"
    fi
    if ((quick)); then
        # The quick check mutates only the XDR codec: a few minutes, and a drop in its score fails CI.
        out="$root/artifacts/mutation/$project-Xdr-quick"
        extra=(--mutate "**/Xdr/*.cs")
    fi
    rm -rf "$out"
    mkdir -p "$out"
    echo "ci/mutate.sh: mutating $project"
    start=$SECONDS
    (cd "$tests" && nice -n 10 dotnet stryker --break-at 90 --concurrency "$concurrency" -O "$out" \
        "${extra[@]}" "${since[@]}" >"$out/stryker.log" 2>&1)
    rc=$?
    echo "ci/mutate.sh: $project done in $((SECONDS - start)) s (exit $rc); report $out/reports/mutation-report.html"
    ((rc == 0)) || status=1
done

python3 ci/mutation_summary.py artifacts/mutation | tee artifacts/mutation/summary.md
exit $status
