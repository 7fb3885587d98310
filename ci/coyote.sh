#!/usr/bin/env bash
# Coyote systematic concurrency tests (Simulation/P2PSim.Systematic.Tests): clean explorations of the registry, the
# server, the transport and the log sink, and the planted-bug catalogue with its stress baselines.
#
#   ci/coyote.sh                     quick mode, as CI runs it inside ci/test.sh (a minute or two on 2 cores)
#   ci/coyote.sh --iterations N      long local run: every exploration runs N iterations (planted bugs: still
#                                    asserted found within their CI bound, then a hit rate measured over N)
#   ci/coyote.sh --seed S            explore other schedules (default 20261124)
#   ci/coyote.sh --filter EXPR       a dotnet test filter, e.g. FullyQualifiedName~LogSinkTests
#
# A bug's trace lands in .coyote-traces/<scenario>/trace.json (replay: ci/replay.sh TRACE); the planted-bug table
# (Coyote vs. stress hit rates) in artifacts/coyote/report.md, printed at the end.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

filter=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --iterations) export P2PSIM_COYOTE_ITERATIONS="$2"; shift 2 ;;
        --seed) export P2PSIM_COYOTE_SEED="$2"; shift 2 ;;
        --filter) filter=(--filter "$2"); shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "ci/coyote.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

project=Simulation/P2PSim.Systematic.Tests/P2PSim.Systematic.Tests.csproj
dotnet tool restore > /dev/null || exit 1
dotnet build "$project" -c Release -nologo -v quiet || exit 1   # the build rewrites the assemblies for Coyote

mkdir -p artifacts/coyote
start=$(date +%s)
dotnet test "$project" -c Release --no-build -nologo \
    --results-directory artifacts/coyote/test-results --logger "trx" --logger "console;verbosity=normal" \
    --blame-hang-timeout 30m "${filter[@]}" 2>&1 | tee artifacts/coyote/test-output.log
status=${PIPESTATUS[0]}

echo
echo "Coyote tests took $(( $(date +%s) - start )) s (iterations: ${P2PSIM_COYOTE_ITERATIONS:-CI budgets}, seed: ${P2PSIM_COYOTE_SEED:-20261124})"
[[ -f artifacts/coyote/report.md ]] && cat artifacts/coyote/report.md
if compgen -G ".coyote-traces/*/trace.json" > /dev/null; then
    echo; echo "Traces (replay one with ci/replay.sh TRACE):"; ls -1 .coyote-traces/*/trace.json
fi
exit "$status"
