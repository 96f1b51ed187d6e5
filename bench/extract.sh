#!/usr/bin/env bash
# Audio extraction benchmark: POST /api/whisper/extract_audio against the same ffmpeg command run
# directly, and the JVM's heap while a large upload goes through the endpoint.
#   bench/extract.sh [--seconds 3600] [--upload-mib 1024] [--runs 3] [--no-build]
# --seconds: length of the timed input (AAC, 44.1 kHz stereo, 128 kbit/s; converted to 16 kHz
#            mono WAV, what transcription uses); --upload-mib: size of the WAV uploaded for the
#            memory part (0 skips it); --runs: timed runs of each side (median reported).
# Writes bench/results/extract-<UTC time>.md. Never runs `mvn install` (the jar is built with
# `mvn package`, which installs nothing).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=3600
upload_mib=1024
runs=3
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --upload-mib) upload_mib=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
for tool in java ffmpeg ffprobe curl jcmd jstat python3; do
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done
work=$(mktemp -d /tmp/stt-extract-bench.XXXXXX)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$build" = 1 ] || ! ls api/target/stt-api-*.jar >/dev/null 2>&1; then
  mvn -B -q -DskipTests package -pl api -am
fi
jar=$(ls -t api/target/stt-api-*.jar | head -n 1)

echo "== input: $seconds s of AAC" >&2
input="$work/input.m4a"
ffmpeg -nostdin -v error -y -f lavfi -i "sine=frequency=440:duration=$seconds:sample_rate=44100" \
  -f lavfi -i "anoisesrc=duration=$seconds:sample_rate=44100:amplitude=0.05" \
  -filter_complex "[0][1]amix=inputs=2,aformat=channel_layouts=stereo" \
  -c:a aac -b:a 128k "$input"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
tport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
echo "== starting the service on port $port" >&2
# The extraction endpoint needs no worker: only the API runs (store activities on, as by default).
PORT=$port SERVER_ADDRESS=127.0.0.1 STT_TEMPORAL_PORT=$tport STT_DATA_DIR="$work/data" \
  STT_CPU_WORKER=false STT_GPU_WORKER=false \
  java -Xlog:gc:file="$work/gc.log":uptime -jar "$jar" >"$work/service.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/health/check" || true)
  [ "$code" = 200 ] || [ "$code" = 503 ] && break
  sleep 1
done
url="http://127.0.0.1:$port/api/whisper/extract_audio"

direct() { # the command AudioExtractor runs (AudioEncoding: 16 kHz mono 16-bit WAV)
  local start end
  start=$(date +%s.%N)
  ffmpeg -nostdin -v error -y \
    -format_whitelist mov,mp4,m4a,3gp,matroska,webm,mp3,aac,wav -i "$input" \
    -map 0:a:0 -vn -sn -dn -ac 1 -ar 16000 -map_metadata -1 -f wav -c:a pcm_s16le \
    -fflags +bitexact "$work/direct.wav"
  end=$(date +%s.%N)
  python3 -c "print(f'{$end-$start:.3f}')"
}
endpoint() { # upload, probe, ffmpeg and download, as a client sees it
  local start end line
  start=$(date +%s.%N)
  curl -s -f -o "$work/endpoint.wav" -F "file=@$input" \
    -F output_format=wav -F sample_rate=16000 -F channels=1 "$url"
  end=$(date +%s.%N)
  # Where the time went: the service logs when its ffmpeg run ended and how long it took (UTC).
  line=$(grep 'Extracted .* ms$' "$work/service.log" | tail -n 1)
  echo "$start $end $(date -d "$(echo "$line" | cut -c1-23)Z" +%s.%N) $(echo "$line" | sed 's/.* in \([0-9]*\) ms$/\1/')" \
    >>"$work/endpoint.parts"
  python3 -c "print(f'{$end-$start:.3f}')"
}
echo "== warm-up" >&2
endpoint >/dev/null
rm -f "$work/endpoint.parts"
direct_times=(); endpoint_times=()
for i in $(seq 1 "$runs"); do
  echo "== run $i/$runs" >&2
  direct_times+=("$(direct)")
  endpoint_times+=("$(endpoint)")
