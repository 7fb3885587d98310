#!/usr/bin/env bash
# The transfer benchmark: single-source verified download vs a bare loopback TCP copy and one SHA-256 pass;
# K = 1, 2, 4, 8 throttled sources vs one; the last 1 % with the endgame on and off. Report in artifacts/transfer/.
#
#   ci/transfer-bench.sh                      256 MiB single-source file, 8 MiB/s caps, best of 3
#   ci/transfer-bench.sh --size-mib 1024 --cap-mib 16 --repeat 5
#   ci/transfer-bench.sh --only single      one part alone (single, capped or tail), e.g. under a profiler
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build LoadTests/P2PSim.TransferBench -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet LoadTests/P2PSim.TransferBench/bin/Release/net10.0/p2psim-transferbench.dll "$@"
