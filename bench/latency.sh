#!/usr/bin/env bash
# Latency benchmark, run on demand (never part of the test suite).
#
#   bench/latency.sh [-n 10] [--threads N] [--url] [--media wav|mp3] [--poll-ms 50] [--keep]
#                    [--no-build]
#
# Measures, for a 10.0 s espeak-ng speech clip and the generated random-weight "tiny" model
# (real Whisper tiny dimensions), the time from POST /api/whisper/tasks/create to the task being
# completed, split into engine time (result.engine_seconds) and everything else. See
# bench/README.md for what each number means.
#
# Needs: java 17, maven, ffmpeg/ffprobe, espeak-ng, curl and python3 (standard library only; it
# does the HTTP driving, JSON and statistics in bench/latency.py). Loopback only: the service and
# the optional media server listen on 127.0.0.1 on free ports; nothing is downloaded except what
# the Maven build itself needs.
#
# Options:
#   -n N            steady-state tasks per mode after the warm-up task (default 10)
#   --threads N     whisper.cpp threads, STT_WHISPER_THREADS (default: nproc)
#   --url           also run N tasks by file_url from a local python3 -m http.server
#   --media F       what is uploaded and served: wav (default; already whisper audio, so the
#                   service copies it without ffprobe or ffmpeg) or mp3 (the same clip as 64 kbit/s
#                   MP3, which ffmpeg must decode)
#   --poll-ms MS    poll interval of GET /api/whisper/tasks/result (default 50)
#   --task-timeout S  give up on a task after S seconds (default 300)
#   --keep          keep the work directory (model, data dir, service log)
#   --no-build      use the existing api/target/stt-api-*.jar
#
# Output: bench/results/latency-<UTC timestamp>.md and .json (bench/results/ is gitignored).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

N=10
THREADS=$(nproc)
WITH_URL=false
MEDIA=wav
POLL_MS=50
TASK_TIMEOUT=300
KEEP=false
BUILD=true
COMMAND="bench/latency.sh $*"
while [ $# -gt 0 ]; do
  case "$1" in
    -n) N=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --url) WITH_URL=true; shift ;;
    --media) MEDIA=$2; shift 2 ;;
    --poll-ms) POLL_MS=$2; shift 2 ;;
    --task-timeout) TASK_TIMEOUT=$2; shift 2 ;;
    --keep) KEEP=true; shift ;;
    --no-build) BUILD=false; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

for tool in java mvn ffmpeg ffprobe espeak-ng curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
STARTED_UTC=$(date -u '+%Y-%m-%d %H:%M:%S')
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stt-bench.XXXXXX")
SERVICE_PID=""
HTTP_PID=""

cleanup() {
  local rc=$?
  for pid in $SERVICE_PID $HTTP_PID; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  if [ "$KEEP" = true ] || [ $rc -ne 0 ]; then
    echo "work directory kept: $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

log() { echo "[$(date -u +%H:%M:%S)] $*"; }

# 1. Build.
if [ "$BUILD" = true ]; then
  log "building (mvn -B -q -DskipTests install)"
  timeout 1200 mvn -B -q -DskipTests install
fi
JAR=$(ls api/target/stt-api-*.jar 2>/dev/null | grep -v -- '-plain' | head -1 || true)
[ -n "$JAR" ] || { echo "no api/target/stt-api-*.jar; run without --no-build" >&2; exit 1; }

# 2. Model: random weights, Whisper tiny dimensions.
MODEL=bench-tiny
MODELS="$WORK/models"
mkdir -p "$MODELS"
log "generating the tiny model"
timeout 300 java -cp "$JAR" -Dloader.main=org.sttplatform.gpu.testmodel.TestModelGenerator \
  org.springframework.boot.loader.launch.PropertiesLauncher \
  --preset tiny --seed 42 --out "$MODELS/ggml-$MODEL.bin"

# 3. Speech: espeak-ng, then exactly 10.0 s (160000 samples) of 16 kHz mono 16-bit WAV.
SPEECH="$WORK/speech.wav"
timeout 60 espeak-ng -v en-us -s 150 -w "$WORK/raw.wav" \
  "Hello world. This is a benchmark of the speech to text platform. The quick brown fox jumps" \
  "over the lazy dog. We measure how long a ten second clip takes from upload to a finished" \
  "transcript, and how much of that time is spent inside the speech engine."
timeout 60 ffmpeg -nostdin -y -loglevel error -i "$WORK/raw.wav" \
  -af "aresample=16000,apad=whole_len=160000,atrim=end_sample=160000" \
  -ac 1 -ar 16000 -c:a pcm_s16le "$SPEECH"
case "$MEDIA" in
  wav) CLIP_FORMAT="16 kHz mono s16 WAV" ;;
  mp3)
    timeout 60 ffmpeg -nostdin -y -loglevel error -i "$SPEECH" -c:a libmp3lame -b:a 64k \
      "$WORK/speech.mp3"
    SPEECH="$WORK/speech.mp3"
    CLIP_FORMAT="64 kbit/s mono MP3 (libmp3lame) of the 16 kHz WAV"
    ;;
  *) echo "--media must be wav or mp3" >&2; exit 2 ;;
esac
CLIP_SECONDS=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$SPEECH")
RAW_SECONDS=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$WORK/raw.wav")
log "clip: $CLIP_SECONDS s (speech $RAW_SECONDS s before pad/trim)"

