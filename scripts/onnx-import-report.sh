#!/usr/bin/env bash
# Tries `nnc --emit=nn` on every model listed in the conformance test list and
# prints "N of M import", then the most common first errors.
# Usage: scripts/onnx-import-report.sh [LIST] [-v]   (LIST defaults to
# ../shared/conformance/public-tests.txt; -v prints each failure)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
list=${1:-$root/../shared/conformance/public-tests.txt}
verbose=${2:-}
nnc=${NN_BUILD_DIR:-$root/build}/bin/nnc
data=/usr/share/libonnx-testdata/data
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT

total=0 ok=0 missing=0
while read -r name; do
  [[ -z $name || $name == \#* ]] && continue
  total=$((total + 1))
  model=$(ls "$data"/*/"$name"/model.onnx 2>/dev/null | head -1)
  if [[ -z $model ]]; then
    missing=$((missing + 1))
    echo "$name: model not found" >>"$errors"
    continue
  fi
  if msg=$("$nnc" "$model" --emit=nn 2>&1 >/dev/null); then
    ok=$((ok + 1))
  else
    echo "$name: ${msg#error: }" >>"$errors"
  fi
done <"$list"

echo "$ok of $total import ($missing not found)"
if [[ $verbose == -v ]]; then
  cat "$errors"
else
  # Group by the reason (text after the node description).
  sed -E 's/^[^:]*: [^:]*\.onnx: //; s/node .* \(([A-Za-z]+), opset [0-9]+\)/\1/' "$errors" |
    sed -E 's/[0-9]+ unsupported nodes?: .*/unsupported ops/' | sort | uniq -c | sort -rn | head -15
fi
