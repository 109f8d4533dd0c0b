// RUN: %nn-opt %s | %nn-opt | FileCheck %s
// RUN: %nn-opt %s --nn-infer-shapes | FileCheck %s --check-prefix=INFER

// Round trip: every pooling op with each attribute form. The INFER cases
// declare dynamic result types and check what inference derives.

//===----------------------------------------------------------------------===//
// nn.max_pool
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @max_pool_2d
// CHECK: nn.max_pool %{{.*}} {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<?x64x112x112xf32> -> tensor<?x64x56x56xf32>
// CHECK: nn.max_pool %{{.*}} {kernel_shape = array<i64: 2, 2>} : tensor<1x3x8x8xf16> -> tensor<1x3x7x7xf16>
func.func @max_pool_2d(%x: tensor<?x64x112x112xf32>, %y: tensor<1x3x8x8xf16>) {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>,
                       pads = array<i64: 1, 1, 1, 1>}
      : tensor<?x64x112x112xf32> -> tensor<?x64x56x56xf32>
  %1 = nn.max_pool %y {kernel_shape = array<i64: 2, 2>} : tensor<1x3x8x8xf16> -> tensor<1x3x7x7xf16>
  return
}

// CHECK-LABEL: func.func @max_pool_1d_3d
// CHECK: nn.max_pool %{{.*}} {dilations = array<i64: 2>, kernel_shape = array<i64: 3>} : tensor<2x4x10xf32> -> tensor<2x4x6xf32>
// CHECK: nn.max_pool %{{.*}} {kernel_shape = array<i64: 2, 2, 2>, strides = array<i64: 2, 2, 2>} : tensor<1x8x4x6x8xf32> -> tensor<1x8x2x3x4xf32>
func.func @max_pool_1d_3d(%x: tensor<2x4x10xf32>, %y: tensor<1x8x4x6x8xf32>) {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3>, dilations = array<i64: 2>}
      : tensor<2x4x10xf32> -> tensor<2x4x6xf32>
  %1 = nn.max_pool %y {kernel_shape = array<i64: 2, 2, 2>, strides = array<i64: 2, 2, 2>}
      : tensor<1x8x4x6x8xf32> -> tensor<1x8x2x3x4xf32>
  return
}

// ceil_mode rounds the extent up, but drops a last window that would start
// in the end padding.
// CHECK-LABEL: func.func @max_pool_ceil_mode
// CHECK: nn.max_pool %{{.*}} {ceil_mode = true, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : tensor<1x1x6x6xf32> -> tensor<1x1x3x3xf32>
// CHECK: nn.max_pool %{{.*}} {ceil_mode = true, kernel_shape = array<i64: 3>, pads = array<i64: 0, 2>, strides = array<i64: 2>} : tensor<1x1x2xf32> -> tensor<1x1x1xf32>
func.func @max_pool_ceil_mode(%x: tensor<1x1x6x6xf32>, %y: tensor<1x1x2xf32>) {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, ceil_mode = true}
      : tensor<1x1x6x6xf32> -> tensor<1x1x3x3xf32>
  %1 = nn.max_pool %y {kernel_shape = array<i64: 3>, strides = array<i64: 2>, pads = array<i64: 0, 2>, ceil_mode = true}
      : tensor<1x1x2xf32> -> tensor<1x1x1xf32>
  return
}

// INFER-LABEL: func.func @infer_max_pool
// INFER: nn.max_pool {{.*}} -> tensor<?x3x?x3xf32>
// INFER: nn.max_pool {{.*}} -> tensor<1x1x2x2xf32>
func.func @infer_max_pool(%x: tensor<?x3x?x7xf32>, %y: tensor<1x1x6x6xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>}
      : tensor<?x3x?x7xf32> -> tensor<?x?x?x?xf32>
  %1 = nn.max_pool %y {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>}
      : tensor<1x1x6x6xf32> -> tensor<?x?x?x?xf32>
  return %0, %1 : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
}

