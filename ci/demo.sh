#!/usr/bin/env bash
# Builds p2psim and runs `p2psim demo`: a directory server, the log and time services and six peers on loopback
# real sockets doing the classic operations, a GET_FILE and a GET_MULTIFILE from three sources (one leaving
# mid-transfer), a password-protected account, and presence: one peer runs as a p2psim process of its own, is
# SIGKILLed, stays listed for the server's 2 s grace and is then disconnected. Printed as a transcript. Exits 0 when
# both copies match, the account held, presence behaved so, and every operation reached the log service.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash ci/setup.sh
dotnet build System/P2PSim.Cli -c Release -nologo -v quiet -clp:ErrorsOnly
exec dotnet System/P2PSim.Cli/bin/Release/net10.0/p2psim.dll demo "$@"
