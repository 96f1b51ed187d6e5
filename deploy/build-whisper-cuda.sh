#!/usr/bin/env bash
# Builds whisper.cpp v1.7.1 with CUDA (or, with --cpu, without) as shared libraries for
# STT_WHISPER_LIBRARY_DIR.
#   deploy/build-whisper-cuda.sh [--out DIR] [--src DIR] [--archs "75;80;86;89;90"] [--cpu]
# Needs git (or --src with a v1.7.1 source tree), cmake >= 3.18, a C++17 compiler and the CUDA
# toolkit (nvcc on PATH). The worker checks at load that the library is v1.7.1 (symbols and struct
# layouts), so any other version is refused with a message rather than crashing.
# --src DIR builds from a tree already on disk instead of cloning: an upstream v1.7.1 checkout or
# unpacked release tarball, or (CPU only: it has no CUDA sources) the tree bench/parity.sh lays out
# from npm packages in bench/results/parity-cache/whisper.cpp-1.7.1-*.
# --cpu builds without CUDA (no nvcc needed), for the x86-64 features of the bundled build
# (AVX, AVX2, FMA, F16C; no -march=native), e.g. to check a source tree or for CPU-only hosts.
# Then run one transcription worker per GPU:
#   STT_WHISPER_LIBRARY_DIR=DIR CUDA_VISIBLE_DEVICES=0 ./stt worker-gpu
set -euo pipefail
version=v1.7.1
out=
src=
archs=
cpu=0
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --src) src=$2; shift 2 ;;
    --archs) archs=$2; shift 2 ;;
    --cpu) cpu=1; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || out=$PWD/whisper-$([ "$cpu" = 1 ] && echo cpu || echo cuda)-$version
if [ "$cpu" = 0 ]; then
  command -v nvcc >/dev/null || { echo "nvcc not found: install the CUDA toolkit" >&2; exit 2; }
fi
command -v cmake >/dev/null || { echo "cmake not found" >&2; exit 2; }
work=$(mktemp -d /tmp/whisper-cuda.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [ -z "$src" ]; then
  src=$work/whisper.cpp
  git clone --depth 1 --branch "$version" https://github.com/ggerganov/whisper.cpp "$src"
fi
flags=(-DBUILD_SHARED_LIBS=ON -DWHISPER_BUILD_EXAMPLES=OFF -DWHISPER_BUILD_TESTS=OFF
       -DCMAKE_BUILD_TYPE=Release)
if [ "$cpu" = 1 ]; then
  flags+=(-DGGML_CUDA=OFF -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON)
else
  flags+=(-DGGML_CUDA=ON)
fi
if [ -n "$archs" ] && [ "$cpu" = 0 ]; then
  flags+=("-DCMAKE_CUDA_ARCHITECTURES=$archs")
fi
cmake -S "$src" -B "$work/build" "${flags[@]}"
cmake --build "$work/build" -j "$(nproc)"
mkdir -p "$out"
# libwhisper.so* and every libggml*.so* it links against, with their version symlinks
find "$work/build" \( -name 'libwhisper.so*' -o -name 'libggml*.so*' \) -exec cp -P {} "$out/" \;
ls -l "$out"
echo "STT_WHISPER_LIBRARY_DIR=$out" >&2
