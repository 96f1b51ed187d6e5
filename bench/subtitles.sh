#!/usr/bin/env bash
# How fast is the subtitle writer, and does its memory stay flat as transcripts get longer?
#   bench/subtitles.sh [--xmx 48m]
# Runs SubtitlesBench (activities test classes) in one JVM with a small heap on transcripts of
# 1, 3 and 10 hours with word timings, every format, and writes bench/results/subtitles-<UTC>.md.
# Never runs `mvn install`.
set -euo pipefail
cd "$(dirname "$0")/.."
xmx=48m
if [[ "${1:-}" == "--xmx" ]]; then xmx="$2"; fi
cp_file=activities/target/bench-classpath.txt
mvn -B -q test-compile dependency:build-classpath -pl activities -am \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cp_file"
cp="activities/target/test-classes:activities/target/classes:workflows/target/classes:$(cat "$cp_file")"
mkdir -p bench/results
out="bench/results/subtitles-$(date -u +%Y%m%dT%H%M%SZ).md"
java -Xmx"$xmx" -cp "$cp" org.sttplatform.activities.subtitles.bench.SubtitlesBench --out "$out"
echo "Machine: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores), commit $(git rev-parse --short HEAD)" >> "$out"
