#!/usr/bin/env bash
# Fuzzes the ONNX loader + importer: configures (once) build-fuzz/ with clang-22,
# ASan + UBSan + libFuzzer (-DNN_BUILD_FUZZER=ON), builds only nn-onnx-fuzzer and
# runs it for a bounded time on a temporary seed corpus of ONNX's node test models.
# Any finding (crash, sanitizer report, leak, >10 s input, >2 GiB RSS) fails the
# script; the reproducer lands in build-fuzz/fuzz-artifacts/.
# Usage: scripts/fuzz.sh [seconds]      (default 60, or $NN_FUZZ_SECONDS)
#   reproduce: build-fuzz/bin/nn-onnx-fuzzer build-fuzz/fuzz-artifacts/crash-...
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${NN_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${1:-${NN_FUZZ_SECONDS:-60}}

if ! command -v clang++-22 >/dev/null; then
  echo "error: fuzz.sh needs clang++-22 (scripts/install-deps.sh)" >&2
  exit 1
fi
if [[ ! -f /usr/lib/llvm-22/lib/clang/22/lib/linux/libclang_rt.fuzzer-x86_64.a ]]; then
  echo "error: libFuzzer is missing: install libclang-rt-22-dev (scripts/install-deps.sh)" >&2
  exit 1
fi
if [[ ! -f $build/build.ninja ]]; then
  cmake -G Ninja -S "$root" -B "$build" \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DCMAKE_BUILD_TYPE=Release -DNN_BUILD_FUZZER=ON >/dev/null
fi
start=$(date +%s)
ninja -C "$build" -j "${NN_JOBS:-$(nproc)}" nn-onnx-fuzzer nn-data-fuzzer
echo "fuzz: build $(( $(date +%s) - start )) s"

corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
bash "$root/test/fuzz/make-seeds.sh" "$corpus"
artifacts=$build/fuzz-artifacts
mkdir -p "$artifacts"

# allow_user_poisoning=0: LLVM's BumpPtrAllocator poisons its slabs when the
# including code is built with ASan, but libMLIR.so (not instrumented) carves
# objects out of the same slabs without unpoisoning them, which ASan would
# report as use-after-poison. Real heap errors are still caught.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0:allow_user_poisoning=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# A fixed seed keeps CI reproducible (NN_FUZZ_SEED=0 lets libFuzzer pick one).
seed=${NN_FUZZ_SEED:-1}
if "$build/bin/nn-onnx-fuzzer" -max_total_time="$seconds" -seed="$seed" -rss_limit_mb=2048 \
  -malloc_limit_mb=2048 -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$artifacts/" "$corpus" >"$build/fuzz.log" 2>&1; then
  grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$build/fuzz.log" || true
  echo "fuzz: no findings in ${seconds} s"
else
  tail -n 60 "$build/fuzz.log"
  echo "error: the fuzzer found a problem; reproducer in $artifacts/ (full log: $build/fuzz.log)" >&2
  exit 1
fi

# nn-train's data readers (IDX plain/gzip, .npy), seeded with one valid file
# of each kind; a third of the ONNX fuzzer's time.
data_seconds=$(( seconds / 3 > 5 ? seconds / 3 : 5 ))
data_corpus=$(mktemp -d)
trap 'rm -rf "$corpus" "$data_corpus"' EXIT
printf '\x00\x00\x08\x01\x00\x00\x00\x03\x01\x02\x03' >"$data_corpus/labels.idx"
printf '\x00\x00\x08\x03\x00\x00\x00\x01\x00\x00\x00\x02\x00\x00\x00\x02\x00\x10\x20\x30' >"$data_corpus/images.idx"
gzip -c "$data_corpus/images.idx" >"$data_corpus/images.idx.gz"
if "$build/bin/nn-data-fuzzer" -max_total_time="$data_seconds" -seed="$seed" -rss_limit_mb=2048 \
  -malloc_limit_mb=2048 -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$artifacts/data-" "$data_corpus" >"$build/fuzz-data.log" 2>&1; then
  grep -E '^stat::number_of_executed_units' "$build/fuzz-data.log" || true
  echo "fuzz: data readers, no findings in ${data_seconds} s"
else
  tail -n 60 "$build/fuzz-data.log"
  echo "error: the data-reader fuzzer found a problem; reproducer in $artifacts/ (full log: $build/fuzz-data.log)" >&2
  exit 1
fi
