#!/usr/bin/env bash
# Long files in parallel (issue 11 part 4): one transcription of a long file (default 20 min) on one
# transcription worker in one pass, on one worker in parts, and on two workers in parts (each with
# half the cores), through the engine's split on a Temporal test server.
#   bench/split.sh [--preset tiny|micro] [--seconds 1200] [--span 600] [--cores N] [--rounds 1] [--no-build]
# --cores: the cores the workers share (default nproc), split evenly: --cores 1 gives every worker one
#          thread, as if each had a device of its own (one worker alone also gets one).
# --rounds: runs of each configuration, interleaved; the table gives medians.
# Writes bench/results/split-<UTC time>.md. Never runs `mvn install`. Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=tiny
seconds=1200
span=600
cores=$(nproc)
rounds=1
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) preset=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --span) span=$2; shift 2 ;;
    --cores) cores=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d /tmp/stt-split-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp_file=worker-gpu/target/bench-classpath.txt
if [ "$build" = 1 ] || [ ! -f "$cp_file" ]; then
  mvn -B -q test-compile dependency:build-classpath -pl worker-gpu -am \
    -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cp_file"
fi
cp="worker-gpu/target/test-classes:worker-gpu/target/classes:$(cat "$cp_file")"
model="$work/ggml-bench-$preset.bin"
java -cp "$cp" org.sttplatform.gpu.testmodel.TestModelGenerator --preset "$preset" --out "$model"
mkdir -p bench/results
out="bench/results/split-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# Long files in parallel, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)"
  echo
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; model $preset (random weights)," \
    "${rounds} round(s) of one transcription of a ${seconds} s file (espeak-ng speech + silence, looped), temperature 0;" \
    "load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| configuration | workers | threads each | split span | wall s, median (runs) | × one pass | engine s (sum of parts), median |"
  echo "|---|---|---|---|---|---|---|"
} > "$out"
java -cp "$cp" org.sttplatform.gpu.bench.SplitBench --model "$model" --seconds "$seconds" \
  --cores "$cores" --span "$span" --rounds "$rounds" --work "$work" --out "$out"
echo >> "$out"
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)." >> "$out"
echo >&2
cat "$out"
