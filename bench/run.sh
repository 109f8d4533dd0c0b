#!/usr/bin/env bash
# The performance benchmark of issue 9 in one command: nnc vs its peers, at 1
# and 2 threads, as one markdown table (stdout and bench/results.md):
#   1. the fp32 peak of this machine (cores x 2 FMA ports x lanes x 2 flops x
#      clock), so every figure reads as a fraction of the physical limit, and
#      the core-to-core round trip (bench/core_latency.c), which tells where
#      the host placed the vCPUs for the 2-thread rows;
#   2. models: the PyTorch-exported set (scripts/export-models.py), nnc
#      (`nn-run --benchmark`) vs ONNX Runtime CPU (npm onnxruntime-node in
#      bench/node_modules) vs PyTorch eager, outputs checked first, rounds
#      interleaved (bench/models.py); nnc compile time; peak memory;
#   3. kernels: f32 matmul vs oneDNN and OpenBLAS (nn-bench-matmul); the conv
#      layers of ResNet-18, MobileNetV2's depthwise convs, an LSTM step and attention
#      at seq 128 as one-op models (bench/export-kernels.py) through
#      bench/models.py, i.e. vs ONNX Runtime and PyTorch.
# A peer that is not installed reads n/a. Not a test: it never fails on speed.
# Usage: bench/run.sh [--out=FILE] [--rounds=R] [--threads="1 2"] [--no-kernels]
#                     [NAME...]
#   MODELS_DIR (default build/models; missing models are exported, which needs
#   torch), NN_BUILD_DIR (default build) and NN_CPU_GHZ (the clock for the
#   peak; default: measured by bench/clock.c) change the defaults.
#   ONNX Runtime: (cd bench && npm install --no-save \
#     --onnxruntime-node-install-cuda=skip onnxruntime-node)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${NN_BUILD_DIR:-$root/build}
out=$root/bench/results.md
rounds=3
threads="1 2"
kernels=1
names=()
for arg in "$@"; do
  case $arg in
  --out=*) out=${arg#--out=} ;;
  --rounds=*) rounds=${arg#--rounds=} ;;
  --threads=*) threads=${arg#--threads=} ;;
  --no-kernels) kernels=0 ;;
  -*) echo "error: unknown option '$arg'; usage: bench/run.sh [--out=FILE] [--rounds=R] [--threads=\"1 2\"] [--no-kernels] [NAME...]" >&2; exit 2 ;;
  *) names+=("$arg") ;;
  esac
