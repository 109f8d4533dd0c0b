"""Compares two `step <i> loss=<l>` logs: same steps, each loss within
`tol` relative (+ 1e-5 absolute). Prints `curves match: N steps` or the first
difference, and exits 1 on a mismatch.

Usage: compare_curves.py OURS.log REFERENCE.log [TOL]
"""
import re
import sys


def read(path):
    return [float(m.group(1)) for m in re.finditer(r"^step \d+ loss=(\S+)$", open(path).read(), re.M)]


ours, ref = read(sys.argv[1]), read(sys.argv[2])
tol = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-4
if len(ours) != len(ref) or not ours:
    print(f"step counts differ: {len(ours)} vs {len(ref)}")
    sys.exit(1)
for i, (a, b) in enumerate(zip(ours, ref), start=1):
    if abs(a - b) > tol * abs(b) + 1e-5:
        print(f"step {i}: loss {a} vs reference {b}")
        sys.exit(1)
print(f"curves match: {len(ours)} steps, first {ref[0]:.4f} last {ref[-1]:.4f}")
