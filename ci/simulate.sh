#!/usr/bin/env bash
# Whole-system simulation runs: the real directory server, peers, log service and log sink on the simulated network,
# one seeded scenario per seed, invariants checked at the end. CI runs the 100-seed sweep inside ci/test.sh.
#   ci/simulate.sh                      the CI sweep (seeds 1-100)
#   ci/simulate.sh --seeds N [--first S] a longer sweep: seeds S..S+N-1
#   ci/simulate.sh --seed N             one seed (a failing seed prints this command); runs it twice, same trace hash
#   ci/simulate.sh --seed N --trace F   ... and writes its full event trace to F
#   ci/simulate.sh --seed N --capture F ... and writes its traffic to F as pcapng (docs/wireshark.md)
#   ci/simulate.sh --replay ...         run every seed of the sweep twice and compare the trace hashes
set -euo pipefail
cd "$(dirname "$0")/.."
filter="FullyQualifiedName~SeedSweepTests"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seed) export P2PSIM_SIM_SEED="$2"; filter="FullyQualifiedName~ConfiguredSeed"; shift 2 ;;
        --seeds) export P2PSIM_SIM_SEEDS="$2"; shift 2 ;;
        --first) export P2PSIM_SIM_FIRST_SEED="$2"; shift 2 ;;
        --trace) export P2PSIM_SIM_TRACE="$(realpath -m "$2")"; shift 2 ;;
        --capture) export P2PSIM_SIM_CAPTURE="$(realpath -m "$2")"; shift 2 ;;
        --replay) export P2PSIM_SIM_REPLAY=1; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
    esac
done
dotnet test Simulation/P2PSim.Simulation.Runs.Tests -c Release --filter "$filter" --logger "console;verbosity=detailed"
