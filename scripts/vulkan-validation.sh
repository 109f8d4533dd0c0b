#!/usr/bin/env bash
# Runs every test of the ONNX conformance list and the PyTorch model set
# (when MODELS_DIR, default build/models, holds it) through nn-run
# --target=vulkan with the Khronos validation layer and its synchronization
# validation on, and counts what the layer reports (lines with "Validation
# Error", "Validation Warning", "VUID-" or "SYNC-HAZARD"). Prints each run that
# drew a report, then `validation: M reports in R of N runs`; exits 1 if M > 0.
# Without NAMEs it also trains the small models of test/train on the device
# (nn-train --target=vulkan: SGD, Adam, batch norm, state kept on the device).
# Usage: scripts/vulkan-validation.sh [-j JOBS] [NAME...]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export NN_RUN=${NN_BUILD_DIR:-$root/build}/bin/nn-run
export NN_TRAIN=${NN_BUILD_DIR:-$root/build}/bin/nn-train
export NN_ROOT=$root
export NN_LIST=$root/test/onnx/Inputs/public-tests.txt
export MODELS_DIR=${MODELS_DIR:-$root/build/models}
export VK_INSTANCE_LAYERS=VK_LAYER_KHRONOS_validation
export VK_LAYER_ENABLES=VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT
exec /usr/bin/python3 - "$@" <<'PY'
import concurrent.futures, glob, os, re, subprocess, sys, tempfile

DATA = "/usr/share/libonnx-testdata/data"
REPORT = re.compile(r"Validation (Error|Warning)|VUID-|SYNC-HAZARD")
args = sys.argv[1:]
jobs = 2
if "-j" in args:
    at = args.index("-j")
    jobs = int(args[at + 1])
    del args[at:at + 2]
runs = []  # (name, model, inputs)
names = args or [l.strip() for l in open(os.environ["NN_LIST"]) if l.strip() and not l.startswith("#")]
for name in names:
    models = glob.glob(os.path.join(DATA, "*", name, "model.onnx"))
    if models:
        data = os.path.join(os.path.dirname(models[0]), "test_data_set_0")
        inputs = sorted(glob.glob(os.path.join(data, "input_*.pb")),
                        key=lambda f: int(re.search(r"_(\d+)\.pb$", f).group(1)))
        runs.append((name, models[0], inputs))
if not args:
    for m in ["mlp", "cnn", "resnet18", "mobilenetv2", "lstm", "gru", "transformer", "dcgan", "autoencoder"]:
        model = os.path.join(os.environ["MODELS_DIR"], m, "model.onnx")
        if os.path.exists(model):
            runs.append((m, model, [os.path.join(os.environ["MODELS_DIR"], m, "input_0.npy")]))
    # Training steps on the device (nn-train --target=vulkan, two epochs):
    # SGD with momentum, Adam, batch-norm statistics, state fed back.
    train = tempfile.mkdtemp()
    inputs = os.path.join(os.environ["NN_ROOT"], "test", "train", "Inputs")
    subprocess.run(["/usr/bin/python3", os.path.join(inputs, "make_data.py"), train], check=True,
                   capture_output=True)
    subprocess.run(["/usr/bin/python3", os.path.join(inputs, "batchnorm.py"), "export",
                    os.path.join(train, "bn")], check=True, capture_output=True)
    for name, model, flags in [
            ("train-mlp-sgd", "mlp.onnx", "x.npy,{t}/y.npy --optimizer=sgd --momentum=0.9"),
            ("train-cnn-adam", "cnn.onnx", "img.npy,{t}/img_labels.npy --optimizer=adam"),
            ("train-cnn-bn", "bn/cnn_bn.onnx", "bn/img.npy,{t}/bn/labels.npy --optimizer=sgd"),
            ("train-autoencoder", "autoencoder.onnx", "img.npy --loss=mse --optimizer=adam")]:
        flags = flags.format(t=train).split()
        loss = [] if any(f.startswith("--loss") for f in flags) else ["--loss=cross_entropy"]
        runs.append((name, None, [os.environ["NN_TRAIN"], os.path.join(train, model),
                                  f"--data={train}/{flags[0]}", *flags[1:], *loss,
                                  "--target=vulkan", "--batch=16", "--epochs=2"]))


def run(entry):
    name, model, inputs = entry
    with tempfile.TemporaryDirectory() as out:
        cmd = [os.environ["NN_RUN"], model, "--target=vulkan", f"--output-dir={out}"]
        cmd += [f"--input={f}" for f in inputs]
        # A training run's entry is its whole nn-train command.
        p = subprocess.run(cmd if model else inputs, capture_output=True, text=True, timeout=600)
    lines = [l for l in (p.stdout + p.stderr).splitlines() if REPORT.search(l)]
    if not model and p.returncode != 0:
        lines.append("nn-train failed: " + (p.stderr.strip().splitlines() or ["?"])[-1])
    return name, lines


total = with_reports = 0
with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
    for name, lines in pool.map(run, runs):
        if lines:
            with_reports += 1
            total += len(lines)
            print(f"{name}: {len(lines)} reports, first: {lines[0][:300]}", flush=True)
print(f"validation: {total} reports in {with_reports} of {len(runs)} runs")
sys.exit(1 if total else 0)
PY
