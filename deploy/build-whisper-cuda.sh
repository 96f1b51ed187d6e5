#!/usr/bin/env bash
# Builds whisper.cpp v1.7.1 with CUDA as shared libraries for STT_WHISPER_LIBRARY_DIR.
#   deploy/build-whisper-cuda.sh [--out DIR] [--src DIR] [--archs "75;80;86;89;90"]
# Needs git (or --src with a v1.7.1 checkout), cmake >= 3.18, a C++17 compiler and the CUDA toolkit
# (nvcc on PATH). The worker checks at load that the library is v1.7.1 (symbols and struct layouts),
# so any other version is refused with a message rather than crashing.
# Then run one transcription worker per GPU:
#   STT_WHISPER_LIBRARY_DIR=DIR CUDA_VISIBLE_DEVICES=0 ./stt worker-gpu
set -euo pipefail
version=v1.7.1
out=$PWD/whisper-cuda-$version
src=
archs=
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --src) src=$2; shift 2 ;;
    --archs) archs=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v nvcc >/dev/null || { echo "nvcc not found: install the CUDA toolkit" >&2; exit 2; }
command -v cmake >/dev/null || { echo "cmake not found" >&2; exit 2; }
work=$(mktemp -d /tmp/whisper-cuda.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [ -z "$src" ]; then
  src=$work/whisper.cpp
  git clone --depth 1 --branch "$version" https://github.com/ggerganov/whisper.cpp "$src"
fi
flags=(-DGGML_CUDA=ON -DBUILD_SHARED_LIBS=ON -DWHISPER_BUILD_EXAMPLES=OFF -DWHISPER_BUILD_TESTS=OFF
       -DCMAKE_BUILD_TYPE=Release)
if [ -n "$archs" ]; then
  flags+=("-DCMAKE_CUDA_ARCHITECTURES=$archs")
fi
cmake -S "$src" -B "$work/build" "${flags[@]}"
cmake --build "$work/build" -j "$(nproc)"
mkdir -p "$out"
# libwhisper.so* and every libggml*.so* it links against, with their version symlinks
find "$work/build" \( -name 'libwhisper.so*' -o -name 'libggml*.so*' \) -exec cp -P {} "$out/" \;
ls -l "$out"
echo "STT_WHISPER_LIBRARY_DIR=$out" >&2
