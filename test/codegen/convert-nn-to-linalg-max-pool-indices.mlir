// RUN: %nn-opt %s -split-input-file -convert-nn-to-linalg | FileCheck %s

// No pads, every window inside the input, 4 positions: one all-parallel
// generic over the output that reads the window unrolled (4 extracts, 3
// strictly-greater compares, so ties keep the first position).
// CHECK-LABEL: func.func @unrolled
// CHECK:       linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%{{.*}} : tensor<2x3x2x3xi64>)
// CHECK:         tensor.extract %arg0
// CHECK:         tensor.extract %arg0
// CHECK:         arith.cmpf ogt
// CHECK:         tensor.extract %arg0
// CHECK:         arith.cmpf ogt
// CHECK:         tensor.extract %arg0
// CHECK:         arith.cmpf ogt
// CHECK-NOT:     tensor.extract
// CHECK:         linalg.yield %{{.*}} : i64
// CHECK-NOT:   linalg.generic
func.func @unrolled(%x: tensor<2x3x5x7xf32>) -> tensor<2x3x2x3xi64> {
  %0 = nn.max_pool_indices %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x3x5x7xf32> -> tensor<2x3x2x3xi64>
  return %0 : tensor<2x3x2x3xi64>
}

// -----

// Must not fire: with pads the window reduction over the -inf padded input
// stays (reduction loops, two outputs).
// CHECK-LABEL: func.func @padded
// CHECK:       linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]
func.func @padded(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xi64> {
  %0 = nn.max_pool_indices %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>} : tensor<1x2x4x4xf32> -> tensor<1x2x2x2xi64>
  return %0 : tensor<1x2x2x2xi64>
}

// -----

// Must not fire: a 5x5 window (25 positions) is past the unroll limit.
// CHECK-LABEL: func.func @large_window
// CHECK:       linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]
func.func @large_window(%x: tensor<1x1x10x10xf32>) -> tensor<1x1x2x2xi64> {
  %0 = nn.max_pool_indices %x {kernel_shape = array<i64: 5, 5>, strides = array<i64: 5, 5>} : tensor<1x1x10x10xf32> -> tensor<1x1x2x2xi64>
  return %0 : tensor<1x1x2x2xi64>
}
