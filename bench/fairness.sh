#!/usr/bin/env bash
# Fairness benchmark (issue 8 part 4): two transcriptions one after the other on one model
# instance with all cores, against two instances side by side (STT_WHISPER_POOL_SIZE=2) with
# cores/2 threads each (the service's default) and with all cores each (oversubscribed).
#   bench/fairness.sh [--preset tiny|micro] [--seconds 60] [--rounds 3] [--no-build]
# Writes bench/results/fairness-<UTC time>.md. Never runs `mvn install`. Run it on a quiet machine:
# other processes' load lands on the side-by-side runs more than on the sequential one.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=tiny
seconds=60
rounds=3
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) preset=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d /tmp/stt-fairness-bench.XXXXXX)
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
out="bench/results/fairness-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# Fairness benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)"
  echo
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; model $preset (random weights)," \
    "two transcriptions of a ${seconds} s clip (espeak-ng speech + silence), temperature 0;" \
    "load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| configuration | instances | threads each | median wall s (both) | × sequential | rounds |"
  echo "|---|---|---|---|---|---|"
} > "$out"
java -cp "$cp" org.sttplatform.gpu.bench.FairnessBench --model "$model" --seconds "$seconds" \
  --cores "$(nproc)" --rounds "$rounds" --work "$work" --out "$out"
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)." >> "$out"
echo >&2
cat "$out"
