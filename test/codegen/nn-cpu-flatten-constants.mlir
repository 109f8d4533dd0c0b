// RUN: %nn-opt %s -split-input-file -nn-cpu-flatten-constants | FileCheck %s

// A 2-D weight becomes a 1-D constant viewed through expand_shape (one flat
// LLVM array instead of one uniqued constant per row).
// CHECK-LABEL: func.func @weight
// CHECK:       %[[F:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00, {{.*}}]> : tensor<64xf32>
// CHECK:       %[[W:.*]] = tensor.expand_shape %[[F]] {{\[\[}}0, 1]] output_shape [8, 8] : tensor<64xf32> into tensor<8x8xf32>
// CHECK:       return %[[W]]
func.func @weight() -> tensor<8x8xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]]> : tensor<8x8xf32>
  return %w : tensor<8x8xf32>
}

// -----

// Must not fire: splats, 1-D constants and small ones stay as they are.
// CHECK-LABEL: func.func @keep
// CHECK-NOT:   tensor.expand_shape
// CHECK:       arith.constant dense<1.000000e+00> : tensor<16x16xf32>
// CHECK:       arith.constant dense<{{.*}}> : tensor<100xf32>
// CHECK:       arith.constant dense<{{.*}}> : tensor<2x2xf32>
func.func @keep() -> (tensor<16x16xf32>, tensor<100xf32>, tensor<2x2xf32>) {
  %s = arith.constant dense<1.0> : tensor<16x16xf32>
  %v = arith.constant dense<2.0> : tensor<100xf32>
  %m = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  return %s, %v, %m : tensor<16x16xf32>, tensor<100xf32>, tensor<2x2xf32>
}
