#!/usr/bin/env bash
# Configures (once) and builds nnc into build/ with Ninja, clang-22 and ccache.
# Usage: scripts/build.sh [ninja targets...]   (default: everything)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${NN_BUILD_DIR:-$root/build}

if [[ ! -f $build/build.ninja ]]; then
  cc=gcc cxx=g++
  if command -v clang++-22 >/dev/null; then cc=clang-22 cxx=clang++-22; fi
  cmake -G Ninja -S "$root" -B "$build" \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DCMAKE_C_COMPILER=$cc -DCMAKE_CXX_COMPILER=$cxx \
    -DCMAKE_BUILD_TYPE=Release
fi
# Two cores, heavy MLIR headers: keep memory in check with one job per core.
ninja -C "$build" -j "${NN_JOBS:-$(nproc)}" "$@"
