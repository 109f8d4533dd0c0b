#!/usr/bin/env bash
# README's first command: installs what is missing, builds nnc, and runs the
# main job on the bundled example: the graph-level pipeline (`nn-simplify`)
# over examples/mlp.mlir, printing the optimized nn IR.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${NN_BUILD_DIR:-$root/build}

bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh" nn-opt
echo "== nn-opt --nn-simplify examples/mlp.mlir"
"$build/bin/nn-opt" --nn-simplify "$root/examples/mlp.mlir"
