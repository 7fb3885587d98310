#!/usr/bin/env bash
# Load suites on 127.0.0.1, runnable locally. Every run is bounded in time; reports go to artifacts/load/<name>/
# (report.html with charts, report.md, report.json, steps/sweeps/timeline CSV).
#
#   ci/load.sh                       smoke suite (under a minute): every scenario briefly, a three-point sweep
#   ci/load.sh --full                full suite (about ten minutes): sweeps of the classic mix and the bare ceiling,
#                                    ramps, read-heavy lists at 10,000 users, transfers, logging off/up/down/stalled
#   ci/load.sh --full --out DIR      choose the report folder
#   ci/load.sh --threshold 'closed/classic-mix:p99<50ms' --threshold 'ratio>0.8'   extra pass/fail rules
#   ci/load.sh --target 127.0.0.1:PORT   load an external `p2psim server` instead of in-process ones
#   ci/load.sh logging [--seconds N] [--enforce]   the logging-impact benchmark alone
#   ci/load.sh --stores-only --store-rounds 3 --store-seconds 3 [--restart-users 100000]
#                                    the classic mix on the memory, the durable and the Redis store, then 1, 2 and 4
#                                    servers sharing one Redis; the durable store's restart time
#
# Exit code: 0 when every threshold passed, 1 when one failed, 2 on a usage error.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash ci/setup.sh

command=suite
if [[ "${1:-}" == "logging" ]]; then
    command=logging
    shift
fi
args=()
for arg in "$@"; do
    case "$arg" in
        --full) args+=(--mode full) ;;
        --smoke) args+=(--mode smoke) ;;
        *) args+=("$arg") ;;
    esac
done

mkdir -p artifacts
dotnet build LoadTests/P2PSim.LoadGen -c Release -nologo -v quiet >artifacts/load-build.log 2>&1 \
    || { cat artifacts/load-build.log >&2; exit 2; }
exec dotnet LoadTests/P2PSim.LoadGen/bin/Release/net10.0/p2psim-loadgen.dll "$command" "${args[@]}"
