#!/usr/bin/env bash
# Builds the whole solution in Release (warnings are errors; code style is enforced in the build).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash ci/setup.sh
dotnet build P2PSim.sln -c Release -nologo -v quiet -clp:ErrorsOnly
