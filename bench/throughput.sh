#!/usr/bin/env bash
# Fleet throughput (issue 11): the same backlog of tasks on one transcription worker with pool size
# 1 and 2, and on 1 and 2 worker processes, all on this machine.
#   bench/throughput.sh [--preset micro|tiny] [--tasks 8] [--seconds 30] [--rounds 2]
#                       [--configs 1x1x2,1x2x1,2x1x1] [--no-build]
# A configuration is WORKERSxPOOLxTHREADS: worker processes, STT_WHISPER_POOL_SIZE and
# STT_WHISPER_THREADS of each. The API runs with its embedded Temporal server and CPU worker but no
# transcription worker (STT_GPU_WORKER=false); the workers are `GpuWorker` processes of the same jar.
# Each round submits --tasks uploads of a --seconds clip at once and measures, on the server's
# clock, first created_at to last completed_at. Rounds interleave the configurations.
# Writes bench/results/throughput-<UTC time>.md. Builds with `mvn package` (never `mvn install`).
set -euo pipefail
cd "$(dirname "$0")/.."
preset=micro
tasks=8
seconds=30
rounds=2
configs=1x1x2,1x2x1,2x1x1
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) preset=$2; shift 2 ;;
    --tasks) tasks=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --configs) configs=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
for tool in java mvn ffmpeg espeak-ng curl python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done
if [ "$build" = 1 ]; then mvn -B -q -DskipTests package; fi
JAR=$(ls api/target/stt-api-*.jar 2>/dev/null | grep -v -- '-plain' | head -1 || true)
[ -n "$JAR" ] || { echo "no api/target/stt-api-*.jar; run without --no-build" >&2; exit 1; }
work=$(mktemp -d /tmp/stt-throughput-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
launch() { # log, main class, env assignments...
  local log=$1 main=$2; shift 2
  env "$@" java -cp "$JAR" -Dloader.main="$main" \
    org.springframework.boot.loader.launch.PropertiesLauncher >"$log" 2>&1 &
  pids+=($!)
}

MODEL=bench-$preset
mkdir -p "$work/models" "$work/data"
java -cp "$JAR" -Dloader.main=org.sttplatform.gpu.testmodel.TestModelGenerator \
  org.springframework.boot.loader.launch.PropertiesLauncher \
  --preset "$preset" --seed 42 --out "$work/models/ggml-$MODEL.bin" >/dev/null
# espeak-ng speech and a second of silence, looped to --seconds of 16 kHz mono WAV.
espeak-ng -v en-us -s 150 -w "$work/raw.wav" \
  "The quick brown fox jumps over the lazy dog. We measure how many tasks the fleet finishes."
ffmpeg -nostdin -y -loglevel error -i "$work/raw.wav" -af "apad=pad_dur=1" "$work/unit.wav"
ffmpeg -nostdin -y -loglevel error -stream_loop -1 -i "$work/unit.wav" -t "$seconds" \
  -ac 1 -ar 16000 -c:a pcm_s16le "$work/clip.wav"

PORT=$(free_port)
TEMPORAL_PORT=$(free_port)
common=(STT_DATA_DIR="$work/data" STT_MODELS_DIR="$work/models" STT_MODEL="$MODEL"
  STT_MODEL_DOWNLOAD=false)
launch "$work/api.log" org.sttplatform.api.SttApplication "${common[@]}" PORT="$PORT" \
  STT_TEMPORAL_PORT="$TEMPORAL_PORT" SERVER_ADDRESS=127.0.0.1 STT_GPU_WORKER=false
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 120); do curl -fsS -m 2 "$BASE/api/health/check" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS -m 2 "$BASE/api/health/check" >/dev/null || { tail -30 "$work/api.log" >&2; exit 1; }

mkdir -p bench/results
out="bench/results/throughput-$(date -u +%Y%m%dT%H%M%SZ).md"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
rows="$work/rows.tsv"
: >"$rows"
IFS=, read -ra list <<<"$configs"
# Round 0 (not reported) runs the first configuration once: the API's and the workers' JIT warm-up
# would otherwise land on the first measured row.
for round in $(seq 0 "$rounds"); do
  for config in "${list[@]}"; do
    if [ "$round" = 0 ] && [ "$config" != "${list[0]}" ]; then continue; fi
    IFS=x read -r workers pool threads <<<"$config"
    worker_pids=()
    for w in $(seq "$workers"); do
      launch "$work/worker-$config-$w-$round.log" org.sttplatform.gpu.GpuWorker "${common[@]}" \
        TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT" STT_WORKER_ID="bench-$w" \
        STT_WHISPER_POOL_SIZE="$pool" STT_WHISPER_THREADS="$threads"
      worker_pids+=("${pids[-1]}")
    done
    for w in $(seq "$workers"); do
      for _ in $(seq 120); do
        grep -q "Transcription worker serving" "$work/worker-$config-$w-$round.log" && break
        sleep 0.5
      done
    done
    python3 bench/throughput.py --base "$BASE" --clip "$work/clip.wav" --tasks "$tasks" \
      --warmup $((workers * pool)) --label "$config" --round "$round" \
      | if [ "$round" = 0 ]; then cat >/dev/null; else cat >>"$rows"; fi
    for p in "${worker_pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${worker_pids[@]}"; do wait "$p" 2>/dev/null || true; done
  done
done
python3 bench/throughput.py --render "$rows" --seconds "$seconds" --tasks "$tasks" \
  --preset "$preset" --load-before "$LOAD_BEFORE" --load-after "$(cut -d' ' -f1-3 /proc/loadavg)" \
  --commit "$(git rev-parse --short HEAD)" --cpu "$(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs" \
  >"$out"
cat "$out"
