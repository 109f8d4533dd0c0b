"""check_close.py RTOL GOT.npy WANT.npy [GOT WANT]...: same dtype and shape,
|got - want| <= RTOL * |want| + RTOL for floats, exact otherwise. Prints
`ok N` or the first mismatch (exit status 1)."""
import sys

import numpy as np

rtol = float(sys.argv[1])
pairs = list(zip(sys.argv[2::2], sys.argv[3::2]))
for got_path, want_path in pairs:
    got, want = np.load(got_path), np.load(want_path)
    if got.dtype != want.dtype or got.shape != want.shape:
        sys.exit(f"{got_path}: {got.dtype}{list(got.shape)} != {want.dtype}{list(want.shape)}")
    if np.issubdtype(want.dtype, np.floating):
        same = np.isclose(got, want, rtol=rtol, atol=rtol, equal_nan=True)
    else:
        same = got == want
    if not same.all():
        i = tuple(np.argwhere(~same)[0])
        sys.exit(f"{got_path}: at {i} got {got[i]} want {want[i]}")
print("ok", len(pairs))
