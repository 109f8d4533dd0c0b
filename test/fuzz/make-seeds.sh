#!/usr/bin/env bash
# Fills DIR with a seed corpus for nn-onnx-fuzzer: every third model of ONNX's
# node tests (about 300 small, valid models covering most operators). The
# corpus is copied on each run; no binaries are committed.
# Usage: test/fuzz/make-seeds.sh DIR
set -euo pipefail
dir=${1:?usage: make-seeds.sh DIR}
data=/usr/share/libonnx-testdata/data/node
mkdir -p "$dir"
n=0
for model in "$data"/*/model.onnx; do
  if (( n++ % 3 == 0 )); then
    cp "$model" "$dir/$(basename "$(dirname "$model")").onnx"
  fi
done
echo "fuzz: $(ls "$dir" | wc -l) seeds in $dir"