//===----------------------------------------------------------------------===//
// nn.avg_pool
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @avg_pool
// CHECK: nn.avg_pool %{{.*}} {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x16x8x8xf32> -> tensor<1x16x4x4xf32>
// CHECK: nn.avg_pool %{{.*}} {count_include_pad = true, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : tensor<?x16x8x8xf32> -> tensor<?x16x8x8xf32>
// CHECK: nn.avg_pool %{{.*}} {ceil_mode = true, kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x7x7xf32> -> tensor<1x3x4x4xf32>
// CHECK: nn.avg_pool %{{.*}} {kernel_shape = array<i64: 2>} : tensor<1x3x5xbf16> -> tensor<1x3x4xbf16>
func.func @avg_pool(%x: tensor<1x16x8x8xf32>, %y: tensor<?x16x8x8xf32>,
                    %z: tensor<1x3x7x7xf32>, %v: tensor<1x3x5xbf16>) {
  %0 = nn.avg_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}
      : tensor<1x16x8x8xf32> -> tensor<1x16x4x4xf32>
  %1 = nn.avg_pool %y {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>,
                       count_include_pad = true}
      : tensor<?x16x8x8xf32> -> tensor<?x16x8x8xf32>
  %2 = nn.avg_pool %z {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, ceil_mode = true}
      : tensor<1x3x7x7xf32> -> tensor<1x3x4x4xf32>
  %3 = nn.avg_pool %v {kernel_shape = array<i64: 2>, ceil_mode = false, count_include_pad = false}
      : tensor<1x3x5xbf16> -> tensor<1x3x4xbf16>
  return
}

// INFER-LABEL: func.func @infer_avg_pool
// INFER: nn.avg_pool {{.*}} -> tensor<?x16x4x?xf32>
// INFER: nn.avg_pool {{.*}} -> tensor<1x3x3x3xf32>
func.func @infer_avg_pool(%x: tensor<?x16x8x?xf32>, %z: tensor<1x3x7x7xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) {
  %0 = nn.avg_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}
      : tensor<?x16x8x?xf32> -> tensor<?x?x?x?xf32>
  %1 = nn.avg_pool %z {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}
      : tensor<1x3x7x7xf32> -> tensor<?x?x?x?xf32>
  return %0, %1 : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
}

//===----------------------------------------------------------------------===//
// nn.global_max_pool, nn.global_avg_pool
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @global_pools
// CHECK: nn.global_max_pool %{{.*}} : tensor<?x512x7x7xf32> -> tensor<?x512x1x1xf32>
// CHECK: nn.global_avg_pool %{{.*}} : tensor<?x512x7x7xf32> -> tensor<?x512x1x1xf32>
// CHECK: nn.global_avg_pool %{{.*}} : tensor<2x8x10xf16> -> tensor<2x8x1xf16>
// CHECK: nn.global_max_pool %{{.*}} : tensor<1x4x2x3x5xf32> -> tensor<1x4x1x1x1xf32>
func.func @global_pools(%x: tensor<?x512x7x7xf32>, %y: tensor<2x8x10xf16>,
                        %z: tensor<1x4x2x3x5xf32>) {
  %0 = nn.global_max_pool %x : tensor<?x512x7x7xf32> -> tensor<?x512x1x1xf32>
  %1 = nn.global_avg_pool %x : tensor<?x512x7x7xf32> -> tensor<?x512x1x1xf32>
  %2 = nn.global_avg_pool %y : tensor<2x8x10xf16> -> tensor<2x8x1xf16>
  %3 = nn.global_max_pool %z : tensor<1x4x2x3x5xf32> -> tensor<1x4x1x1x1xf32>
  return
}

// Dynamic spatial extents still reduce to 1.
// INFER-LABEL: func.func @infer_global_pool
// INFER: nn.global_avg_pool {{.*}} -> tensor<?x8x1x1xf32>
func.func @infer_global_pool(%x: tensor<?x8x?x?xf32>) -> tensor<?x?x?x?xf32> {
  %0 = nn.global_avg_pool %x : tensor<?x8x?x?xf32> -> tensor<?x?x?x?xf32>
  return %0 : tensor<?x?x?x?xf32>
}
