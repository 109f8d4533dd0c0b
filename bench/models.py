"""Model latency: nnc (nn-run) vs ONNX Runtime CPU vs PyTorch eager, interleaved.

Run through bench/run.sh, which sets the environment. For each model of the
PyTorch-exported set (MODELS_DIR/<name>/{model.onnx,input_0.npy,ref_*.npy}) and
each thread count, every engine's outputs are first checked against PyTorch's
references (|got-ref| <= 1e-5 + 1e-4|ref|, scripts/check-models.sh's rule);
then ROUNDS rounds each run nnc (one `nn-run --benchmark=N` process: a fresh
compile, N timed runs), ORT (N runs in a persistent node worker) and PyTorch
(N runs in this process), one after the other. A round yields each engine's
median; the table gives the median over rounds and the spread (min..max of
the round medians). Times are wall clock: the machine is shared, so compare
figures within one run only. A peer that is not installed shows n/a. With
more than one thread, CORE_LATENCY (bench/core_latency.c, built by run.sh)
measures the core-to-core round trip before and after every round; the notes
give its median and range, since 2-thread times depend on where the host put
the vCPUs (~100 ns: one shared cache; 400-800 ns: not).
Prints a markdown table on stdout.
"""
import glob
import importlib.util
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

import numpy as np

NN_RUN = os.environ["NN_RUN"]
DIR = os.environ["MODELS_DIR"]
ROUNDS = int(os.environ.get("ROUNDS", "3"))
THREADS = [int(t) for t in os.environ.get("THREADS", "1 2").split()]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Outputs must match the PyTorch reference within RTOL of each value plus
# ATOL of the output's largest magnitude: an absolute floor scaled to the
# data, since a reordered fp32 sum (Winograd's transforms, a different
# blocking) is off by a few ulps of the largest terms, also where the result
# itself is near zero.
RTOL, ATOL = 1e-4, 1e-5
TARGET_ROUND_MS = float(os.environ.get("ROUND_MS", "300"))
CORE_LATENCY = os.environ.get("CORE_LATENCY")


def core_latency():
    """The core-to-core round trip in ns, or None."""
    if not CORE_LATENCY:
        return None
    try:
        out = subprocess.run([CORE_LATENCY], capture_output=True, text=True,
                             timeout=60).stdout.strip()
        return float(out)
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return None


def close(got, want):
    if got.shape != want.shape:
        return False
    scale = max(1.0, float(np.abs(want).max())) if want.size else 1.0
    return bool(np.isclose(got, want, rtol=RTOL, atol=ATOL * scale).all())


def refs_of(model):
    files = sorted(glob.glob(os.path.join(model, "ref_*.npy")),
                   key=lambda f: int(re.search(r"_(\d+)\.npy$", f).group(1)))
    return [np.load(f) for f in files]


# --- nnc --------------------------------------------------------------------
def nnc_round(model, threads, runs, out_dir=None, mem_file=None):
    """(compile_ms, median_ms) of one nn-run process."""
    cmd = [NN_RUN, os.path.join(model, "model.onnx"),
           "--input=" + os.path.join(model, "input_0.npy"),
           f"--benchmark={runs}", f"--threads={threads}"]
    if out_dir:
        cmd.append(f"--output-dir={out_dir}")
    if mem_file:
        cmd = ["/usr/bin/time", "-o", mem_file, "-f", "%M"] + cmd
    env = dict(os.environ, NNC_NUM_THREADS=str(threads))
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=1200, env=env)
    if p.returncode != 0:
        lines = [l for l in p.stderr.splitlines() if l.strip()]
        raise RuntimeError(next((l for l in lines if l.startswith("error:")),
                                lines[0] if lines else f"nn-run exit {p.returncode}"))
    c = re.search(r"compile_ms=([0-9.]+)", p.stdout)
    m = re.search(r"median_ms=([0-9.]+)", p.stdout)
    return float(c.group(1)), float(m.group(1))


