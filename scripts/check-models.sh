#!/usr/bin/env bash
# Runs the PyTorch-exported models of scripts/export-models.py through nn-run
# and compares every output with PyTorch's reference. An element passes when
#   |got - ref| <= ATOL + RTOL * |ref|,   RTOL = 1e-4, ATOL = 1e-5
# (numpy.isclose's rule; ATOL only matters for references near 0), and shapes
# and dtypes must match. Prints one row per model:
#   model  max_abs_err  max_rel_err  compile_ms  PASS|FAIL [reason]
# max_abs_err = max |got - ref|; max_rel_err = max |got - ref| / |ref| over the
# elements with |ref| >= ATOL / RTOL = 0.1, where the relative term dominates;
# both over all outputs. compile_ms comes from the same run, `nn-run
# --output-dir=... --benchmark=1` (one compile per model).
# Exits 1 when any model fails.
# Usage: scripts/check-models.sh [--dir DIR] [NAME...]
#   DIR defaults to build/models; models missing there are exported first (this
#   needs torch for /usr/bin/python3). NAMEs default to every model.
#   NN_BUILD_DIR picks the build whose bin/nn-run runs the models;
#   NN_RUN_FLAGS adds nn-run flags (e.g. --target=vulkan) and NN_MODELS_RTOL
#   replaces RTOL (the Vulkan target is held to 1e-3).
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
  [[ -f $dir/$name/model.onnx && -f $dir/$name/ref_0.npy ]] || missing+=("$name")
done
if [[ ${#missing[@]} != 0 ]]; then
  mkdir -p "$dir"
  /usr/bin/python3 "$root/scripts/export-models.py" "$dir" "${missing[@]}" >"$dir/export.log" 2>&1 ||
    { echo "error: export failed, see $dir/export.log" >&2; exit 1; }
fi

export NN_RUN=${NN_BUILD_DIR:-$root/build}/bin/nn-run MODELS_DIR=$dir
exec /usr/bin/python3 - "${names[@]}" <<'PY'
import glob, os, re, subprocess, sys, tempfile

import numpy as np

RTOL = float(os.environ.get("NN_MODELS_RTOL", "1e-4"))
ATOL = RTOL / 10
NN_RUN, DIR = os.environ["NN_RUN"], os.environ["MODELS_DIR"]


def nn_run(args):
    args = args + os.environ.get("NN_RUN_FLAGS", "").split()
    p = subprocess.run([NN_RUN] + args, capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        lines = [l for l in p.stderr.splitlines() if l.strip()]
        first = next((l for l in lines if l.startswith("error:")), lines[0] if lines else "")
        raise RuntimeError(f"nn-run exit {p.returncode}: {first}")
    return p.stdout


def check(name):
    """Returns (max_abs, max_rel, compile_ms, problem or None)."""
    model = os.path.join(DIR, name)
    refs = sorted(glob.glob(os.path.join(model, "ref_*.npy")),
                  key=lambda f: int(re.search(r"_(\d+)\.npy$", f).group(1)))
    args = [os.path.join(model, "model.onnx"), "--input=" + os.path.join(model, "input_0.npy")]
    max_abs = max_rel = 0.0
    compile_ms = None
    try:
        with tempfile.TemporaryDirectory() as out:
            # One compile: --benchmark=1 still writes the outputs to --output-dir.
            bench = nn_run(args + [f"--output-dir={out}", "--benchmark=1"])
            m = re.search(r"compile_ms=([0-9.]+)", bench)
            compile_ms = float(m.group(1)) if m else None
            problem = None
            for k, ref in enumerate(refs):
                want = np.load(ref)
                got_path = os.path.join(out, f"output_{k}.npy")
                if not os.path.exists(got_path):
                    problem = problem or f"output {k}: not produced"
                    continue
                got = np.load(got_path)
                if got.shape != want.shape or got.dtype != want.dtype:
                    problem = problem or (f"output {k}: {got.dtype}{list(got.shape)} != "
                                          f"expected {want.dtype}{list(want.shape)}")
                    continue
                err = np.abs(got.astype(np.float64) - want.astype(np.float64))
                max_abs = max(max_abs, float(np.nan_to_num(err, nan=np.inf).max(initial=0)))
                big = np.abs(want) >= ATOL / RTOL
                if big.any():
                    rel = err[big] / np.abs(want[big].astype(np.float64))
                    max_rel = max(max_rel, float(np.nan_to_num(rel, nan=np.inf).max()))
                bad = ~np.isclose(got, want, rtol=RTOL, atol=ATOL)
                if bad.any():
                    i = tuple(np.argwhere(bad)[0])
                    problem = problem or (f"output {k} at {i}: got {got[i]}, expected {want[i]} "
                                          f"({bad.sum()} of {bad.size} differ)")
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        return None, None, compile_ms, str(e)
    return max_abs, max_rel, compile_ms, problem


def fmt(v, spec):
    return format("-" if v is None else format(v, spec), ">" + spec.split(".")[0])


print(f"{'model':<12} {'max_abs_err':>11} {'max_rel_err':>11} {'compile_ms':>10}  result", flush=True)
failed = 0
for name in sys.argv[1:]:
    max_abs, max_rel, compile_ms, problem = check(name)
    failed += problem is not None
    verdict = "PASS" if problem is None else f"FAIL {problem}"
    print(f"{name:<12} {fmt(max_abs, '11.3e')} {fmt(max_rel, '11.3e')} "
          f"{fmt(compile_ms, '10.1f')}  {verdict}", flush=True)
print(f"models: {len(sys.argv) - 1 - failed} of {len(sys.argv) - 1} pass")
sys.exit(1 if failed else 0)
PY
