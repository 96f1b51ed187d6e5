#!/usr/bin/env bash
# The bare Temporal floor (issue 8 part 2): a workflow of --steps one-line activities in sequence on
# the Java test server (as the embedded server runs it), over Netty on loopback and through the
# in-process channel the embedded server's own JVM uses. Prints a Markdown table and writes it to
# bench/results/floor-<UTC time>.md. Run it on a quiet machine.
#
#   bench/floor.sh [--steps 8] [--runs 15] [--no-build]
#
# Needs java 17, maven and unzip; runs bench/floor/Floor.java (single-file source launch) on the
# libraries of the API jar (api/target/stt-api-*.jar, built unless --no-build). Never runs
# `mvn install`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
STEPS=8
RUNS=15
BUILD=true
while [ $# -gt 0 ]; do
  case "$1" in
    --steps) STEPS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --no-build) BUILD=false; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ "$BUILD" = true ]; then
  mvn -B -q -DskipTests package -pl api -am
fi
JAR=$(ls api/target/stt-api-*.jar 2>/dev/null | grep -v -- '-plain' | head -1 || true)
[ -n "$JAR" ] || { echo "no api/target/stt-api-*.jar; run without --no-build" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stt-floor.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && unzip -q "$ROOT/$JAR" 'BOOT-INF/lib/*')
cat >"$WORK/logback.xml" <<'XML'
<configuration><root level="WARN"/></configuration>
XML
mkdir -p bench/results
OUT="bench/results/floor-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# Temporal floor: $STEPS activities in sequence on the Java test server"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "$(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
  echo
  java -Dlogback.configurationFile="$WORK/logback.xml" -cp "$WORK/BOOT-INF/lib/*" \
    bench/floor/Floor.java "$STEPS" "$RUNS"
} | tee "$OUT"