# --- ONNX Runtime (node worker) ---------------------------------------------
class Ort:
    def __init__(self):
        self.proc = None
        try:
            self.proc = subprocess.Popen(
                ["node", os.path.join(ROOT, "bench", "ort-worker.js")],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                cwd=os.path.join(ROOT, "bench"))
        except OSError:
            self.why = "node not found"

    def ask(self, msg):
        self.proc.stdin.write(json.dumps(msg) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("ORT worker died")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer

    def load(self, model, threads, x, tmp):
        raw = os.path.join(tmp, "input.raw")
        np.ascontiguousarray(x, dtype=np.float32).tofile(raw)
        self.ask({"cmd": "load", "model": os.path.join(model, "model.onnx"),
                  "threads": threads, "input": raw, "shape": list(x.shape)})

    def outputs(self, tmp, refs):
        n = self.ask({"cmd": "outputs", "prefix": os.path.join(tmp, "ort_")})["n"]
        return [np.fromfile(os.path.join(tmp, f"ort_{i}.raw"), dtype=np.float32)
                .reshape(refs[i].shape) for i in range(min(n, len(refs)))]

    def round(self, runs):
        return statistics.median(self.ask({"cmd": "run", "n": runs})["ms"])


# --- PyTorch eager ----------------------------------------------------------
torch = None
try:
    import torch
    spec = importlib.util.spec_from_file_location(
        "export_models", os.path.join(ROOT, "scripts", "export-models.py"))
    export_models = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(export_models)
except Exception as e:  # not installed: PyTorch columns read n/a
    torch_why = str(e)
    torch = None


def torch_model(name):
    """The exported model, rebuilt exactly as export-models.py built it."""
    pt = os.path.join(DIR, name, "model.pt")  # bench/export-kernels.py's one-op models
    if os.path.exists(pt):
        return torch.jit.load(pt).eval()  # traced: needs no class definitions
    build, _ = export_models.MODELS[name]
    torch.manual_seed(0)
    np.random.seed(0)
    return build().eval()


def torch_outputs(model, x):
    with torch.no_grad():
        y = model(x)
    return [t.numpy() for t in ((y,) if isinstance(y, torch.Tensor) else y)]


def torch_round(model, x, runs):
    import time
    ms = []
    with torch.no_grad():
        for _ in range(runs):
            t0 = time.perf_counter()
            model(x)
            ms.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(ms)


def summary(values):
    if not values:
        return None
    return statistics.median(values), min(values), max(values)


def fmt_ms(s):
    if s is None:
        return "n/a"
    med, lo, hi = s
    return f"{med:.3f} ({lo:.3f}..{hi:.3f})"


def ratio(ours, peer):
    return f"{ours[0] / peer[0]:.2f}" if ours and peer else "n/a"


def main(names):
    ort = Ort()
    rows = []
    mem_rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for threads in THREADS:
            if torch is not None:
                torch.set_num_threads(threads)
            for name in names:
                model = os.path.join(DIR, name)
                refs = refs_of(model)
                x = np.load(os.path.join(model, "input_0.npy"))
                notes = []
                # 1. Correctness (and the run count, and peak memory).
                ok = {"nnc": False, "ort": False, "torch": False}
                runs = 5
                try:
                    out = os.path.join(tmp, "nnc")
                    os.makedirs(out, exist_ok=True)
                    mem = os.path.join(tmp, "mem")
                    _, med = nnc_round(model, threads, 3, out, mem if threads == THREADS[0] else None)
                    got = [np.load(os.path.join(out, f"output_{i}.npy")) for i in range(len(refs))]
                    ok["nnc"] = all(close(g, r) for g, r in zip(got, refs))
                    if not ok["nnc"]:
                        notes.append("nnc output differs")
                    runs = max(5, min(200, int(TARGET_ROUND_MS / max(med, 1e-3))))
                    if threads == THREADS[0]:
                        with open(mem) as f:
                            rss_kb = int(f.read().split()[-1])
                        data = os.path.getsize(os.path.join(model, "model.onnx")) + x.nbytes
                        mem_rows.append((name, rss_kb / 1024, data / 2**20))
                except (RuntimeError, subprocess.TimeoutExpired, OSError) as e:
                    notes.append(f"nnc: {e}")
                if ort.proc is not None:
                    try:
                        ort.load(model, threads, x, tmp)
                        ok["ort"] = all(close(g, r) for g, r in zip(ort.outputs(tmp, refs), refs))
                        if not ok["ort"]:
                            notes.append("ORT output differs")
                    except RuntimeError as e:
                        notes.append(f"ORT: {e}")
                        if "not installed" in str(e) or "died" in str(e):
                            ort.proc = None
                tm = None
                if torch is not None:
                    try:
                        tm = torch_model(name)
                        tx = torch.from_numpy(x)
                        ok["torch"] = all(close(g, r) for g, r in zip(torch_outputs(tm, tx), refs))
                        if not ok["torch"]:
                            notes.append("PyTorch output differs")
                        torch_round(tm, tx, 2)  # warm up
                    except Exception as e:
                        notes.append(f"PyTorch: {str(e).splitlines()[0]}")
                # 2. Interleaved rounds over the engines whose outputs matched.
                t = {"nnc": [], "ort": [], "torch": [], "compile": []}
                trips = []
                for _ in range(ROUNDS):
                    if threads > 1 and (ns := core_latency()) is not None:
                        trips.append(ns)
                    if ok["nnc"]:
                        c, med = nnc_round(model, threads, runs)
                        t["compile"].append(c)
                        t["nnc"].append(med)
                    if ok["ort"]:
                        t["ort"].append(ort.round(runs))
                    if ok["torch"]:
                        t["torch"].append(torch_round(tm, tx, runs))
                    if threads > 1 and (ns := core_latency()) is not None:
                        trips.append(ns)  # the host may move a vCPU mid-round
                s = {k: summary(v) for k, v in t.items()}
                if trips:
                    notes.insert(0, "core round trip ns {:.0f} ({:.0f}..{:.0f})".format(*summary(trips)))
                flops_file = os.path.join(model, "flops.txt")
                if os.path.exists(flops_file):  # GFLOP/s of the medians
                    with open(flops_file) as f:
                        flops = float(f.read())
                    notes.insert(0, "GFLOP/s " + " ".join(
                        f"{k} {flops / s[k][0] / 1e6:.1f}" for k in ("nnc", "ort", "torch") if s[k]))
                rows.append((threads, name, s, runs, "; ".join(notes)))
                print(f"  {name} threads={threads} runs={runs}x{ROUNDS}: nnc {fmt_ms(s['nnc'])} "
                      f"ort {fmt_ms(s['ort'])} torch {fmt_ms(s['torch'])}", file=sys.stderr, flush=True)
    if torch is None:
        print(f"PyTorch: n/a ({torch_why})\n")
    print("| threads | model | nnc ms | ORT ms | PyTorch ms | nnc/ORT | nnc/PyTorch "
          "| nnc compile ms | notes |")
    print("|---|---|---|---|---|---|---|---|---|")
    for threads, name, s, runs, notes in rows:
        comp = f"{s['compile'][0]:.0f}" if s["compile"] else "n/a"
        print(f"| {threads} | {name} | {fmt_ms(s['nnc'])} | {fmt_ms(s['ort'])} | "
              f"{fmt_ms(s['torch'])} | {ratio(s['nnc'], s['ort'])} | "
              f"{ratio(s['nnc'], s['torch'])} | {comp} | {notes} |")
    print("\nms: median over rounds of each round's median (min..max of the round medians); "
          "ratio < 1 means nnc is faster.\n")
    if mem_rows and os.environ.get("MEM", "1") == "1":
        print(f"Peak memory of one `nn-run` (compile + run, threads={THREADS[0]}, `/usr/bin/time -f %M`) "
              "vs weights + inputs (model.onnx + input bytes):\n")
        print("| model | peak RSS MiB | weights+inputs MiB | ratio |")
        print("|---|---|---|---|")
        for name, rss, data in mem_rows:
            print(f"| {name} | {rss:.1f} | {data:.2f} | {rss / data:.1f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
