// RUN: %nn-opt %s -split-input-file -convert-nn-to-linalg | FileCheck %s

// Non-overlapping windows (stride = kernel, no pads): one all-parallel
// generic over (n, c, o_h, r_h, o_w, r_w) with affine reads of dY and the
// indices, collapsed to [N, C, H, W]; the last row (5 = 2*2 + 1) lies in no
// window and gets zero from a tensor.pad.
// CHECK-LABEL: func.func @max_tiled
// CHECK:       %[[G:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%arg0, %arg1 : tensor<2x3x2x2xf32>, tensor<2x3x2x2xi64>) outs(%{{.*}} : tensor<2x3x2x2x2x2xf32>)
// CHECK-NOT:     tensor.extract
// CHECK:         arith.cmpi eq
// CHECK:       %[[C:.*]] = tensor.collapse_shape %[[G]] {{.*}} into tensor<2x3x4x4xf32>
// CHECK:       tensor.pad %[[C]] low[0, 0, 0, 0] high[0, 0, 1, 0]
func.func @max_tiled(%dy: tensor<2x3x2x2xf32>, %idx: tensor<2x3x2x2xi64>) -> tensor<2x3x5x4xf32> {
  %0 = nn.max_pool_grad %dy, %idx {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<2x3x2x2xf32>, tensor<2x3x2x2xi64>) -> tensor<2x3x5x4xf32>
  return %0 : tensor<2x3x5x4xf32>
}

// -----

// avg: the same generic dividing by the window size, no pad when exact.
// CHECK-LABEL: func.func @avg_tiled
// CHECK:       linalg.generic {{.*}} outs(%{{.*}} : tensor<1x2x2x3x2x2xf32>)
// CHECK:         arith.divf
// CHECK:       tensor.collapse_shape {{.*}} into tensor<1x2x6x4xf32>
// CHECK-NOT:   tensor.pad
func.func @avg_tiled(%dy: tensor<1x2x2x2xf32>) -> tensor<1x2x6x4xf32> {
  %0 = nn.avg_pool_grad %dy {kernel_shape = array<i64: 3, 2>, strides = array<i64: 3, 2>} : tensor<1x2x2x2xf32> -> tensor<1x2x6x4xf32>
  return %0 : tensor<1x2x6x4xf32>
}

// -----

// Must not fire: overlapping windows (3x3, stride 2) keep the gather form
// (a reduction over the kernel offsets, dY read with tensor.extract).
// CHECK-LABEL: func.func @max_overlapping
// CHECK:       linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]
// CHECK:         tensor.extract
// CHECK-NOT:   tensor.collapse_shape
func.func @max_overlapping(%dy: tensor<1x2x2x2xf32>, %idx: tensor<1x2x2x2xi64>) -> tensor<1x2x5x5xf32> {
  %0 = nn.max_pool_grad %dy, %idx {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x2x2x2xf32>, tensor<1x2x2x2xi64>) -> tensor<1x2x5x5xf32>
  return %0 : tensor<1x2x5x5xf32>
}
