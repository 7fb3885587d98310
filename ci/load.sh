#!/usr/bin/env bash
# Load benchmarks, runnable locally: `bash ci/load.sh [--seconds N] [--out DIR] [--enforce]` runs the logging-impact
# benchmark (closed-loop load on 127.0.0.1 against an in-process directory server: logging off / up / down / stalled).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash ci/setup.sh
dotnet run -c Release --project LoadTests/P2PSim.LoadGen -- logging "$@"
