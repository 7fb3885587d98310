#!/usr/bin/env bash
# Installs what P2PSim's build and tests need on a fresh machine: the local dotnet tools (the Coyote CLI) and the
# Debian packages of the interoperability peers. Safe to run again: installed things are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use (interop peers, tooling; chromium renders the load report for its browser check;
# redis-server backs the shared registry store's tests; tcpdump captures on lo and tshark reads the captures with
# P2PSim's dissector; afl++ runs the fuzz targets of ci/fuzz.sh).
# Checked one by one so a warm machine installs nothing.
packages=(python3 python3-zeep python3-spyne rpcsvc-proto libtirpc-dev rpcbind gcc chromium redis-server tshark tcpdump afl++)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "ci/setup.sh: missing Debian packages: ${missing[*]}; install them as root (apt-get install -y ${missing[*]})" >&2
        exit 1
    fi
    echo "ci/setup.sh: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
