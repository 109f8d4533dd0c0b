#!/usr/bin/env bash
# README's test command: installs what is missing, builds, runs every test
# (lit + FileCheck, GoogleTest through lit) and ends with `N passed, M failed`.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${NN_BUILD_DIR:-$root/build}

bash "$root/scripts/install-deps.sh" || exit 1
start=$(date +%s)
bash "$root/scripts/build.sh" || { echo "error: build failed"; echo "0 passed, 1 failed"; exit 1; }
echo "build: $(( $(date +%s) - start )) s"

bash "$root/scripts/loc.sh" "$build" || true

log=$(mktemp)
/usr/lib/llvm-22/bin/lit -sv "$build/test" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
count() { awk -v k="$1" '{ sub(/^ +/, "") } index($0, k ":") == 1 { split($0, f, ":"); n += f[2] + 0 } END { print n + 0 }' "$log"; }
passed=$(( $(count Passed) + $(count 'Expectedly Failed') ))
failed=$(( $(count Failed) + $(count 'Unexpectedly Passed') + $(count Unresolved) + $(count 'Timed Out') ))
rm -f "$log"
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
bash "$root/scripts/fuzz.sh" || failed=$(( ${failed:-0} + 1 ))  # 60 s of libFuzzer on the ONNX importer
echo "${passed:-0} passed, ${failed:-0} failed"
[[ $failed -eq 0 ]]
