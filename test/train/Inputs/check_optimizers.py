"""Runs nn.sgd_update / nn.adam_update through nn-run for three steps (state
fed back by this script, as nn-train does) and compares every result with the
update rules written in numpy (float64) and, when PyTorch is present, with
torch.optim itself. Prints one `ok <case>` line per case; exits 1 on a
mismatch.

Usage: check_optimizers.py NN_RUN WORKDIR
"""
import os
import subprocess
import sys

import numpy as np

nn_run, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
rng = np.random.default_rng(7)
shape = (3, 5)
ty = "tensor<3x5xf32>"
p0 = rng.standard_normal(shape).astype(np.float32)
grads = [rng.standard_normal(shape).astype(np.float32) for _ in range(3)]


def run(name, attrs, inputs, nresults):
    """One nn-run of a single update op; returns its results."""
    args = ", ".join(f"%a{i}: {'tensor<f32>' if a.ndim == 0 else ty}"
                     for i, a in enumerate(inputs))
    ops = ", ".join(f"%a{i}" for i in range(len(inputs)))
    in_types = ", ".join("tensor<f32>" if a.ndim == 0 else ty for a in inputs)
    res = ", ".join([ty] * nresults)
    src = (f"func.func @main({args}) -> ({res}) {{\n"
           f"  %r:{nresults} = nn.{name} {ops} {{{attrs}}} : ({in_types}) -> ({res})\n"
           f"  return " + ", ".join(f"%r#{i}" for i in range(nresults)) +
           f" : {res}\n}}\n")
    model = os.path.join(work, "model.mlir")
    with open(model, "w") as f:
        f.write(src)
    cmd = [nn_run, model, f"--output-dir={work}"]
    for i, a in enumerate(inputs):
        path = os.path.join(work, f"in{i}.npy")
        np.save(path, a)
        cmd.append(f"--input={path}")
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return [np.load(os.path.join(work, f"output_{i}.npy")) for i in range(nresults)]


def sgd_ref(p, g, v, lr, momentum, wd, nesterov):
    g = g + wd * p
    if momentum:
        v = momentum * v + g
        d = g + momentum * v if nesterov else v
    else:
        v, d = g, g
    return p - lr * d, v


def adam_ref(p, g, m, v, t, lr, b1, b2, eps, wd, decoupled):
    if decoupled:
        p = p * (1 - lr * wd)
    else:
        g = g + wd * p
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    denom = np.sqrt(v) / np.sqrt(1 - b2**t) + eps
    return p - lr / (1 - b1**t) * m / denom, m, v


try:
    import torch
except ImportError:
    torch = None


def torch_run(make_opt):
    """The parameter after each step of a torch optimizer on the same grads."""
    w = torch.nn.Parameter(torch.tensor(p0, dtype=torch.float64))
    opt = make_opt([w])
    out = []
    for g in grads:
        w.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        out.append(w.detach().numpy().copy())
    return out


def close(name, got, want, tol=2e-5):
    err = np.max(np.abs(got - want) / (1 + np.abs(want)))
    if not err <= tol:
        print(f"FAIL {name}: relative error {err}")
        sys.exit(1)


failures = 0
sgd_cases = {
    "sgd": dict(lr=0.1, momentum=0.0, wd=0.0, nesterov=False),
    "sgd_momentum": dict(lr=0.05, momentum=0.9, wd=0.0, nesterov=False),
    "sgd_nesterov_decay": dict(lr=0.05, momentum=0.8, wd=0.01, nesterov=True),
}
for case, h in sgd_cases.items():
    attrs = (f"lr = {h['lr']} : f64, momentum = {h['momentum']} : f64, "
             f"weight_decay = {h['wd']} : f64, nesterov = {str(h['nesterov']).lower()}")
    p, v = p0, np.zeros(shape, np.float32)
    rp, rv = p0.astype(np.float64), np.zeros(shape)
    params = []
    for g in grads:
        p, v = run("sgd_update", attrs, [p, g, v], 2)
        rp, rv = sgd_ref(rp, g.astype(np.float64), rv, **h)
        close(case, p, rp)
        close(case + " velocity", v, rv)
        params.append(p)
    if torch is not None:
        ref = torch_run(lambda w: torch.optim.SGD(
            w, lr=h["lr"], momentum=h["momentum"], weight_decay=h["wd"],
            nesterov=h["nesterov"]))
        for got, want in zip(params, ref):
            close(case + " vs torch", got, want)
    print("ok", case)

adam_cases = {
    "adam": (dict(lr=0.01, b1=0.9, b2=0.999, eps=1e-8, wd=0.0, decoupled=False),
             lambda w: torch.optim.Adam(w, lr=0.01)),
    "adam_decay": (dict(lr=0.02, b1=0.8, b2=0.99, eps=1e-6, wd=0.1, decoupled=False),
                   lambda w: torch.optim.Adam(w, lr=0.02, betas=(0.8, 0.99), eps=1e-6,
                                              weight_decay=0.1)),
    "adamw": (dict(lr=0.02, b1=0.9, b2=0.999, eps=1e-8, wd=0.05, decoupled=True),
              lambda w: torch.optim.AdamW(w, lr=0.02, weight_decay=0.05)),
}
for case, (h, make) in adam_cases.items():
    attrs = (f"lr = {h['lr']} : f64, beta1 = {h['b1']} : f64, beta2 = {h['b2']} : f64, "
             f"epsilon = {h['eps']:.6e} : f64, weight_decay = {h['wd']} : f64, "
             f"decoupled = {str(h['decoupled']).lower()}")
    p, m, v = p0, np.zeros(shape, np.float32), np.zeros(shape, np.float32)
    rp, rm, rv = p0.astype(np.float64), np.zeros(shape), np.zeros(shape)
    params = []
    for t, g in enumerate(grads, start=1):
        p, m, v = run("adam_update", attrs, [p, g, m, v, np.array(t, np.float32)], 3)
        rp, rm, rv = adam_ref(rp, g.astype(np.float64), rm, rv, t, **h)
        close(case, p, rp)
        close(case + " m", m, rm)
        close(case + " v", v, rv)
        params.append(p)
    if torch is not None:
        for got, want in zip(params, torch_run(make)):
            close(case + " vs torch", got, want)
    print("ok", case)
