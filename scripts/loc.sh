#!/usr/bin/env bash
# Prints lines of code per top-level folder and the number of ops in the nn
# dialect, so growth is visible in every CI log.
# Usage: scripts/loc.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
cd "$root"
printf '%-10s %8s %6s\n' folder lines files
for d in ir passes frontend codegen runtime tools test bench examples scripts; do
  [[ -d $d ]] || continue
  files=$(git ls-files "$d" 2>/dev/null | grep -Ev '\.(md|txt)$' || true)
  [[ -n $files ]] || { printf '%-10s %8d %6d\n' "$d" 0 0; continue; }
  lines=$(echo "$files" | xargs cat | wc -l)
  printf '%-10s %8d %6d\n' "$d" "$lines" "$(echo "$files" | wc -l)"
done
# Count ops from the generated op list (exact), else from the ODS sources.
inc=$build/ir/NNOps.h.inc
if [[ -f $inc ]]; then
  ops=$(grep -c '^class [A-Za-z]*Op : public ::mlir::Op<' "$inc")
else
  ops=$(grep -hE '^def NN_[A-Za-z]+Op\b' ir/*.td | wc -l)
fi
echo "nn dialect ops: $ops"
