// Math functions that go through LLVM intrinsics or libm calls resolve in the
// JIT (erf has no LLVM intrinsic); Python's math module is the reference.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import math, numpy as np; x = np.array([-1.25, 0.5, 1.0, 2.0], 'f4'); f = lambda g: np.array([g(float(v)) for v in x], 'f4'); np.save('%t/x.npy', x); np.save('%t/w0.npy', f(math.erf)); np.save('%t/w1.npy', f(math.tanh)); np.save('%t/w2.npy', f(lambda v: abs(v) ** abs(v))); np.save('%t/w3.npy', f(lambda v: math.sqrt(abs(v))))"
// RUN: %nn-run %s --input=%t/x.npy --output-dir=%t
// RUN: %python %S/Inputs/check_npy.py %t/output_0.npy %t/w0.npy %t/output_1.npy %t/w1.npy %t/output_2.npy %t/w2.npy %t/output_3.npy %t/w3.npy | FileCheck %s
// CHECK: ok 4
func.func @main(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = nn.erf %x : tensor<4xf32>
  %1 = nn.tanh %x : tensor<4xf32>
  %a = nn.abs %x : tensor<4xf32>
  %2 = nn.pow %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = nn.sqrt %a : tensor<4xf32>
  return %0, %1, %2, %3 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
