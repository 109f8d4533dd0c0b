"""Reads nn-example-gan's log: every loss finite, and the fakes' row-profile
distance to the data fell by at least 30% from the first to the last
iteration. Usage: check_gan.py LOG"""
import math
import re
import sys

text = open(sys.argv[1]).read()
losses = [float(v) for v in re.findall(r"_loss=(\S+)", text)]
if not losses or not all(math.isfinite(v) for v in losses):
    print("non-finite or missing losses")
    sys.exit(1)
first, last = (float(v) for v in re.search(
    r"fake_rows_first=(\S+) fake_rows_last=(\S+)", text).groups())
if not last < 0.7 * first:
    print(f"fakes did not move toward the data: {first} -> {last}")
    sys.exit(1)
print(f"fakes moved toward the data: {first:.4f} -> {last:.4f}")
