"""compare.py GOT.npy WANT.npy [RTOL ATOL]: same shape and dtype, and
|got - want| <= ATOL + RTOL |want| everywhere (defaults 1e-4, 1e-5, as
scripts/check-models.sh). Prints `match` or what differs; exit 1 if not."""
import sys

import numpy as np

got, want = np.load(sys.argv[1]), np.load(sys.argv[2])
rtol = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-4
atol = float(sys.argv[4]) if len(sys.argv) > 4 else 1e-5
if got.shape != want.shape or got.dtype != want.dtype:
    sys.exit(f"{got.dtype}{list(got.shape)} != {want.dtype}{list(want.shape)}")
bad = ~np.isclose(got, want, rtol=rtol, atol=atol)
if bad.any():
    i = tuple(np.argwhere(bad)[0])
    sys.exit(f"at {i}: got {got[i]}, expected {want[i]} ({bad.sum()} differ)")
print("match")
