#!/usr/bin/env bash
# Compiles the PyTorch model set (scripts/export-models.py) ahead of time and
# prints, per model: nnc compile time (x86-64 executable and AArch64
# executable, wall s), executable sizes (bytes), start-up time (`EXE --help`,
# best of 10, ms) and one run on the exported input (best of 3, ms).
# Best-of-N wall times; other processes on the machine inflate them.
# Usage: scripts/aot-report.sh [--dir DIR] [NAME...]   (DIR: build/models)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$root/build/models
if [[ ${1:-} == --dir ]]; then
  dir=$2
  shift 2
fi
names=("$@")
if [[ ${#names[@]} == 0 ]]; then
  names=(mlp cnn resnet18 mobilenetv2 lstm gru transformer dcgan autoencoder)
fi
missing=()
for name in "${names[@]}"; do
  [[ -f $dir/$name/model.onnx ]] || missing+=("$name")
done
if [[ ${#missing[@]} != 0 ]]; then
  mkdir -p "$dir"
  /usr/bin/python3 "$root/scripts/export-models.py" "$dir" "${missing[@]}" >"$dir/export.log" 2>&1 ||
    { echo "error: export failed, see $dir/export.log" >&2; exit 1; }
fi
export NNC=${NN_BUILD_DIR:-$root/build}/bin/nnc MODELS_DIR=$dir
exec /usr/bin/python3 - "${names[@]}" <<'PY'
import os, subprocess, sys, tempfile, time

NNC, DIR = os.environ["NNC"], os.environ["MODELS_DIR"]


def best(cmd, n):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


print(f"{'model':<12} {'compile_s':>9} {'a64_compile_s':>13} {'exe_bytes':>10} "
      f"{'a64_bytes':>10} {'startup_ms':>10} {'run_ms':>9}", flush=True)
with tempfile.TemporaryDirectory() as work:
    for name in sys.argv[1:]:
        model = os.path.join(DIR, name)
        exe, a64 = os.path.join(work, name), os.path.join(work, name + ".a64")
        compile_s = best([NNC, os.path.join(model, "model.onnx"), "-o", exe], 1)
        a64_s = best([NNC, os.path.join(model, "model.onnx"), "--target=aarch64", "-o", a64], 1)
        startup = best([exe, "--help"], 10)
        run = best([exe, "--input=" + os.path.join(model, "input_0.npy"),
                    "--output-dir=" + os.path.join(work, "out")], 3)
        print(f"{name:<12} {compile_s:9.2f} {a64_s:13.2f} {os.path.getsize(exe):10d} "
              f"{os.path.getsize(a64):10d} {startup * 1e3:10.2f} {run * 1e3:9.2f}", flush=True)
PY
