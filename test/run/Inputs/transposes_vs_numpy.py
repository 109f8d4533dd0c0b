"""transposes_vs_numpy.py NN_RUN DIR: nn.transpose through nn-run's CPU
pipeline (nn-cpu-vectorize-transposes: 16x16 register blocks when the
innermost dim moves) against numpy's transpose, which must match exactly:
attention's K^T ([128, 4, 64] -> [4, 64, 128]), a 2-D [48, 32], a 4-D
[2, 32, 3, 16] -> [2, 3, 16, 32], a side of 20 and MobileNetV2's [160, 49]
and a [49, 37] (partial blocks, masked), the inner dim kept (left as loops);
and one that only moves unit dims (a reshape). Prints `ok <name>` per case, or the error and
exits 1."""
import os
import subprocess
import sys

import numpy as np

nn_run, out_dir = sys.argv[1], sys.argv[2]


def ty(shape):
    return "tensor<" + "x".join(map(str, shape)) + "xf32>"


cases = {"k_transposed": ((128, 4, 64), (1, 2, 0)),
         "matrix": ((48, 32), (1, 0)),
         "rank4": ((2, 32, 3, 16), (0, 2, 3, 1)),
         "inner_kept": ((128, 4, 64), (1, 0, 2)),
         "side_20": ((20, 32), (1, 0)),
         "masked_49x160": ((1, 160, 49), (0, 2, 1)),
         "masked_49x37": ((49, 37), (1, 0)),
         "unit_dims": ((1, 128, 8, 1), (1, 3, 0, 2))}
rng = np.random.default_rng(0)
for name, (shape, perm) in cases.items():
    d = os.path.join(out_dir, name)
    os.makedirs(d, exist_ok=True)
    x = rng.standard_normal(shape).astype("f4")
    want = np.transpose(x, perm)
    with open(os.path.join(d, "m.mlir"), "w") as f:
        f.write(f"func.func @main(%x: {ty(shape)}) -> {ty(want.shape)} {{\n"
                f"  %t = nn.transpose %x {{perm = array<i64: {', '.join(map(str, perm))}>}}"
                f" : {ty(shape)} -> {ty(want.shape)}\n"
                f"  return %t : {ty(want.shape)}\n}}\n")
    np.save(os.path.join(d, "x.npy"), x)
    subprocess.run([nn_run, os.path.join(d, "m.mlir"), f"--input={os.path.join(d, 'x.npy')}",
                    f"--output-dir={d}"], check=True, stdout=subprocess.DEVNULL)
    got = np.load(os.path.join(d, "output_0.npy"))
    if got.shape != want.shape or not np.array_equal(got, want):
        sys.exit(f"{name}: differs from numpy ({got.shape} vs {want.shape})")
    print(f"ok {name}")
