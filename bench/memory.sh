#!/usr/bin/env bash
# Memory benchmark: peak JVM RSS while transcribing long audio, one fresh JVM per duration.
#   bench/memory.sh [--preset tiny|micro] [--threads N] [--durations 600,3600,10800]
#                   [--no-fallback] [--no-build]
# --no-fallback decodes at temperature 0 only (random weights otherwise make whisper.cpp retry
# most windows at six temperatures: far slower, same memory).
# Writes bench/results/memory-<UTC time>.md. Never runs `mvn install`.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=tiny
threads=${STT_WHISPER_THREADS:-2}
durations=600,3600,10800
build=1
fallback=true
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) preset=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --durations) durations=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --no-fallback) fallback=false; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d /tmp/stt-memory-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp_file=worker-gpu/target/bench-classpath.txt
if [ "$build" = 1 ] || [ ! -f "$cp_file" ]; then
  # the reactor resolves sibling modules to their target/classes: nothing is installed
  mvn -B -q test-compile dependency:build-classpath -pl worker-gpu -am \
    -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cp_file"
fi
cp="worker-gpu/target/test-classes:worker-gpu/target/classes:$(cat "$cp_file")"
model="$work/ggml-bench-$preset.bin"
java -cp "$cp" org.sttplatform.gpu.testmodel.TestModelGenerator --preset "$preset" --out "$model"
mkdir -p bench/results
out="bench/results/memory-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# Memory benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)"
  echo
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs, $(free -g | awk '/^Mem:/{print $2}') GiB RAM;" \
    "java $(java -version 2>&1 | head -1 | sed 's/.*"\(.*\)".*/\1/'); JVM defaults (no -Xmx)."
  echo
  echo "| audio | model | temperatures | threads | WAV MiB | RSS at start MiB | idle RSS MiB | peak − idle MiB | VmHWM MiB | wall s | × real time | segments |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$out"
IFS=, read -ra list <<< "$durations"
for s in "${list[@]}"; do
  echo "== $s s of audio" >&2
  java -cp "$cp" org.sttplatform.gpu.bench.MemoryBench --model "$model" --seconds "$s" \
    --threads "$threads" --work "$work" --out "$out" --fallback "$fallback"
done
echo >&2
cat "$out"
