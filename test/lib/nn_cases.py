"""Shared by the PyTorch/numpy comparison scripts of test/run and test/vulkan
(imported from their Inputs/ folders): write a one-function .mlir, run it
through nn-run on .npy inputs, compare its output with a reference computed
by PyTorch or numpy (never by nnc)."""
import os
import subprocess
import sys

import numpy as np


def ty(shape):
    """The MLIR tensor type of an f32 array shape (or of an array)."""
    if hasattr(shape, "shape"):
        shape = shape.shape
    return "tensor<" + "x".join(str(d) for d in shape) + "xf32>"


def single_op(op, args, result, attr=""):
    """`func.func @main` applying `op` to one argument per array of `args`."""
    params = ", ".join(f"%a{i}: {ty(a)}" for i, a in enumerate(args))
    operands = ", ".join(f"%a{i}" for i in range(len(args)))
    types = ", ".join(ty(a) for a in args)
    return (f"func.func @main({params}) -> {ty(result)} {{\n"
            f"  %0 = {op} {operands} {attr} : ({types}) -> {ty(result)}\n"
            f"  return %0 : {ty(result)}\n}}\n")


def run(nn_run, path, mlir, args, flags=()):
    """Writes `mlir` and `args` (in0.npy, ...) under `path`, runs nn-run on
    them with `flags`, returns output_0 and the module's path."""
    os.makedirs(path, exist_ok=True)
    module = os.path.join(path, "m.mlir")
    with open(module, "w") as fh:
        fh.write(mlir)
    cmd = [nn_run, module, f"--output-dir={path}", *flags]
    for i, a in enumerate(args):
        np.save(os.path.join(path, f"in{i}.npy"), a)
        cmd.append(f"--input={os.path.join(path, f'in{i}.npy')}")
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return np.load(os.path.join(path, "output_0.npy")), module


def expect_close(name, got, want, rtol=1e-4, atol=1e-4, scaled=True):
    """Exits with the max error unless `got` matches `want`; `atol` is
    relative to max|want| (at least 1) when `scaled`."""
    scale = max(1.0, float(np.abs(want).max())) if scaled else 1.0
    if got.shape != want.shape or not np.allclose(got, want, rtol=rtol,
                                                  atol=atol * scale):
        sys.exit(f"{name}: mismatch, max error "
                 f"{np.abs(got - want).max() if got.shape == want.shape else got.shape}")
