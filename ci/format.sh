#!/usr/bin/env bash
# Checks that the code is formatted as .editorconfig says: whitespace, code style (naming, usings) and analyzers,
# exactly as `dotnet format` would fix them. Fails with the list of files and rules otherwise.
#
#   ci/format.sh          check only (CI); exits non-zero when `dotnet format` would change something
#   ci/format.sh --fix    apply the fixes (then review and commit them)
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

mode=(--verify-no-changes)
case "${1:-}" in
    --fix) mode=() ;;
    "") ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "ci/format.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
esac

mkdir -p artifacts
log=artifacts/format.log
start=$(date +%s)
dotnet format P2PSim.sln "${mode[@]}" -v quiet > "$log" 2>&1
status=$?
if [[ $status -ne 0 ]]; then
    # One line per file and rule, not one per position.
    sed -nE 's#^'"$PWD"'/([^(]+)\([0-9]+,[0-9]+\): (error|warning) ([A-Z0-9]+): ([^[]*).*#\1: \3 \4#p' "$log" | sort | uniq -c >&2
    echo "ci/format.sh: the code is not formatted as .editorconfig says; run 'bash ci/format.sh --fix' and commit (full log: $log)" >&2
else
    echo "ci/format.sh: formatting and code style OK ($(( $(date +%s) - start )) s)"
fi
exit "$status"
