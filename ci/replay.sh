#!/usr/bin/env bash
# Replays one Coyote trace, deterministically: the same schedule, the same failure, every time.
#
#   ci/replay.sh .coyote-traces/<scenario>/trace.json
#
# The folder name is the scenario (a planted bug or any Coyote test); the test that replays it is
# ReplayTests.Replay_the_trace_named_by_P2PSIM_COYOTE_REPLAY, which prints the failure. To step through the schedule in
# a debugger, set VSTEST_HOST_DEBUG=1, attach to the printed test host pid, and break in the scenario.
set -uo pipefail
if [[ $# -ne 1 || ! -f "$1" ]]; then
    echo "usage: ci/replay.sh .coyote-traces/<scenario>/trace.json" >&2
    exit 2
fi
trace=$(realpath "$1")
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

project=Simulation/P2PSim.Systematic.Tests/P2PSim.Systematic.Tests.csproj
dotnet tool restore > /dev/null || exit 1
dotnet build "$project" -c Release -nologo -v quiet || exit 1
P2PSIM_COYOTE_REPLAY="$trace" dotnet test "$project" -c Release --no-build -nologo \
    --filter "FullyQualifiedName=P2PSim.Systematic.Tests.ReplayTests.Replay_the_trace_named_by_P2PSIM_COYOTE_REPLAY" \
    --logger "console;verbosity=detailed"
