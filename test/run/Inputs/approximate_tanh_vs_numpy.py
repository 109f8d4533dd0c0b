"""approximate_tanh_vs_numpy.py NN_RUN DIR: nn.tanh through nn-run's CPU
pipeline (nn-cpu-approximate-math: a polynomial instead of libm's tanhf)
against numpy's float64 tanh over [-20, 20] and special values. Prints
`ok tanh` or the error and exits 1."""
import os
import subprocess
import sys

import numpy as np

nn_run, out_dir = sys.argv[1], sys.argv[2]
os.makedirs(out_dir, exist_ok=True)
special = [0.0, -0.0, 1e-30, -1e-30, 3e-4, 4e-4, 5e-4, 7.99, 8.0, 9.0,
           np.inf, -np.inf]
x = np.concatenate([np.linspace(-20, 20, 100001),
                    np.float32(special)]).astype("f4").reshape(1, -1)
n = x.shape[1]
with open(os.path.join(out_dir, "m.mlir"), "w") as f:
    f.write(f"func.func @main(%x: tensor<1x{n}xf32>) -> tensor<1x{n}xf32> {{\n"
            f"  %0 = nn.tanh %x : tensor<1x{n}xf32>\n"
            f"  return %0 : tensor<1x{n}xf32>\n}}\n")
np.save(os.path.join(out_dir, "x.npy"), x)
subprocess.run([nn_run, os.path.join(out_dir, "m.mlir"),
                f"--input={os.path.join(out_dir, 'x.npy')}",
                f"--output-dir={out_dir}"], check=True,
               stdout=subprocess.DEVNULL)
got = np.load(os.path.join(out_dir, "output_0.npy"))
want = np.tanh(x.astype("f8"))
err = float(np.abs(got - want).max())
# A few float32 ulps of 1 (6e-8 each); libm's tanhf is within 1.
if err > 5e-7:
    sys.exit(f"tanh: max abs error {err}")
zeros = got[0, -len(special):][:2]
if not np.array_equal(np.signbit(zeros), [False, True]) or zeros.any():
    sys.exit(f"tanh: tanh(0), tanh(-0) = {zeros}")
print("ok tanh")
