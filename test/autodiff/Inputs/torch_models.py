"""Writes a PyTorch model as an nn-dialect @forward(inputs..., params...) -> loss
with the same random weights and data, plus PyTorch's gradients (float64) of
the loss with respect to every parameter; `compare` checks nnc's gradients.

  torch_models.py write MODEL DIR      -> DIR/model.mlir, DIR/in_*.npy, DIR/ref_*.npy
  torch_models.py compare DIR OUTDIR  -> "ok MODEL: N gradients, max rel error E"

nnc's side: nn-opt --nn-autodiff (seeded with ones) then nn-run, in float32.
The relative error of a gradient is max|nnc - torch| / max|torch|.
"""
import os
import sys

import numpy as np
import torch

torch.manual_seed(0)
F32 = "f32"


def t(shape, dtype=F32):
    return "tensor<" + "x".join(str(d) for d in shape) + ("x" if shape else "") + dtype + ">"


class Emitter:
    def __init__(self):
        self.lines, self.n = [], 0

    def op(self, text, shape, dtype=F32):
        name = f"%v{self.n}"
        self.n += 1
        self.lines.append(f"  {name} = {text.replace('$R', t(shape, dtype))}")
        return name, list(shape)

    def linear(self, x, w, b):
        """x [.., in] @ w[out, in]^T + b[out] (torch Linear)."""
        (xv, xs), (wv, ws), (bv, bs) = x, w, b
        wt = self.op(f"nn.transpose {wv} {{perm = array<i64: 1, 0>}} : {t(ws)} -> $R", ws[::-1])
        y = self.op(f"nn.matmul {xv}, {wt[0]} : ({t(xs)}, {t(wt[1])}) -> $R", xs[:-1] + [ws[0]])
        return self.binary("add", y, b)

    def binary(self, op, a, b):
        shape = list(np.broadcast_shapes(tuple(a[1]), tuple(b[1])))
        return self.op(f"nn.{op} {a[0]}, {b[0]} : ({t(a[1])}, {t(b[1])}) -> $R", shape)

    def unary(self, op, a):
        return self.op(f"nn.{op} {a[0]} : $R", a[1])


def mlp():
    m = torch.nn.Sequential(torch.nn.Linear(20, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10))
    x, y = torch.randn(8, 20), torch.randint(0, 10, (8,))
    e = Emitter()
    args = [("x", x), ("labels", y)] + [("p_" + n.replace(".", "_"), p) for n, p in m.named_parameters()]
    v = {n: (f"%{n}", list(a.shape)) for n, a in args}
    h = e.unary("relu", e.linear(v["x"], v["p_0_weight"], v["p_0_bias"]))
    z = e.linear(h, v["p_2_weight"], v["p_2_bias"])
    loss = e.op(f"nn.softmax_cross_entropy {z[0]}, %labels : ({t(z[1])}, {t([8], 'i64')}) -> $R", [])
    return m, args, e, loss, lambda mm: torch.nn.functional.cross_entropy(mm(x.double()), y)


