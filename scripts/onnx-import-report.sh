#!/usr/bin/env bash
# Tries `nnc --emit=nn` on every model listed in the conformance test list and
# prints "N of M import", then the most common first errors. A model that fails
# only because a shape-like input is a graph input is retried with every
# integer graph input (and float scalars feeding Clip) bound to its
# test_data_set_0/input_K.pb; those count as "imported with bound inputs".
# Usage: scripts/onnx-import-report.sh [LIST] [-v]   (LIST defaults to
# ../shared/conformance/public-tests.txt; -v prints each failure)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# The shared list when this checkout sits beside it, else the copy in test/.
default_list=$root/../shared/conformance/public-tests.txt
[[ -f $default_list ]] || default_list=$root/test/onnx/Inputs/public-tests.txt
list=${1:-$default_list}
[[ -n $list ]] || list=$default_list
verbose=${2:-}
nnc=${NN_BUILD_DIR:-$root/build}/bin/nnc
data=/usr/share/libonnx-testdata/data
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT

# Prints `--bind=NAME=PB` for each graph input NAME given after MODEL, where PB
# is the test's own input_K.pb (K counts the graph inputs that are not
# initializers).
bind_flags() {
  /usr/bin/python3 - "$@" <<'PY'
import os, sys, onnx
path, names = sys.argv[1], set(sys.argv[2:])
graph = onnx.load(path, load_external_data=False).graph
inits = {t.name for t in graph.initializer}
inputs = [i for i in graph.input if i.name not in inits]
for k, i in enumerate(inputs):
    if i.name in names:
        pb = os.path.join(os.path.dirname(path), "test_data_set_0", f"input_{k}.pb")
        print(f"--bind={i.name}={pb}")
PY
}

total=0 ok=0 missing=0 bound=0
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
    continue
  fi
  # Bind exactly the inputs nnc asks for (from the test's data), until it
  # imports or stops asking for new ones.
  names=() imported=0
  for _ in 1 2 3 4 5; do
    mapfile -t asked < <(grep -oE 'bind it with --bind=[^=]+=' <<<"$msg" |
      sed -E 's/bind it with --bind=//; s/=$//')
    ((${#asked[@]})) || break
    before=${#names[@]}
    names=($(printf '%s\n' "${names[@]}" "${asked[@]}" | sort -u))
    ((${#names[@]} > before)) || break
    mapfile -t flags < <(bind_flags "$model" "${names[@]}")
    if msg=$("$nnc" "$model" --emit=nn "${flags[@]}" 2>&1 >/dev/null); then
      imported=1
      break
    fi
  done
  if ((imported)); then
    bound=$((bound + 1))
    continue
  fi
  echo "$name: ${msg#error: }" >>"$errors"
done <"$list"

echo "$ok of $total import ($missing not found); $bound more import with bound inputs"
echo "failing: $((total - ok - bound))"
if [[ $verbose == -v ]]; then
  cat "$errors"
else
  # Group by the reason (text after the node description).
  sed -E 's/^[^:]*: [^:]*\.onnx: //; s/node .* \(([A-Za-z]+), opset [0-9]+\)/\1/' "$errors" |
    sed -E 's/[0-9]+ unsupported nodes?: .*/unsupported ops/' | sort | uniq -c | sort -rn | head -15
fi
