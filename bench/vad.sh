#!/usr/bin/env bash
# VAD benchmark: a clip that is half silence, transcribed with vad_filter=false and true.
#   bench/vad.sh [--preset tiny|micro] [--threads N] [--runs 3] [--no-build]
# Needs java 17, maven, ffmpeg, espeak-ng and npm (or the Silero model already cached in
# ~/.cache/stt-platform/vad/, where the tests put it). Writes bench/results/vad-<UTC time>.md.
# Never runs `mvn install`.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=tiny
threads=${STT_WHISPER_THREADS:-2}
runs=3
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) preset=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d /tmp/stt-vad-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp_file=worker-gpu/target/bench-classpath.txt
if [ "$build" = 1 ] || [ ! -f "$cp_file" ]; then
  # the reactor resolves sibling modules to their target/classes: nothing is installed
  mvn -B -q test-compile dependency:build-classpath -pl worker-gpu -am \
    -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cp_file"
fi
cp="worker-gpu/target/test-classes:worker-gpu/target/classes:workflows/target/classes:$(cat "$cp_file")"
vad_model="$HOME/.cache/stt-platform/vad/silero_vad_v5.onnx"
if [ ! -s "$vad_model" ]; then
  command -v npm >/dev/null || { echo "npm is needed to fetch the Silero model (apt-get install npm)" >&2; exit 1; }
  mkdir -p "$(dirname "$vad_model")"
  (cd "$work" && npm pack --silent @ricky0123/vad-web@0.0.31 >/dev/null \
    && tar -xzf ricky0123-vad-web-0.0.31.tgz package/dist/silero_vad_v5.onnx \
    && mv package/dist/silero_vad_v5.onnx "$vad_model")
fi
model="$work/models/ggml-bench-$preset.bin"
mkdir -p "$work/models"
java -cp "$cp" org.sttplatform.gpu.testmodel.TestModelGenerator --preset "$preset" --out "$model"
mkdir -p bench/results
out="bench/results/vad-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# VAD benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)"
  echo
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs;" \
    "java $(java -version 2>&1 | head -1 | sed 's/.*"\(.*\)".*/\1/'); load average $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
} > "$out"
java -cp "$cp" org.sttplatform.gpu.activity.VadBench --model "$model" --vad-model "$vad_model" \
  --threads "$threads" --runs "$runs" --work "$work/run" --out "$out" > "$work/bench.log" 2>&1 \
  || { tail -50 "$work/bench.log" >&2; exit 1; }
cat "$out"
