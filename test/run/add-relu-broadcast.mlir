// nn-run on a fused add+relu with broadcasting; numpy is the reference.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.RandomState(0); a = r.randn(2, 3).astype('f4'); b = r.randn(3).astype('f4'); np.save('%t/a.npy', a); np.save('%t/b.npy', b); np.save('%t/want.npy', np.maximum(a + b, 0))"
// RUN: %nn-run %s --input=%t/a.npy --input=%t/b.npy --output-dir=%t
// RUN: %python %S/Inputs/check_npy.py %t/output_0.npy %t/want.npy | FileCheck %s
// CHECK: ok 1
func.func @main(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = nn.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = nn.relu %0 : tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}