done
cmp -s <(tail -c +45 "$work/direct.wav") <(tail -c +45 "$work/endpoint.wav") \
  && same="identical PCM" || same="PCM DIFFERS"

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
d_med=$(median "${direct_times[@]}")
e_med=$(median "${endpoint_times[@]}")
ratio=$(python3 -c "print(f'{$e_med/$d_med:.3f}')")
# Each endpoint run against the direct run just before it: the machine's drift over the runs
# (the direct runs alone spread by ±10 % on the 2-core VMs) cancels within a pair.
paired=$(python3 -c "
import statistics
d, e = '${direct_times[*]}'.split(), '${endpoint_times[*]}'.split()
print(f'{statistics.median(float(b) / float(a) for a, b in zip(d, e)):.3f}')")

heap_used_kib() { # used heap now (survivors + eden + old), KiB
  jstat -gc "$pid" | awk 'NR==1 {for (i=1;i<=NF;i++) c[$i]=i} NR==2 {print int($c["S0U"]+$c["S1U"]+$c["EU"]+$c["OU"])}'
}
uptime_s() { jcmd "$pid" VM.uptime | awk 'NR==2 {print $1}'; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }

mem_lines=""
if [ "$upload_mib" -gt 0 ]; then
  big="$work/big.wav"
  big_seconds=$(( upload_mib * 1024 * 1024 / 192000 ))
  echo "== memory: $upload_mib MiB upload ($big_seconds s of 48 kHz stereo WAV)" >&2
  ffmpeg -nostdin -v error -y -f lavfi -i "sine=frequency=440:duration=$big_seconds:sample_rate=48000" \
    -ac 2 -c:a pcm_s16le "$big"
  jcmd "$pid" GC.run >/dev/null
  sleep 1
  idle_kib=$(heap_used_kib)
  idle_rss=$(rss_kib)
  t0=$(uptime_s)
  ( while kill -0 "$pid" 2>/dev/null; do heap_used_kib; rss_kib >&2; sleep 0.2; done ) \
    >"$work/heap.samples" 2>"$work/rss.samples" &
  sampler=$!
  start=$(date +%s.%N)
  code=$(curl -s -o "$work/big-out.wav" -w '%{http_code}' -F "file=@$big" \
    -F output_format=wav -F sample_rate=16000 -F channels=1 "$url")
  end=$(date +%s.%N)
  t1=$(uptime_s)
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  peak_kib=$(sort -n "$work/heap.samples" | tail -n 1)
  peak_rss=$(sort -n "$work/rss.samples" | tail -n 1)
  # Live heap: occupancy after each collection inside the request's window (unified GC log).
  live_peak_mib=$(python3 - "$work/gc.log" "$t0" "$t1" <<'EOF'
import re, sys
log, t0, t1 = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
peak = None
for line in open(log):
    m = re.match(r"\[(\d+\.\d+)s\].*?(\d+)M->(\d+)M\((\d+)M\)", line)
    if m and t0 <= float(m.group(1)) <= t1:
        peak = max(peak or 0, int(m.group(3)))
print(peak if peak is not None else "no collection")
EOF
)
  mem_lines=$(cat <<EOF

## Memory during a $upload_mib MiB upload (HTTP $code, $(python3 -c "print(f'{$end-$start:.1f}')") s, $(du -m "$work/big-out.wav" | cut -f1) MiB of WAV back)

| measure | MiB |
|---|---|
| heap used when idle (after a full GC) | $(( idle_kib / 1024 )) |
| peak heap used, sampled every 0.2 s (jstat; includes garbage not yet collected) | $(( peak_kib / 1024 )) |
| peak heap used − idle | $(( (peak_kib - idle_kib) / 1024 )) |
| largest heap after a collection during the request (GC log: live data) | $live_peak_mib |
| RSS idle → peak (/proc) | $(( idle_rss / 1024 )) → $(( peak_rss / 1024 )) |
EOF
)
fi

mkdir -p bench/results
out="bench/results/extract-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# Extraction benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)"
  echo
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs, $(free -g | awk '/^Mem:/{print $2}') GiB RAM;" \
    "load average before: $(cut -d' ' -f1-3 /proc/loadavg); java $(java -version 2>&1 | head -1 | sed 's/.*"\(.*\)".*/\1/');" \
    "$(ffmpeg -version | head -1 | cut -d' ' -f1-3); JVM defaults (no -Xmx)."
  echo
  echo "## $seconds s of AAC (44.1 kHz stereo, $(du -m "$input" | cut -f1) MiB) → 16 kHz mono WAV, $runs runs each"
  echo
  echo "| | runs (s) | median (s) |"
  echo "|---|---|---|"
  echo "| ffmpeg directly | ${direct_times[*]} | $d_med |"
  echo "| POST /api/whisper/extract_audio (curl: upload, probe, ffmpeg, download) | ${endpoint_times[*]} | $e_med |"
  echo
  echo "Ratio endpoint / direct: **$ratio** (target ≤ 1.1); median of the runs' own ratios (each endpoint run"
  echo "against the direct run before it): $paired; outputs: $same."
  echo
  echo "The endpoint's runs, seconds, from the client's clock and the service's log line (same machine):"
  echo "before ffmpeg = the upload into the service's staging directory and the move; after = the download."
  echo
  echo "| run | total | before ffmpeg | the service's ffmpeg | after |"
  echo "|---|---|---|---|---|"
  awk '{ printf "| %d | %.3f | %.3f | %.3f | %.3f |\n", NR, $2 - $1, $3 - $4 / 1000 - $1, $4 / 1000, $2 - $3 }' \
    "$work/endpoint.parts"
  echo "$mem_lines"
} >"$out"
cat "$out"
