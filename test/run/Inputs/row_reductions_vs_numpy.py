"""row_reductions_vs_numpy.py NN_RUN DIR: through nn-run's CPU pipeline
(nn-cpu-vectorize-reductions: innermost-loop reductions as vector rows;
nn-cpu-approximate-math: exp as a polynomial) against numpy in float64:
  exp over [-87, 88] (relative error, a few ulps) and IEEE special values;
  softmax over rows of 128 (attention's scores, a fused kernel), 24 (8-lane
  parts), 1000 (chunks of 200) and 20 (left scalar);
  sum / mean / max / min over the last axis, and a sum over an outer axis
  (not a row reduction);
  layer norm over rows of 256 (a transformer's).
Prints `ok <name>` per check, or the error and exits 1."""
import os
import subprocess
import sys

import numpy as np

nn_run, out_dir = sys.argv[1], sys.argv[2]
os.makedirs(out_dir, exist_ok=True)


def run(name, body, inputs, n_out):
    """Runs `body` (the MLIR of @main) on `inputs`; returns the outputs."""
    d = os.path.join(out_dir, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "m.mlir"), "w") as f:
        f.write(body)
    args = [nn_run, os.path.join(d, "m.mlir"), f"--output-dir={d}"]
    for i, x in enumerate(inputs):
        np.save(os.path.join(d, f"x{i}.npy"), x)
        args.append(f"--input={os.path.join(d, f'x{i}.npy')}")
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return [np.load(os.path.join(d, f"output_{k}.npy")) for k in range(n_out)]


def check(name, got, want, tol):
    want = np.asarray(want, "f8")
    err = float(np.abs(got.astype("f8") - want).max() / max(np.abs(want).max(), 1e-30))
    if not np.isfinite(got).all() or err > tol:
        sys.exit(f"{name}: error {err} of max|ref| (limit {tol})")
    print(f"ok {name}")


def ty(shape):
    return "tensor<" + "x".join(map(str, shape)) + "xf32>"


# exp: relative error per element over the float range it does not overflow.
special = np.float32([0.0, -0.0, 1e-30, -1e-30, 1.0, -1.0, 88.0, -87.0])
x = np.concatenate([np.linspace(-87, 88, 200001), special]).astype("f4").reshape(1, -1)
(got,) = run("exp", f"func.func @main(%x: {ty(x.shape)}) -> {ty(x.shape)} {{\n"
             f"  %0 = nn.exp %x : {ty(x.shape)}\n  return %0 : {ty(x.shape)}\n}}\n", [x], 1)
want = np.exp(x.astype("f8"))
rel = float((np.abs(got - want) / want).max())
# libm's expf is within 1 ulp (6e-8 relative); the polynomial a few.
if rel > 5e-7:
    sys.exit(f"exp: max relative error {rel}")
if got[0, -8] != 1.0 or got[0, -7] != 1.0:
    sys.exit(f"exp: exp(0), exp(-0) = {got[0, -8:-6]}")
# IEEE special values: exp(-inf) = 0, exp(inf) = inf, exp(nan) = nan, and
# overflow (x > 88.73) gives inf.
sp = np.float32([-np.inf, np.inf, np.nan, 89.0, 100.0, 0.0, 0.0, 0.0])
(got,) = run("exp_special", "func.func @main(%x: tensor<8xf32>) -> tensor<8xf32> {\n"
             "  %0 = nn.exp %x : tensor<8xf32>\n  return %0 : tensor<8xf32>\n}\n", [sp], 1)
if got[0] != 0 or got[1] != np.inf or not np.isnan(got[2]) or not np.isinf(got[3:5]).all():
    sys.exit(f"exp: special values {sp[:5]} -> {got[:5]}")
print("ok exp")

rng = np.random.default_rng(0)
for shape in [(4, 128, 128), (6, 24), (3, 1000), (5, 20)]:
    x = (rng.standard_normal(shape) * 4).astype("f4")
    (got,) = run(f"softmax_{shape[-1]}",
                 f"func.func @main(%x: {ty(shape)}) -> {ty(shape)} {{\n"
                 f"  %0 = nn.softmax %x {{axis = -1 : i64}} : {ty(shape)} -> {ty(shape)}\n"
                 f"  return %0 : {ty(shape)}\n}}\n", [x], 1)
    e = np.exp(x.astype("f8") - x.max(-1, keepdims=True))
    check(f"softmax_{shape[-1]}", got, e / e.sum(-1, keepdims=True), 5e-6)

x = rng.standard_normal((12, 96)).astype("f4")
kinds = ["sum", "mean", "max", "min"]
body = f"func.func @main(%x: {ty(x.shape)}) -> ({', '.join(['tensor<12xf32>'] * 4)}, tensor<96xf32>) {{\n"
for i, k in enumerate(kinds):
    body += (f"  %{i} = nn.reduce {k} %x {{axes = array<i64: 1>, keepdims = false}}"
             f" : {ty(x.shape)} -> tensor<12xf32>\n")
body += (f"  %4 = nn.reduce sum %x {{axes = array<i64: 0>, keepdims = false}}"
         f" : {ty(x.shape)} -> tensor<96xf32>\n")
body += f"  return %0, %1, %2, %3, %4 : {', '.join(['tensor<12xf32>'] * 4)}, tensor<96xf32>\n}}\n"
outs = run("reduce", body, [x], 5)
x8 = x.astype("f8")
for k, got, want in zip(kinds + ["sum_outer"], outs,
                        [x8.sum(1), x8.mean(1), x8.max(1), x8.min(1), x8.sum(0)]):
    check(f"reduce_{k}", got, want, 1e-6)

x = rng.standard_normal((128, 256)).astype("f4")
g = rng.standard_normal(256).astype("f4")
b = rng.standard_normal(256).astype("f4")
(got,) = run("layer_norm", "func.func @main(%x: tensor<128x256xf32>, %g: tensor<256xf32>, "
             "%b: tensor<256xf32>) -> tensor<128x256xf32> {\n"
             "  %0 = nn.layer_norm %x, %g, %b {axis = -1 : i64, epsilon = 1.0e-05 : f64}"
             " : (tensor<128x256xf32>, tensor<256xf32>, tensor<256xf32>) -> tensor<128x256xf32>\n"
             "  return %0 : tensor<128x256xf32>\n}\n", [x, g, b], 1)
x8 = x.astype("f8")
m = x8.mean(1, keepdims=True)
v = ((x8 - m) ** 2).mean(1, keepdims=True)
check("layer_norm", got, (x8 - m) / np.sqrt(v + 1e-5) * g + b, 1e-5)
