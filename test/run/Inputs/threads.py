"""Writes the model and inputs of threads.test, or checks outputs vs numpy."""
import sys
import numpy as np

MODEL = """func.func @main(%a: tensor<192x512xf32>, %b: tensor<512x512xf32>,
                 %x: tensor<4x96x64xf32>, %y: tensor<4x64x80xf32>)
    -> (tensor<192x512xf32>, tensor<4x96x80xf32>, tensor<192x512xf32>) {
  %c = nn.matmul %a, %b : (tensor<192x512xf32>, tensor<512x512xf32>) -> tensor<192x512xf32>
  %z = nn.matmul %x, %y : (tensor<4x96x64xf32>, tensor<4x64x80xf32>) -> tensor<4x96x80xf32>
  %t = nn.tanh %c : tensor<192x512xf32>
  %s = nn.softmax %t {axis = 1 : i64} : tensor<192x512xf32> -> tensor<192x512xf32>
  return %c, %z, %s : tensor<192x512xf32>, tensor<4x96x80xf32>, tensor<192x512xf32>
}
"""


def inputs():
    rng = np.random.default_rng(7)
    shapes = [(192, 512), (512, 512), (4, 96, 64), (4, 64, 80)]
    return [rng.uniform(-1, 1, s).astype(np.float32) for s in shapes]


def main():
    mode, out = sys.argv[1], sys.argv[2]
    a, b, x, y = inputs()
    if mode == "write":
        open(f"{out}/model.mlir", "w").write(MODEL)
        for name, v in zip("abxy", (a, b, x, y)):
            np.save(f"{out}/{name}.npy", v)
        return
    c = a.astype(np.float64) @ b.astype(np.float64)
    z = x.astype(np.float64) @ y.astype(np.float64)
    t = np.tanh(c)
    e = np.exp(t - t.max(axis=1, keepdims=True))
    s = e / e.sum(axis=1, keepdims=True)
    for run in sys.argv[3:]:
        got = [np.load(f"{out}/{run}/output_{i}.npy") for i in range(3)]
        ok = all(np.allclose(g, r, rtol=1e-4, atol=1e-4) for g, r in zip(got, (c, z, s)))
        print(f"{run}: {'ok' if ok else 'MISMATCH'}")


main()
