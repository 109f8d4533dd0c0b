"""Compiles PyTorch-exported models (scripts/export-models.py) with nnc and
checks what the compiled code computes against PyTorch's reference outputs:
|got - ref| <= 1e-5 + 1e-4 |ref| per element (scripts/check-models.sh).

usage: aot_models.py NNC MODELS_DIR WORK_DIR MODE NAME...
  MODE exe      nnc --emit=exe (host), run it
       aarch64  nnc --target=aarch64, run it under qemu-aarch64; also build
                the host executable and require both to agree within the
                same tolerance
Prints `NAME MODE PASS` or `NAME MODE FAIL reason` per model, exits 1 on any
failure."""
import glob
import os
import subprocess
import sys

import numpy as np

NNC, MODELS, WORK, MODE = sys.argv[1:5]
NAMES = sys.argv[5:]
RTOL, ATOL = 1e-4, 1e-5


def run(args):
    p = subprocess.run(args, capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise RuntimeError(f"{os.path.basename(args[0])} exit {p.returncode}: "
                           f"{p.stderr.strip().splitlines()[:1]}")


def outputs(name, target):
    """Compiles model `name` for `target`, runs it, returns its outputs."""
    model = os.path.join(MODELS, name)
    exe = os.path.join(WORK, f"{name}.{target}")
    out = os.path.join(WORK, f"{name}.{target}.out")
    flags = [] if target == "host" else ["--target=aarch64"]
    run([NNC, os.path.join(model, "model.onnx"), "-o", exe] + flags)
    runner = [] if target == "host" else ["qemu-aarch64"]
    run(runner + [exe, "--input=" + os.path.join(model, "input_0.npy"),
                  "--output-dir=" + out])
    return [np.load(f) for f in sorted(glob.glob(os.path.join(out, "output_*.npy")),
                                       key=lambda f: int(f.rsplit("_", 1)[1][:-4]))]


def differ(got, want, what):
    if len(got) != len(want):
        return f"{what}: {len(got)} outputs, expected {len(want)}"
    for k, (g, w) in enumerate(zip(got, want)):
        if g.shape != w.shape or g.dtype != w.dtype:
            return f"{what} {k}: {g.dtype}{list(g.shape)} != {w.dtype}{list(w.shape)}"
        bad = ~np.isclose(g, w, rtol=RTOL, atol=ATOL)
        if bad.any():
            i = tuple(np.argwhere(bad)[0])
            return f"{what} {k} at {i}: {g[i]} vs {w[i]}"
    return None


os.makedirs(WORK, exist_ok=True)
failed = 0
for name in NAMES:
    refs = [np.load(f) for f in sorted(glob.glob(os.path.join(MODELS, name, "ref_*.npy")),
                                       key=lambda f: int(f.rsplit("_", 1)[1][:-4]))]
    try:
        host = outputs(name, "host")
        problem = differ(host, refs, "output")
        if MODE == "aarch64" and not problem:
            arm = outputs(name, "aarch64")
            problem = differ(arm, refs, "output") or differ(arm, host, "aarch64 vs x86 output")
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        problem = str(e)
    failed += problem is not None
    print(f"{name} {MODE} " + ("PASS" if problem is None else f"FAIL {problem}"), flush=True)
sys.exit(1 if failed else 0)
