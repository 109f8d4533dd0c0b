#!/usr/bin/env bash
# Runs every test of the ONNX conformance list through nn-run on its
# test_data_set_0 inputs and compares each output with the expected one
# (numpy + onnx.numpy_helper: rtol 1e-3, atol 1e-4 for floats, exact for
# integers and booleans; shapes and dtypes must match). Prints `PASS name` or
# `FAIL name: <first error line>` per test, then
# `conformance: P of N pass (X%)`.
# Usage: scripts/conformance.sh [LIST] [-j JOBS] [NAME...]
#   LIST defaults to test/onnx/Inputs/public-tests.txt; NAMEs restrict the run
#   to those tests (they need not be in LIST). NN_BUILD_DIR picks the build;
#   NN_RUN_FLAGS adds nn-run flags (e.g. --target=vulkan).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export NN_RUN=${NN_BUILD_DIR:-$root/build}/bin/nn-run
export NN_DEFAULT_LIST=$root/test/onnx/Inputs/public-tests.txt
exec /usr/bin/python3 - "$@" <<'PY'
import concurrent.futures, glob, os, re, subprocess, sys, tempfile

import numpy as np
import onnx
from onnx import numpy_helper

DATA = "/usr/share/libonnx-testdata/data"
args = sys.argv[1:]
jobs = 2
if "-j" in args:
    at = args.index("-j")
    jobs = int(args[at + 1])
    del args[at:at + 2]
list_path = os.environ["NN_DEFAULT_LIST"]
if args and os.path.isfile(args[0]):
    list_path = args.pop(0)
if args:
    names = args
else:
    names = [l.strip() for l in open(list_path) if l.strip() and not l.startswith("#")]


def numbered(directory, prefix):
    files = glob.glob(os.path.join(directory, prefix + "_*.pb"))
    return sorted(files, key=lambda f: int(re.search(r"_(\d+)\.pb$", f).group(1)))


def compare(got, want):
    if got.shape != want.shape:
        return f"shape {list(got.shape)} != expected {list(want.shape)}"
    if got.dtype != want.dtype:
        return f"dtype {got.dtype} != expected {want.dtype}"
    if np.issubdtype(want.dtype, np.floating):
        same = np.isclose(got, want, rtol=1e-3, atol=1e-4, equal_nan=True)
    else:
        same = got == want
    if not same.all():
        i = tuple(np.argwhere(~same)[0])
        return f"at {i}: got {got[i]}, expected {want[i]} ({(~same).sum()} of {same.size} differ)"
    return None


def run(name):
    models = glob.glob(os.path.join(DATA, "*", name, "model.onnx"))
    if not models:
        return "model not found"
    test_dir = os.path.dirname(models[0])
    data = os.path.join(test_dir, "test_data_set_0")
    inputs, outputs = numbered(data, "input"), numbered(data, "output")
    with tempfile.TemporaryDirectory() as out:
        cmd = [os.environ["NN_RUN"], models[0], f"--output-dir={out}"]
        cmd += os.environ.get("NN_RUN_FLAGS", "").split()
        cmd += [f"--input={f}" for f in inputs]
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            return "nn-run timed out (120 s)"
        if p.returncode != 0:
            lines = [l for l in p.stderr.splitlines() if l.strip()]
            first = next((l for l in lines if l.startswith("error:")), lines[0] if lines else "")
            return f"nn-run exit {p.returncode}: {first}"
        for k, expected in enumerate(outputs):
            tensor = onnx.TensorProto()
            with open(expected, "rb") as f:
                tensor.ParseFromString(f.read())
            try:
                want = numpy_helper.to_array(tensor)
            except Exception as e:  # sequences, optionals, strings
                return f"output {k}: cannot read the expected tensor ({e})"
            got_path = os.path.join(out, f"output_{k}.npy")
            if not os.path.exists(got_path):
                return f"output {k}: not produced"
            problem = compare(np.load(got_path), want)
            if problem:
                return f"output {k}: {problem}"
    return None


passed = 0
with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
    for name, problem in zip(names, pool.map(run, names)):
        if problem is None:
            passed += 1
            print(f"PASS {name}", flush=True)
        else:
            print(f"FAIL {name}: {problem}", flush=True)
total = len(names)
print(f"conformance: {passed} of {total} pass ({100.0 * passed / max(total, 1):.1f}%)")
PY
