"""Writes rnn.mlir (an nn.rnn with a runtime initial_h), its inputs and the
numpy reference of its final state: H_t = tanh(X_t W^T + H_{t-1} R^T)."""
import sys
import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(3)
x = rng.uniform(-1, 1, (4, 2, 3)).astype(np.float32)
h0 = rng.uniform(-1, 1, (1, 2, 5)).astype(np.float32)
w = rng.uniform(-0.5, 0.5, (1, 5, 3)).astype(np.float32)
r = rng.uniform(-0.5, 0.5, (1, 5, 5)).astype(np.float32)
h = h0[0].astype(np.float64)
for t in range(4):
    h = np.tanh(x[t] @ w[0].T.astype(np.float64) + h @ r[0].T.astype(np.float64))
np.save(f"{out}/x.npy", x)
np.save(f"{out}/h0.npy", h0)
np.save(f"{out}/y_h.npy", h[None].astype(np.float32))


def dense(a):
    return "dense<" + np.array2string(a, separator=", ", threshold=10**6,
                                      floatmode="unique").replace("\n", "") + ">"


open(f"{out}/rnn.mlir", "w").write(f"""func.func @main(%x: tensor<4x2x3xf32>, %h0: tensor<1x2x5xf32>) -> tensor<1x2x5xf32> {{
  %w = nn.constant {dense(w)} : tensor<1x5x3xf32>
  %r = nn.constant {dense(r)} : tensor<1x5x5xf32>
  %y, %y_h = nn.rnn %x, %w, %r initial_h(%h0) {{hidden_size = 5 : i64}}
      : (tensor<4x2x3xf32>, tensor<1x5x3xf32>, tensor<1x5x5xf32>, tensor<1x2x5xf32>)
      -> (tensor<4x1x2x5xf32>, tensor<1x2x5xf32>)
  return %y_h : tensor<1x2x5xf32>
}}
""")