done
[[ ${#names[@]} == 0 ]] && names=(mlp cnn resnet18 mobilenetv2 lstm gru transformer dcgan autoencoder)
dir=${MODELS_DIR:-$root/build/models}

targets=nn-run
[[ $kernels == 1 ]] && targets="nn-run nn-bench-matmul"
NN_BUILD_DIR=$build bash "$root/scripts/build.sh" $targets >/dev/null 2>&1 ||
  { [[ -x $build/bin/nn-run ]] || { echo "error: build of $targets in $build failed; run scripts/build.sh" >&2; exit 1; }; }

missing=()
for name in "${names[@]}"; do
  [[ -f $dir/$name/model.onnx && -f $dir/$name/ref_0.npy ]] || missing+=("$name")
done
if [[ ${#missing[@]} != 0 ]]; then
  mkdir -p "$dir"
  /usr/bin/python3 "$root/scripts/export-models.py" "$dir" "${missing[@]}" >"$dir/export.log" 2>&1 ||
    { echo "error: export of ${missing[*]} failed, see $dir/export.log" >&2; exit 1; }
fi

# Debian's OpenBLAS (used by PyTorch and the matmul peer) mistakes this CPU for
# Prescott without this (toolchain.md).
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

tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.clock" "$tmp.latency" "$tmp.kernels" "$tmp.kernels.log"' EXIT
# The core-to-core round trip, measured by models.py before every 2-thread
# round (empty: not measured).
latency=
cc -O2 -pthread -o "$tmp.latency" "$root/bench/core_latency.c" 2>/dev/null && latency=$tmp.latency
{
  echo "# nnc vs peers ($(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'))"
  echo
  cores=$(lscpu -p=core 2>/dev/null | grep -v '^#' | sort -u | wc -l)
  model=$(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}')
  # The clock: measured (dependent adds, bench/clock.c) since /proc/cpuinfo
  # shows the nominal clock, not the boost the kernels actually run at.
  nominal=$(awk -F: '/cpu MHz/ {printf "%.2f", $2 / 1000; exit}' /proc/cpuinfo)
  how="measured by bench/clock.c; /proc/cpuinfo says $nominal"
  ghz=${NN_CPU_GHZ:-}
  [[ -n $ghz ]] && how="NN_CPU_GHZ"
  if [[ -z $ghz ]] && cc -O2 -o "$tmp.clock" "$root/bench/clock.c" 2>/dev/null; then
    ghz=$("$tmp.clock")
  fi
  [[ -z $ghz ]] && { ghz=$nominal; how="/proc/cpuinfo, nominal"; }
  lanes=8
  grep -qw avx512f /proc/cpuinfo && lanes=16
  peak1=$(awk -v l=$lanes -v g=$ghz 'BEGIN {printf "%.0f", 2 * l * 2 * g}')
  echo "Machine: $model, $cores cores, ${ghz} GHz ($how), $lanes f32 lanes."
  echo "fp32 peak = cores x 2 FMA ports x $lanes lanes x 2 flops x ${ghz} GHz = **$peak1 GFLOP/s per core**, $((peak1 * cores)) GFLOP/s on $cores cores."
  if [[ -n $latency ]]; then
    echo
    echo "Core-to-core round trip now: $("$latency") ns (bench/core_latency.c; 100-160 ns when the host runs both vCPUs under one shared cache, 420-810 ns when not: every 2-thread figure is slower then, so the 2-thread rows note it before and after each round)."
  fi
  echo
  echo "## Models (latency, ms)"
  echo
  if ! (cd "$root/bench" && node -e "require('onnxruntime-node')" 2>/dev/null); then
    echo "ONNX Runtime: n/a (install: cd bench && npm install --no-save --onnxruntime-node-install-cuda=skip onnxruntime-node)"
    echo
  fi
  NN_RUN=$build/bin/nn-run MODELS_DIR=$dir ROUNDS=$rounds THREADS="$threads" CORE_LATENCY=$latency \
    /usr/bin/python3 "$root/bench/models.py" "${names[@]}" ||
    echo "error: bench/models.py failed (see above)"
  if [[ $kernels == 1 ]]; then
    echo
    echo "## Kernels: f32 matmul, GFLOP/s (peak $peak1 per core)"
    echo
    if [[ -x $build/bin/nn-bench-matmul ]]; then
      for t in $threads; do
        clock=wall; [[ $t == 1 ]] && clock=cpu # 1 thread: immune to other load
        echo "threads=$t"
        before=
        [[ $t != 1 && -n $latency ]] && before=$("$latency")
        echo '```'
        OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t DNNL_NUM_THREADS=$t NNC_NUM_THREADS=$t \
          "$build/bin/nn-bench-matmul" --clock=$clock --rounds=$rounds \
          --sizes=256x256x256,512x512x512,1024x1024x1024,2048x2048x2048,384x1000x768,1x1000x512 2>&1
        echo '```'
        [[ -n $before ]] && echo "Core round trip before / after: $before / $("$latency") ns."
      done
    else
      echo "n/a (nn-bench-matmul not built: needs libdnnl-dev and libopenblas-dev)"
    fi
    echo
    echo "## Kernels: ResNet-18's conv layers, MobileNetV2's depthwise convs, an LSTM step, attention (batch 1), latency ms"
    echo
    kernels=$build/bench-kernels
    if /usr/bin/python3 "$root/bench/export-kernels.py" "$kernels" >"$tmp.kernels" 2>"$tmp.kernels.log"; then
      NN_RUN=$build/bin/nn-run MODELS_DIR=$kernels ROUNDS=$rounds THREADS="$threads" MEM=0 CORE_LATENCY=$latency \
        /usr/bin/python3 "$root/bench/models.py" $(cat "$tmp.kernels") ||
        echo "error: bench/models.py failed on the kernel set (see above)"
    else
      echo "n/a (exporting the kernel set needs torch: $(tail -1 "$tmp.kernels.log"))"
    fi
  fi
} | tee "$tmp"
mkdir -p "$(dirname "$out")"
cp "$tmp" "$out"
echo "(written to $out)" >&2
