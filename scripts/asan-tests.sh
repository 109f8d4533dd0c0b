#!/usr/bin/env bash
# Builds nnc with AddressSanitizer + LeakSanitizer into build-asan/ and runs
# the lit suite there. Host code is instrumented; buffers the JIT-compiled
# code allocates go through the intercepted malloc/free, so leaks in the
# generated deallocation show up too. libnnc.so (-z defs) cannot link the
# ASan runtime, so the host-API tests are left out.
# Usage: scripts/asan-tests.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-asan
flags="-fsanitize=address -fno-omit-frame-pointer"
if [[ ! -f $build/build.ninja ]]; then
  cmake -G Ninja -S "$root" -B "$build" -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" \
    -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address >/dev/null
fi
ninja -C "$build" nn-opt nn-run nnc NNUnitTests nn-example-cnn
# allow_user_poisoning=0: see scripts/fuzz.sh (LLVM allocator + uninstrumented libMLIR).
export ASAN_OPTIONS=detect_leaks=1:allow_user_poisoning=0
cd "$build/test"
/usr/lib/llvm-22/bin/lit ir passes codegen onnx run unit examples
