#!/usr/bin/env bash
# Runs the FsCheck property tests alone. CI runs them inside ci/test.sh with the default budget and fixed seed.
#   ci/properties.sh            the CI budget (seed 20261124): 200+30 sessions, 100+30 concurrent histories, 100 file-server pipelines
#   ci/properties.sh --long     30x the cases (P2PSIM_PROPERTY_CASES=6000)
#   P2PSIM_PROPERTY_SEED=N ci/properties.sh   replay another seed
# A failure prints the shrunk counterexample as a transcript; keep it in RegressionSeeds.cs once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--long" ]]; then
    export P2PSIM_PROPERTY_CASES=${P2PSIM_PROPERTY_CASES:-6000}
fi
echo "properties: seed ${P2PSIM_PROPERTY_SEED:-20261124}, cases ${P2PSIM_PROPERTY_CASES:-default}"
bash ci/setup.sh
start=$SECONDS
dotnet test PropertyTests/P2PSim.PropertyTests -c Release --logger "console;verbosity=normal"
echo "properties: $((SECONDS - start)) s"
