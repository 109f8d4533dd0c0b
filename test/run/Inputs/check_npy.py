"""check_npy.py GOT.npy WANT.npy [GOT WANT]...: same dtype and shape, values
within rtol 1e-5 / atol 1e-6 for floats (NaNs must match), exact otherwise.
Prints `ok N` or the first mismatch, exit status 1 on a mismatch."""
import sys

import numpy as np

pairs = list(zip(sys.argv[1::2], sys.argv[2::2]))
for got_path, want_path in pairs:
    got, want = np.load(got_path), np.load(want_path)
    if got.dtype != want.dtype or got.shape != want.shape:
        sys.exit(f"{got_path}: {got.dtype}{list(got.shape)} != {want.dtype}{list(want.shape)}")
    if np.issubdtype(want.dtype, np.floating):
        same = np.isclose(got, want, rtol=1e-5, atol=1e-6, equal_nan=True)
    else:
        same = got == want
    if not same.all():
        i = np.argwhere(~same)[0]
        sys.exit(f"{got_path}: at {tuple(i)} got {got[tuple(i)]} want {want[tuple(i)]}")
print("ok", len(pairs))
