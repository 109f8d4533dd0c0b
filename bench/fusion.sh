#!/usr/bin/env bash
# Fusion on vs off for the PyTorch model set (scripts/export-models.py): for
# each model, compiles and runs it with nn-run twice, with the default
# pipeline and with --no-fusion, and prints side by side
#   kernels     loop nests of the bufferized program (nn-run --stats)
#   bytes       intermediate buffer bytes (memref.alloc/alloca, --stats)
#   median_ms   median run time over N runs (--benchmark=N)
# plus the ratios unfused / fused. median_ms is the median over R interleaved
# rounds (fused, unfused, fused, ...) of each run's median, so load that
# comes and goes on a shared machine hits both sides alike; compare numbers
# within one run of this script.
# Usage: bench/fusion.sh [-n N] [-r R] [--dir DIR] [NAME...]
#   N defaults to 20, R to 1; DIR to build/models (missing models are
#   exported, which needs torch for /usr/bin/python3); NAMEs default to every
#   model. NN_BUILD_DIR picks the build whose bin/nn-run is measured;
#   NN_RUN_FLAGS adds nn-run flags to every run, e.g. "--threads=1
#   --cpu-clock" (one thread, timed by its CPU time: other load on the
#   machine does not count).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=20
rounds=1
dir=$root/build/models
while [[ $# -gt 0 ]]; do
  case $1 in
  -n) runs=$2; shift 2 ;;
  -r) rounds=$2; shift 2 ;;
  --dir) dir=$2; shift 2 ;;
  *) break ;;
  esac
done
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

export NN_RUN=${NN_BUILD_DIR:-$root/build}/bin/nn-run MODELS_DIR=$dir RUNS=$runs ROUNDS=$rounds
export NN_RUN_FLAGS=${NN_RUN_FLAGS:-}
exec /usr/bin/python3 - "${names[@]}" <<'PY'
import os, re, subprocess, sys

NN_RUN, DIR, RUNS = os.environ["NN_RUN"], os.environ["MODELS_DIR"], os.environ["RUNS"]
ROUNDS, FLAGS = int(os.environ["ROUNDS"]), os.environ["NN_RUN_FLAGS"].split()


def measure(name, extra):
    """(kernels, bytes, median_ms) of one nn-run, or an error string."""
    model = os.path.join(DIR, name)
    cmd = [NN_RUN, os.path.join(model, "model.onnx"),
           "--input=" + os.path.join(model, "input_0.npy"),
           "--stats", f"--benchmark={RUNS}"] + FLAGS + extra
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=1200)
    if p.returncode != 0:
        return (p.stderr.strip().splitlines() or ["nn-run failed"])[0]
    k = re.search(r"kernels=(\d+) buffers_bytes=(\d+)", p.stdout)
    t = re.search(r"median_ms=([0-9.]+)", p.stdout)
    return int(k.group(1)), int(k.group(2)), float(t.group(1))


def median_of(results):
    """Kernels and bytes of the first round, the median of the rounds' times."""
    times = sorted(r[2] for r in results)
    return results[0][0], results[0][1], times[len(times) // 2]


def ratio(a, b):
    return f"{a / b:.2f}x" if b else "-"


print(f"{'model':<12} {'kernels':>15} {'intermediate bytes':>25} {'median_ms':>21}"
      f"   unfused/fused: kernels bytes time")
print(f"{'':<12} {'fused':>7} {'unfused':>7} {'fused':>12} {'unfused':>12} "
      f"{'fused':>10} {'unfused':>10}")
failed = 0
for name in sys.argv[1:]:
    fused, unfused = [], []
    for _ in range(ROUNDS):
        fused.append(measure(name, []))
        unfused.append(measure(name, ["--no-fusion"]))
    errors = [r for r in fused + unfused if isinstance(r, str)]
    fused = errors[0] if errors else median_of(fused)
    unfused = errors[0] if errors else median_of(unfused)
    if isinstance(fused, str) or isinstance(unfused, str):
        failed += 1
        print(f"{name:<12} error: {fused if isinstance(fused, str) else unfused}", flush=True)
        continue
    print(f"{name:<12} {fused[0]:>7} {unfused[0]:>7} {fused[1]:>12} {unfused[1]:>12} "
          f"{fused[2]:>10.3f} {unfused[2]:>10.3f}   "
          f"{ratio(unfused[0], fused[0]):>7} {ratio(unfused[1], fused[1]):>6} "
          f"{ratio(unfused[2], fused[2]):>6}", flush=True)
sys.exit(1 if failed else 0)
PY
