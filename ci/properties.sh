#!/usr/bin/env bash
# Runs the FsCheck property tests alone. CI runs them inside ci/test.sh with the default budget and fixed seed.
#   ci/properties.sh            the CI budget (seed 20261124)
#   ci/properties.sh --long     30x the cases
#   P2PSIM_PROPERTY_SEED=N ci/properties.sh   replay another seed
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--long" ]]; then
    export P2PSIM_PROPERTY_CASES=${P2PSIM_PROPERTY_CASES:-6000}
fi
bash ci/setup.sh
dotnet test PropertyTests/P2PSim.PropertyTests -c Release --logger "console;verbosity=normal"
