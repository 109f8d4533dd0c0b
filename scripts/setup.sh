#!/usr/bin/env bash
# README's first command: installs what is missing, builds nnc, and runs the
# main job on the bundled example: examples/mlp.mlir is simplified by the
# graph pipeline, then JIT-compiled for this CPU and run by nn-run on a
# generated input (a batch of 4 images), printing the class probabilities
# and the compile/run times.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${NN_BUILD_DIR:-$root/build}

bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh" nn-opt nn-run
echo "== nn-opt --nn-simplify examples/mlp.mlir"
"$build/bin/nn-opt" --nn-simplify "$root/examples/mlp.mlir"
mkdir -p "$build/examples"
/usr/bin/python3 -c "
import numpy as np
np.save('$build/examples/mlp_input.npy',
        np.random.default_rng(0).random((4, 1, 28, 28), dtype=np.float32))"
echo "== nn-run examples/mlp.mlir --input=build/examples/mlp_input.npy"
"$build/bin/nn-run" "$root/examples/mlp.mlir" --input="$build/examples/mlp_input.npy"
"$build/bin/nn-run" "$root/examples/mlp.mlir" --input="$build/examples/mlp_input.npy" --benchmark=20
