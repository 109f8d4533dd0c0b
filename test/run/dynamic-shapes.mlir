// A dynamic batch is pinned to the input's extent (5) before compiling; the
// [?, 1] operand broadcasts along the columns.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.RandomState(1); x = r.randn(5, 4).astype('f4'); y = r.randn(5, 1).astype('f4'); np.save('%t/x.npy', x); np.save('%t/y.npy', y); np.save('%t/want.npy', 1 / (1 + np.exp(-(x * y))))"
// RUN: %nn-run %s --input=%t/x.npy --input=%t/y.npy --output-dir=%t
// RUN: %python %S/Inputs/check_npy.py %t/output_0.npy %t/want.npy | FileCheck %s
// CHECK: ok 1
func.func @main(%x: tensor<?x4xf32>, %y: tensor<?x1xf32>) -> tensor<?x4xf32> {
  %0 = nn.mul %x, %y : (tensor<?x4xf32>, tensor<?x1xf32>) -> tensor<?x4xf32>
  %1 = nn.sigmoid %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}
