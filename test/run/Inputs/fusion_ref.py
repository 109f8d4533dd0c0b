"""Inputs and numpy reference for test/run/fusion.mlir.

fusion_ref.py DIR             writes DIR/{x,w,b,r}.npy (seeded)
fusion_ref.py DIR OUT...      compares OUT/output_<i>.npy with numpy
"""
import os
import sys

import numpy as np

d = sys.argv[1]
if len(sys.argv) == 2:
    g = np.random.RandomState(7)
    np.save(os.path.join(d, "x.npy"), g.randn(8, 4).astype("f4"))
    np.save(os.path.join(d, "w.npy"), (g.randn(4, 512) * 0.5).astype("f4"))
    np.save(os.path.join(d, "b.npy"), g.randn(512).astype("f4"))
    np.save(os.path.join(d, "r.npy"), g.randn(8, 512).astype("f4"))
    sys.exit(0)

x, w, b, r = (np.load(os.path.join(d, n + ".npy")).astype("f8") for n in "xwbr")
z = np.maximum(x @ w + b, 0) + r
s = np.exp(z - z.max(-1, keepdims=True))
s /= s.sum(-1, keepdims=True)
t2 = np.tanh(np.exp(r) * b)
wq = np.arange(1, 17).reshape(4, 4) / 10
wk = wq * np.array([[-1, 1, -1, 1], [1, -1, 1, -1]] * 2)
wv = np.hstack([np.eye(4)[:, :3], np.full((4, 1), 0.5)])
o = (x @ wq) * (x @ wk) + x @ wv
for out in sys.argv[2:]:
    for i, want in enumerate([s, t2, o]):
        got = np.load(os.path.join(out, f"output_{i}.npy"))
        if got.shape != want.shape or not np.allclose(got, want, rtol=1e-4, atol=1e-5):
            print(f"{os.path.basename(out)}: output {i} differs, max err {np.abs(got - want).max()}")
            sys.exit(1)
    print(f"{os.path.basename(out)}: 3 outputs match numpy")