# 4. Service on free loopback ports with its own data directory.
PORT=$(free_port)
TEMPORAL_PORT=$(free_port)
while [ "$TEMPORAL_PORT" = "$PORT" ]; do TEMPORAL_PORT=$(free_port); done
SERVICE_LOG="$WORK/service.log"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "starting the service on 127.0.0.1:$PORT (Temporal $TEMPORAL_PORT), log $SERVICE_LOG"
# --url serves the media from python3 -m http.server on 127.0.0.1, a private address the
# fetcher refuses by default.
PORT=$PORT STT_TEMPORAL_PORT=$TEMPORAL_PORT STT_DATA_DIR="$WORK/data" \
  STT_FETCH_ALLOW_PRIVATE_NETWORKS=$WITH_URL \
  STT_MODELS_DIR="$MODELS" STT_MODEL=$MODEL STT_MODEL_DOWNLOAD=false \
  STT_WHISPER_THREADS=$THREADS SERVER_ADDRESS=127.0.0.1 \
  java -jar "$JAR" >"$SERVICE_LOG" 2>&1 &
SERVICE_PID=$!
BASE="http://127.0.0.1:$PORT"
T0=$(date +%s)
until curl -fsS -m 5 "$BASE/api/health/check" >"$WORK/health.json" 2>/dev/null; do
  if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
    echo "the service exited during start-up; last log lines:" >&2
    tail -n 40 "$SERVICE_LOG" >&2
    exit 1
  fi
  if [ $(($(date +%s) - T0)) -gt 240 ]; then
    echo "the service was not healthy after 240 s; last log lines:" >&2
    tail -n 40 "$SERVICE_LOG" >&2
    exit 1
  fi
  sleep 0.5
done
log "healthy after $(($(date +%s) - T0)) s"

MEDIA_ARGS=()
if [ "$WITH_URL" = true ]; then
  HTTP_PORT=$(free_port)
  (cd "$WORK" && exec python3 -m http.server "$HTTP_PORT" --bind 127.0.0.1) \
    >"$WORK/http.log" 2>&1 &
  HTTP_PID=$!
  for _ in $(seq 1 50); do
    curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$HTTP_PORT/speech.$MEDIA" 2>/dev/null && break
    sleep 0.1
  done
  MEDIA_ARGS=(--media-url "http://127.0.0.1:$HTTP_PORT/speech.$MEDIA")
fi

# 5. Tasks: one warm-up, then N per mode, one at a time.
JSON="$RESULTS/latency-$STAMP.json"
MD="$RESULTS/latency-$STAMP.md"
TOTAL_TIMEOUT=$(((2 * N + 1) * TASK_TIMEOUT + 60))
log "running 1 warm-up + $N task(s) per mode (poll ${POLL_MS} ms)"
if ! timeout "$TOTAL_TIMEOUT" python3 "$ROOT/bench/latency.py" --base "$BASE" --speech "$SPEECH" \
  --pid "$SERVICE_PID" -n "$N" --poll-ms "$POLL_MS" --task-timeout "$TASK_TIMEOUT" --json-out "$JSON" \
  "${MEDIA_ARGS[@]}"; then
  if kill -0 "$SERVICE_PID" 2>/dev/null; then
    echo "the benchmark failed; the service is still running. Last log lines:" >&2
  else
    echo "the benchmark failed: the service (pid $SERVICE_PID) is gone. Last log lines:" >&2
  fi
  tail -n 25 "$SERVICE_LOG" | cut -c1-300 >&2
  exit 1
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# 6. Facts and report.
OTHER_JAVA=$(pgrep -c -x java || true)
OTHER_JAVA=$((OTHER_JAVA - 1))
FACTS="$WORK/facts.json"
python3 - "$FACTS" "$SERVICE_LOG" <<EOF
import json, re, statistics, sys, subprocess
facts_out, log_path = sys.argv[1], sys.argv[2]
def sh(cmd):
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip() or sh("uname -m")
mem = sh("awk '/MemTotal/ {printf \"%.1f GiB\", \$2/1048576}' /proc/meminfo")
lines = open(log_path, errors="replace").read().splitlines()
warn = [l for l in lines if re.search(r"\bWARN\b", l)]
err = [l for l in lines if re.search(r"\bERROR\b", l)]
samples = [l[:300] for l in (err + warn)[:15]]
facts = {
    "started_utc": "$STARTED_UTC",
    "command": "$COMMAND".strip(),
    "commit": sh("git rev-parse --short HEAD") + (" (dirty)" if sh("git status --porcelain -- . ':!bench'") else ""),
    "cpu": cpu,
    "nproc": int(sh("nproc")),
    "memory": mem,
    "java": sh("java -version 2>&1 | head -1"),
    "ffmpeg": sh("ffmpeg -version | head -1 | cut -d' ' -f1-3"),
    "whisper_threads": $THREADS,
    "loadavg_before": "$LOAD_BEFORE",
    "loadavg_after": "$LOAD_AFTER",
    "other_java_processes": $OTHER_JAVA,
    "model": "generated by TestModelGenerator --preset tiny --seed 42 (random weights, 384 state, 6 heads, 4 layers), %s MB" % round(__import__("os").path.getsize("$MODELS/ggml-$MODEL.bin") / 1e6, 1),
    "clip": "espeak-ng en-us 150 wpm (%s s of speech), padded/trimmed to %s s, $CLIP_FORMAT, %d bytes" % ("$RAW_SECONDS", "$CLIP_SECONDS", __import__("os").path.getsize("$SPEECH")),
    "poll_ms": $POLL_MS,
    "log_warn": len(warn),
    "log_error": len(err),
    "log_samples": samples,
}
json.dump(facts, open(facts_out, "w"), indent=2)
EOF
python3 "$ROOT/bench/latency.py" render "$JSON" "$FACTS" "$SERVICE_LOG" "$MD"
cp "$SERVICE_LOG" "$RESULTS/latency-$STAMP.service.log"
log "results: $MD"
log "         $JSON"
log "service log: $RESULTS/latency-$STAMP.service.log"
cat "$MD"
