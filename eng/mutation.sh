#!/usr/bin/env bash
# Mutation testing of the policy core (src/HevLayer.Policy) with Stryker.NET, the version pinned in
# .config/dotnet-tools.json and the settings in tests/stryker-config.json.
# `eng/mutation.sh rules` runs the rule core only (tests/stryker-rules.json, about 30 minutes); with no
# argument, the whole policy core (hours: Stryker starts a test host per mutant).
# Further arguments go to Stryker, e.g. `eng/mutation.sh rules -c 2`.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

# Each mutant runs the tests that cover it; at 10,000 cases a property test takes a minute and covers
# most of the core, which would make a run take hours. 300 cases still reach every branch the
# generators aim at (the same seed, so the same first 300 cases as a full run).
export HEVLAYER_PROPERTY_CASES="${HEVLAYER_PROPERTY_CASES:-300}"

config=stryker-config.json
if [ "${1:-}" = "rules" ]; then
  config=stryker-rules.json
  shift
fi

dotnet tool restore

# Stryker wants the --output folder to exist; StrykerOutput/ is gitignored.
out="$(pwd)/StrykerOutput/$(date +%Y-%m-%d.%H-%M-%S)"
mkdir -p "$out"

# From tests/, not the root: a folder with a .sln puts Stryker in solution mode (see the config).
set +e
(cd tests && dotnet tool run dotnet-stryker --config-file "$config" --output "$out" --skip-version-check "$@")
status=$?
set -e

reports="$out/reports"
echo
echo "Stryker exit code: $status"
echo "Reports: $reports/mutation-report.html (also .json and .md beside it)"
exit "$status"
