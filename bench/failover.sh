#!/usr/bin/env bash
# How long from a worker's SIGKILL / SIGTERM to its task running on another worker?
#   bench/failover.sh [-n 5]
# Runs WorkerFailoverTest (API with the embedded Temporal server, two CPU and two transcription
# worker JVMs) with -n rounds of each kill and writes bench/results/failover-<UTC time>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=5
while [ $# -gt 0 ]; do
  case "$1" in
    -n) rounds=$2; shift 2 ;;
    *) sed -n '2,5p' "$0" >&2; exit 2 ;;
  esac
done
mkdir -p bench/results
report="$PWD/bench/results/failover-$(date -u +%Y%m%dT%H%M%SZ).md"
mvn -B -q verify -pl api -am -Dtest=WorkerFailoverTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dstt.failover.rounds="$rounds" -Dstt.failover.report="$report"
{ echo; echo "Machine: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores)"; } >> "$report"
cat "$report"
