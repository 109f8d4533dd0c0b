"""Turns graph inputs of an ONNX backend test into initializers.

Usage: freeze_inputs.py TEST_DIR OUT.onnx [--opset=N] NAME...

The backend node tests feed shape-like operands (Resize scales, Tile repeats,
Expand shapes) as graph inputs; nnc needs constants. Each NAME is replaced by
an initializer holding its value from TEST_DIR/test_data_set_0, so the model
keeps the exact operands the reference outputs were computed from.
--opset=N re-stamps the default-domain opset, for models older than nnc
accepts whose operator has not changed since (the caller says why).
"""
import os
import sys

import onnx

test_dir, out = sys.argv[1], sys.argv[2]
opset = [a for a in sys.argv[3:] if a.startswith("--opset=")]
names = set(a for a in sys.argv[3:] if not a.startswith("--opset="))
model = onnx.load(os.path.join(test_dir, "model.onnx"))
for entry in model.opset_import:
    if opset and entry.domain in ("", "ai.onnx"):
        entry.version = int(opset[-1].split("=")[1])
graph = model.graph
initialized = {t.name for t in graph.initializer}
feeds = [i for i in graph.input if i.name not in initialized]
kept = []
for k, vi in enumerate(feeds):
    if vi.name not in names:
        kept.append(vi)
        continue
    tensor = onnx.TensorProto()
    path = os.path.join(test_dir, "test_data_set_0", "input_%d.pb" % k)
    with open(path, "rb") as f:
        tensor.ParseFromString(f.read())
    tensor.name = vi.name
    graph.initializer.append(tensor)
    names.discard(vi.name)
if names:
    sys.exit("no graph input named " + ", ".join(sorted(names)))
del graph.input[:]
graph.input.extend(kept)
onnx.save(model, out)
