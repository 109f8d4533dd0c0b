#!/usr/bin/env bash
# f32 matmul, nnc vs oneDNN vs OpenBLAS, side by side at 1 and 2 threads.
# Usage: bench/matmul.sh [nn-bench-matmul flags]   (builds the target first)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${NN_BUILD_DIR:-$root/build}
bash "$root/scripts/build.sh" nn-bench-matmul >/dev/null
# Debian's OpenBLAS mistakes this CPU for Prescott without this (toolchain.md).
export OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-SkylakeX}
# Interleaved rounds: an OpenMP peer's threads would otherwise keep spinning
# on the cores after their run and slow down whatever runs next (nnc's pool
# sleeps between loops); passive waiting makes the rounds independent.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
# OpenBLAS's own threads busy-wait 2^28 cycles (~0.1 s) after each call by
# default, taking the second core from the next round (nnc's 1024^3 matmul
# read 205 GFLOP/s at 2 threads instead of 454); 2^4 cycles makes them sleep,
# like the OpenMP ones, without slowing OpenBLAS itself (438 vs 443).
export OPENBLAS_THREAD_TIMEOUT=${OPENBLAS_THREAD_TIMEOUT:-4}
lscpu | awk -F: '/Model name|^CPU\(s\)/ {gsub(/^ +/, "", $2); print $1 ": " $2}'
for t in 1 2; do
  echo "== threads=$t"
  clock=wall; [[ $t == 1 ]] && clock=cpu  # 1 thread: immune to other load
  OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t DNNL_NUM_THREADS=$t \
    NNC_NUM_THREADS=$t "$build/bin/nn-bench-matmul" --clock=$clock "$@"
done