def cnn():
    m = torch.nn.Sequential(
        torch.nn.Conv2d(1, 6, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(6, 8, 3, padding=1), torch.nn.ReLU(), torch.nn.AvgPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(72, 10))
    x, y = torch.randn(4, 1, 12, 12), torch.randint(0, 10, (4,))
    e = Emitter()
    args = [("x", x), ("labels", y)] + [("p_" + n.replace(".", "_"), p) for n, p in m.named_parameters()]
    v = {n: (f"%{n}", list(a.shape)) for n, a in args}

    def conv(a, w, b, out):
        return e.op(f"nn.conv {a[0]}, {w[0]}, {b[0]} {{pads = array<i64: 1, 1, 1, 1>}} : "
                    f"({t(a[1])}, {t(w[1])}, {t(b[1])}) -> $R", out)

    h = e.unary("relu", conv(v["x"], v["p_0_weight"], v["p_0_bias"], [4, 6, 12, 12]))
    h = e.op(f"nn.max_pool {h[0]} {{kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}} : {t(h[1])} -> $R", [4, 6, 6, 6])
    h = e.unary("relu", conv(h, v["p_3_weight"], v["p_3_bias"], [4, 8, 6, 6]))
    h = e.op(f"nn.avg_pool {h[0]} {{kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}} : {t(h[1])} -> $R", [4, 8, 3, 3])
    h = e.op(f"nn.reshape {h[0]} : {t(h[1])} -> $R", [4, 72])
    z = e.linear(h, v["p_7_weight"], v["p_7_bias"])
    loss = e.op(f"nn.softmax_cross_entropy {z[0]}, %labels : ({t(z[1])}, {t([4], 'i64')}) -> $R", [])
    return m, args, e, loss, lambda mm: torch.nn.functional.cross_entropy(mm(x.double()), y)


def transformer():
    B, S, D, H, FF = 2, 5, 16, 2, 32
    m = torch.nn.TransformerEncoderLayer(D, H, FF, dropout=0.0, batch_first=True)
    x, target = torch.randn(B, S, D), torch.randn(B, S, D)
    e = Emitter()
    args = [("x", x), ("target", target)] + [("p_" + n.replace(".", "_"), p) for n, p in m.named_parameters()]
    v = {n: (f"%{n}", list(a.shape)) for n, a in args}
    qkv = e.linear(v["x"], v["p_self_attn_in_proj_weight"], v["p_self_attn_in_proj_bias"])
    names = [f"%q{i}" for i in range(3)]
    e.lines.append(f"  {', '.join(names)} = nn.split {qkv[0]} {{axis = 2 : i64, sizes = array<i64: {D}, {D}, {D}>}} : "
                   f"{t(qkv[1])} -> {t([B, S, D])}, {t([B, S, D])}, {t([B, S, D])}")
    heads = []
    for n in names:
        r = e.op(f"nn.reshape {n} : {t([B, S, D])} -> $R", [B, S, H, D // H])
        heads.append(e.op(f"nn.transpose {r[0]} {{perm = array<i64: 0, 2, 1, 3>}} : {t(r[1])} -> $R", [B, H, S, D // H]))
    q, k, vv = heads
    kt = e.op(f"nn.transpose {k[0]} {{perm = array<i64: 0, 1, 3, 2>}} : {t(k[1])} -> $R", [B, H, D // H, S])
    s = e.op(f"nn.matmul {q[0]}, {kt[0]} : ({t(q[1])}, {t(kt[1])}) -> $R", [B, H, S, S])
    c = e.op(f"nn.constant dense<{1 / np.sqrt(D // H):.9e}> : $R", [])
    s = e.binary("mul", s, c)
    p = e.op(f"nn.softmax {s[0]} : {t(s[1])} -> $R", s[1])
    o = e.op(f"nn.matmul {p[0]}, {vv[0]} : ({t(p[1])}, {t(vv[1])}) -> $R", [B, H, S, D // H])
    o = e.op(f"nn.transpose {o[0]} {{perm = array<i64: 0, 2, 1, 3>}} : {t(o[1])} -> $R", [B, S, H, D // H])
    o = e.op(f"nn.reshape {o[0]} : {t(o[1])} -> $R", [B, S, D])
    a = e.linear(o, v["p_self_attn_out_proj_weight"], v["p_self_attn_out_proj_bias"])

    def norm(x, g, b):
        return e.op(f"nn.layer_norm {x[0]}, {g[0]}, {b[0]} : ({t(x[1])}, {t(g[1])}, {t(b[1])}) -> $R", x[1])

    x1 = norm(e.binary("add", v["x"], a), v["p_norm1_weight"], v["p_norm1_bias"])
    f = e.linear(e.unary("relu", e.linear(x1, v["p_linear1_weight"], v["p_linear1_bias"])),
                 v["p_linear2_weight"], v["p_linear2_bias"])
    x2 = norm(e.binary("add", x1, f), v["p_norm2_weight"], v["p_norm2_bias"])
    loss = e.op(f"nn.mse {x2[0]}, %target : ({t(x2[1])}, {t(x2[1])}) -> $R", [])
    m.eval()  # no dropout; the fast path is off while grads are required
    return m, args, e, loss, lambda mm: torch.nn.functional.mse_loss(mm(x.double()), target.double())


MODELS = {"mlp": mlp, "cnn": cnn, "transformer": transformer}


def write(name, out):
    os.makedirs(out, exist_ok=True)
    m, args, e, loss, torch_loss = MODELS[name]()
    sig = ", ".join(f"%{n}: {t(list(a.shape), 'i64' if a.dtype == torch.int64 else F32)}" for n, a in args)
    text = f"func.func @forward({sig}) -> tensor<f32> {{\n" + "\n".join(e.lines) + \
        f"\n  return {loss[0]} : tensor<f32>\n}}\n"
    open(os.path.join(out, "model.mlir"), "w").write(text)
    for i, (n, a) in enumerate(args):
        np.save(os.path.join(out, f"in_{i}.npy"), a.detach().numpy())
    md = m.double()
    lossval = torch_loss(md)
    lossval.backward()
    named = {"p_" + k.replace(".", "_"): p for k, p in md.named_parameters()}
    for i, (n, _) in enumerate(args[2:]):
        np.save(os.path.join(out, f"ref_{i}.npy"), named[n].grad.numpy())
    np.save(os.path.join(out, "ref_loss.npy"), lossval.detach().numpy())
    # Gradients with respect to the parameters (arguments 2..).
    open(os.path.join(out, "wrt.txt"), "w").write(",".join(str(i) for i in range(2, len(args))))


def compare(out, outdir):
    worst, n = 0.0, 0
    loss = np.load(os.path.join(outdir, "output_0.npy"))
    ref_loss = np.load(os.path.join(out, "ref_loss.npy"))
    lerr = abs(float(loss) - float(ref_loss)) / max(abs(float(ref_loss)), 1e-30)
    i = 0
    while os.path.exists(os.path.join(out, f"ref_{i}.npy")):
        ref = np.load(os.path.join(out, f"ref_{i}.npy"))
        got = np.load(os.path.join(outdir, f"output_{i + 1}.npy")).astype(np.float64)
        if got.shape != ref.shape:
            print(f"error: gradient {i}: shape {got.shape} vs {ref.shape}")
            return 1
        worst = max(worst, np.abs(got - ref).max() / max(np.abs(ref).max(), 1e-30))
        n, i = n + 1, i + 1
    status = "ok" if worst <= 1e-4 and lerr <= 1e-5 else "error:"
    print(f"{status} {os.path.basename(out)}: {n} gradients, max rel error {worst:.1e}, loss rel error {lerr:.1e}")
    return 0 if status == "ok" else 1


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3])
    else:
        sys.exit(compare(sys.argv[2], sys.argv[3]))
