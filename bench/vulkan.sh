#!/usr/bin/env bash
# GFLOP/s of the Vulkan matmul and conv kernels and model latency on Vulkan
# device --device=N (default 0), through nn-run --target=vulkan --benchmark.
# Each row: `name shape median_ms gflops` (FLOPs = 2*M*N*K for a matmul,
# 2*N*K*C*R*S*OH*OW for a conv; the time is one whole inference: upload,
# kernels, download). Models: the PyTorch set of scripts/check-models.sh when
# MODELS_DIR (default build/models) holds it.
# Usage: bench/vulkan.sh [--device=N] [--runs=R] [--sizes="256 512"]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
nn_run=${NN_BUILD_DIR:-$root/build}/bin/nn-run
models=${MODELS_DIR:-$root/build/models}
device=0 runs=10 sizes="128 256 512"
for arg in "$@"; do
  case $arg in
    --device=*) device=${arg#--device=} ;;
    --runs=*) runs=${arg#--runs=} ;;
    --sizes=*) sizes=${arg#--sizes=} ;;
    *) echo "error: unknown argument $arg" >&2; exit 1 ;;
  esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$nn_run" --list-devices | sed -n "$((device + 1))p"

bench() { # name flops model inputs...
  local name=$1 flops=$2 model=$3
  shift 3
  local out
  out=$("$nn_run" "$model" --target=vulkan --device="$device" --benchmark="$runs" "${@/#/--input=}")
  local ms
  ms=$(sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' <<<"$out")
  awk -v n="$name" -v f="$flops" -v ms="$ms" \
    'BEGIN { printf "%-28s median_ms=%9.3f gflops=%8.2f\n", n, ms, f / (ms * 1e6) }'
}

for s in $sizes; do
  cat >"$work/mm$s.mlir" <<MLIR
func.func @main(%a: tensor<${s}x${s}xf32>, %b: tensor<${s}x${s}xf32>) -> tensor<${s}x${s}xf32> {
  %0 = nn.matmul %a, %b : (tensor<${s}x${s}xf32>, tensor<${s}x${s}xf32>) -> tensor<${s}x${s}xf32>
  return %0 : tensor<${s}x${s}xf32>
}
MLIR
  /usr/bin/python3 -c "import numpy as np; r = np.random.RandomState(0); np.save('$work/a$s.npy', r.randn($s, $s).astype('f4')); np.save('$work/b$s.npy', r.randn($s, $s).astype('f4'))"
  bench "matmul ${s}x${s}x${s}" $((2 * s * s * s)) "$work/mm$s.mlir" "$work/a$s.npy" "$work/b$s.npy"
done

# Convolutions (bias, NCHW): name C H W F K stride pad group. FLOPs =
# 2 * F * (C / group) * K * K * OH * OW (the depthwise one runs one output
# per thread, the others as implicit-GEMM tiled kernels).
conv() {
  local name=$1 c=$2 h=$3 w=$4 f=$5 k=$6 s=$7 p=$8 g=$9
  local oh=$(((h + 2 * p - k) / s + 1)) ow=$(((w + 2 * p - k) / s + 1))
  local x="1x${c}x${h}x${w}xf32" wt="${f}x$((c / g))x${k}x${k}xf32" y="1x${f}x${oh}x${ow}xf32"
  cat >"$work/$name.mlir" <<MLIR
func.func @main(%x: tensor<$x>, %w: tensor<$wt>, %b: tensor<${f}xf32>) -> tensor<$y> {
  %0 = nn.conv %x, %w, %b {strides = array<i64: $s, $s>, pads = array<i64: $p, $p, $p, $p>, group = $g : i64} : (tensor<$x>, tensor<$wt>, tensor<${f}xf32>) -> tensor<$y>
  return %0 : tensor<$y>
}
MLIR
  /usr/bin/python3 -c "import numpy as np; r = np.random.RandomState(0); np.save('$work/x.npy', r.randn(1, $c, $h, $w).astype('f4')); np.save('$work/w.npy', r.randn($f, $((c / g)), $k, $k).astype('f4')); np.save('$work/cb.npy', r.randn($f).astype('f4'))"
  bench "conv $name" $((2 * f * (c / g) * k * k * oh * ow)) "$work/$name.mlir" "$work/x.npy" "$work/w.npy" "$work/cb.npy"
}
conv 64x56x56_k3_64 64 56 56 64 3 1 1 1    # ResNet-18 layer1
conv 3x224x224_k7s2_64 3 224 224 64 7 2 3 1 # ResNet-18 stem
conv 256x14x14_k3_256 256 14 14 256 3 1 1 1 # ResNet-18 layer3
conv 96x56x56_dw3 96 56 56 96 3 1 1 96      # MobileNetV2 depthwise

for m in mlp cnn resnet18 mobilenetv2 lstm gru transformer dcgan autoencoder; do
  [[ -f $models/$m/model.onnx ]] || continue
  out=$("$nn_run" "$models/$m/model.onnx" --input="$models/$m/input_0.npy" --target=vulkan --device="$device" --benchmark="$runs")
  printf "%-28s %s\n" "model $m" "$out"
done
