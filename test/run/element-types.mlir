// Several results of different element types: f32 -> f64 cast, i64
// arithmetic, an i1 comparison and a select on it; one result is an input
// returned unchanged (copied into its out-parameter).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; x = np.array([[-1.5, 0.25], [3.0, -0.0]], 'f4'); i = np.array([[7, -3], [0, 12]], 'i8'); np.save('%t/x.npy', x); np.save('%t/i.npy', i); np.save('%t/w0.npy', x.astype('f8')); np.save('%t/w1.npy', -i); np.save('%t/w2.npy', i < -i); np.save('%t/w3.npy', np.where(i < -i, x, -x)); np.save('%t/w4.npy', i)"
// RUN: %nn-run %s --input=%t/x.npy --input=%t/i.npy --output-dir=%t
// RUN: %python %S/Inputs/check_npy.py %t/output_0.npy %t/w0.npy %t/output_1.npy %t/w1.npy %t/output_2.npy %t/w2.npy %t/output_3.npy %t/w3.npy %t/output_4.npy %t/w4.npy | FileCheck %s
// CHECK: ok 5
func.func @main(%x: tensor<2x2xf32>, %i: tensor<2x2xi64>) -> (tensor<2x2xf64>, tensor<2x2xi64>, tensor<2x2xi1>, tensor<2x2xf32>, tensor<2x2xi64>) {
  %0 = nn.cast %x : tensor<2x2xf32> -> tensor<2x2xf64>
  %1 = nn.neg %i : tensor<2x2xi64>
  %2 = nn.cmp lt, %i, %1 : (tensor<2x2xi64>, tensor<2x2xi64>) -> tensor<2x2xi1>
  %n = nn.neg %x : tensor<2x2xf32>
  %3 = nn.select %2, %x, %n : (tensor<2x2xi1>, tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0, %1, %2, %3, %i : tensor<2x2xf64>, tensor<2x2xi64>, tensor<2x2xi1>, tensor<2x2xf32>, tensor<2x2xi64>
}
