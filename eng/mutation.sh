#!/usr/bin/env bash
# Mutation testing of the policy core (src/HevLayer.Policy) with Stryker.NET, the version pinned in
# .config/dotnet-tools.json and the settings in tests/stryker-config.json.
# `eng/mutation.sh rules` runs the rule core only (tests/stryker-rules.json); `eng/mutation.sh manifests`
# the manifest reader (src/HevLayer.Policy/Manifests, tests/stryker-manifests.json); `eng/mutation.sh import`
# the CLI's import (tests/stryker-import.json); with no argument, the whole policy core (hours).
# After the run, a coverage check fails it (exit code 3) when a file the tests are known to reach shows
# no coverage in the report. Needs jq.
# Further arguments go to Stryker, e.g. `eng/mutation.sh rules -c 2`.
set -euo pipefail
if [ "${1:-}" = "check" ]; then
  set -- check "$(realpath "${2:?give the mutation-report.json to check}")"
fi
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

# Each mutant runs the tests that cover it; at 10,000 cases a property test takes a minute and covers
# most of the core, which would make a run take hours. 300 cases still reach every branch the
# generators aim at (the same seed, so the same first 300 cases as a full run).
export HEVLAYER_PROPERTY_CASES="${HEVLAYER_PROPERTY_CASES:-300}"

# The score only means something if Stryker saw what the tests run. Every rule class and the facts are
# reached by the in-process tests (each rule has analyzer tests; HEVL001 and HEVL002 alone by dozens), so a
# file of them with no covered mutant, or a NoCoverage mutant in the HEVL001/HEVL002 checks, is a coverage
# capture that missed code (as the capture in one shared test run did, before the configs asked for
# perTestInIsolation), not a gap in the tests: the run fails rather than report a score that does not reproduce.
# The manifest reader and the import are reached by dozens of in-process tests in the same way: a file of
# theirs with no covered mutant is a capture that missed them.
check_coverage() {
  local report="$1" reached="${2:-(^|/)Rules/|WorkloadFacts}" unseen
  unseen="$(jq -r --arg reached "$reached" '
    .files | to_entries[]
    | select(.key | test($reached))
    | [.value.mutants[] | select(.status != "CompileError" and .status != "Ignored")] as $counted
    | [$counted[] | select(.status == "NoCoverage")] as $none
    | if ($counted | length) > 0 and ($none | length) == ($counted | length) then
        "\(.key): none of its \($counted | length) mutant(s) covered"
      elif (.key | test("(^|/)Rules/Scaling/(UnknownPool|ReplicasAboveCeiling)\\.cs$")) and ($none | length) > 0 then
        "\(.key): \($none | length) mutant(s) without coverage in a check dozens of tests run"
      else empty end' "$report")"
  if [ -n "$unseen" ]; then
    echo
    echo "Coverage check failed: files the tests are known to reach show no coverage:"
    echo "$unseen"
    return 1
  fi
  echo "Coverage check: every file the tests are known to reach shows covered mutants."
}

# `eng/mutation.sh check REPORT.json` runs only this check, on the report of an earlier run (of the rule
# core or the whole core; for the others, pass the pattern below as a third argument).
if [ "${1:-}" = "check" ]; then
  check_coverage "$2" "${3:-}"
  exit $?
fi

config=stryker-config.json
reached='(^|/)Rules/|WorkloadFacts'
case "${1:-}" in
  rules)
    config=stryker-rules.json
    shift ;;
  manifests)
    config=stryker-manifests.json
    reached='(^|/)Manifests/'
    shift ;;
  import)
    config=stryker-import.json
    reached='(^|/)(ImportCommand|EnvironmentImport)\.cs$'
    shift ;;
esac

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

if [ -f "$reports/mutation-report.json" ]; then
  check_coverage "$reports/mutation-report.json" "$reached" || exit 3
fi

exit "$status"
