// RUN: %nn-opt %s | %nn-opt | FileCheck %s
// RUN: %nn-opt %s --nn-infer-shapes | FileCheck %s --check-prefix=INFER

// CHECK-LABEL: func.func @batch_norm
func.func @batch_norm(%x: tensor<?x3x8x8xf32>, %c: tensor<3xf32>,
                      %x2: tensor<2x?xf16>, %c2: tensor<4xf16>)
    -> (tensor<?x3x8x8xf32>, tensor<?x3x8x8xf32>, tensor<2x?xf16>) {
  // Default epsilon is elided.
  // CHECK: nn.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : (tensor<?x3x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x3x8x8xf32>
  %0 = nn.batch_norm %x, %c, %c, %c, %c
      : (tensor<?x3x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x3x8x8xf32>
  // CHECK: nn.batch_norm {{.*}} {epsilon = 1.000000e-03 : f64} : {{.*}} -> tensor<?x3x8x8xf32>
  %1 = nn.batch_norm %x, %c, %c, %c, %c {epsilon = 1.0e-3 : f64}
      : (tensor<?x3x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x3x8x8xf32>
  // Rank 2, dynamic channels: a declared result keeping `?` is accepted.
  // CHECK: nn.batch_norm {{.*}} : (tensor<2x?xf16>, tensor<4xf16>, tensor<4xf16>, tensor<4xf16>, tensor<4xf16>) -> tensor<2x?xf16>
  %2 = nn.batch_norm %x2, %c2, %c2, %c2, %c2
      : (tensor<2x?xf16>, tensor<4xf16>, tensor<4xf16>, tensor<4xf16>, tensor<4xf16>) -> tensor<2x?xf16>
  return %0, %1, %2 : tensor<?x3x8x8xf32>, tensor<?x3x8x8xf32>, tensor<2x?xf16>
}

// CHECK-LABEL: func.func @layer_norm
func.func @layer_norm(%x: tensor<?x128x768xf32>, %g: tensor<768xf32>,
                      %b: tensor<1x768xf32>, %g2: tensor<128x1xf32>)
    -> (tensor<?x128x768xf32>, tensor<?x128x768xf32>, tensor<?x128x768xf32>) {
  // CHECK: nn.layer_norm %{{.*}}, %{{.*}}, %{{.*}} : (tensor<?x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<?x128x768xf32>
  %0 = nn.layer_norm %x, %g, %g
      : (tensor<?x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<?x128x768xf32>
  // Normalized over the last two dimensions; both parameters broadcast.
  // CHECK: nn.layer_norm %{{.*}}, %{{.*}}, %{{.*}} {axis = -2 : i64, epsilon = 9.9999999999999995E-7 : f64} : (tensor<?x128x768xf32>, tensor<128x1xf32>, tensor<1x768xf32>) -> tensor<?x128x768xf32>
  %1 = nn.layer_norm %x, %g2, %b {axis = -2 : i64, epsilon = 1.0e-6 : f64}
      : (tensor<?x128x768xf32>, tensor<128x1xf32>, tensor<1x768xf32>) -> tensor<?x128x768xf32>
  // Over every dimension (axis 0), scale broadcast from [768].
  // CHECK: nn.layer_norm %{{.*}}, %{{.*}} {axis = 0 : i64} : (tensor<?x128x768xf32>, tensor<768xf32>) -> tensor<?x128x768xf32>
  %2 = nn.layer_norm %x, %g {axis = 0 : i64}
      : (tensor<?x128x768xf32>, tensor<768xf32>) -> tensor<?x128x768xf32>
  return %0, %1, %2 : tensor<?x128x768xf32>, tensor<?x128x768xf32>, tensor<?x128x768xf32>
}

// CHECK-LABEL: func.func @instance_norm
func.func @instance_norm(%x: tensor<?x3x16x16xf32>, %c: tensor<3xf32>,
                         %y: tensor<2x4x7xbf16>, %d: tensor<4xbf16>)
    -> (tensor<?x3x16x16xf32>, tensor<2x4x7xbf16>) {
  // CHECK: nn.instance_norm %{{.*}}, %{{.*}}, %{{.*}} : (tensor<?x3x16x16xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x3x16x16xf32>
  %0 = nn.instance_norm %x, %c, %c
      : (tensor<?x3x16x16xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x3x16x16xf32>
  // CHECK: nn.instance_norm {{.*}} {epsilon = 1.000000e-03 : f64} : (tensor<2x4x7xbf16>, tensor<4xbf16>, tensor<4xbf16>) -> tensor<2x4x7xbf16>
  %1 = nn.instance_norm %y, %d, %d {epsilon = 1.0e-3 : f64}
      : (tensor<2x4x7xbf16>, tensor<4xbf16>, tensor<4xbf16>) -> tensor<2x4x7xbf16>
  return %0, %1 : tensor<?x3x16x16xf32>, tensor<2x4x7xbf16>
}

// CHECK-LABEL: func.func @softmax
func.func @softmax(%x: tensor<?x10xf32>, %s: tensor<f64>)
    -> (tensor<?x10xf32>, tensor<?x10xf32>, tensor<?x10xf32>) {
  // CHECK: nn.softmax %{{.*}} : tensor<?x10xf32> -> tensor<?x10xf32>
  %0 = nn.softmax %x : tensor<?x10xf32> -> tensor<?x10xf32>
  // CHECK: nn.softmax %{{.*}} {axis = 0 : i64} : tensor<?x10xf32> -> tensor<?x10xf32>
  %1 = nn.softmax %x {axis = 0 : i64} : tensor<?x10xf32> -> tensor<?x10xf32>
  // CHECK: nn.log_softmax %{{.*}} {axis = 1 : i64} : tensor<?x10xf32> -> tensor<?x10xf32>
  %2 = nn.log_softmax %x {axis = 1 : i64} : tensor<?x10xf32> -> tensor<?x10xf32>
  return %0, %1, %2 : tensor<?x10xf32>, tensor<?x10xf32>, tensor<?x10xf32>
}

// CHECK-LABEL: func.func @reduce
func.func @reduce(%x: tensor<?x8x4xf32>, %i: tensor<4x8xi32>, %s: tensor<f32>) {
  // CHECK: nn.reduce sum %{{.*}} {axes = array<i64: 1>} : tensor<?x8x4xf32> -> tensor<?x1x4xf32>
  %0 = nn.reduce sum %x {axes = array<i64: 1>} : tensor<?x8x4xf32> -> tensor<?x1x4xf32>
  // CHECK: nn.reduce mean %{{.*}} {axes = array<i64: 1, -1>, keepdims = false} : tensor<?x8x4xf32> -> tensor<?xf32>
  %1 = nn.reduce mean %x {axes = array<i64: 1, -1>, keepdims = false} : tensor<?x8x4xf32> -> tensor<?xf32>
  // Empty axes reduce everything.
  // CHECK: nn.reduce max %{{.*}} : tensor<?x8x4xf32> -> tensor<1x1x1xf32>
  %2 = nn.reduce max %x : tensor<?x8x4xf32> -> tensor<1x1x1xf32>
  // CHECK: nn.reduce min %{{.*}} {keepdims = false} : tensor<?x8x4xf32> -> tensor<f32>
  %3 = nn.reduce min %x {keepdims = false} : tensor<?x8x4xf32> -> tensor<f32>
  // Integers: sum, max, min, prod.
  // CHECK: nn.reduce prod %{{.*}} {axes = array<i64: 0>} : tensor<4x8xi32> -> tensor<1x8xi32>
  %4 = nn.reduce prod %i {axes = array<i64: 0>} : tensor<4x8xi32> -> tensor<1x8xi32>
  // CHECK: nn.reduce max %{{.*}} {axes = array<i64: -1>, keepdims = false} : tensor<4x8xi32> -> tensor<4xi32>
  %5 = nn.reduce max %i {axes = array<i64: -1>, keepdims = false} : tensor<4x8xi32> -> tensor<4xi32>
  // CHECK: nn.reduce sum %{{.*}} : tensor<4x8xi32> -> tensor<1x1xi32>
  %6 = nn.reduce sum %i : tensor<4x8xi32> -> tensor<1x1xi32>
  // CHECK: nn.reduce min %{{.*}} {axes = array<i64: 1>} : tensor<4x8xi32> -> tensor<4x1xi32>
  %7 = nn.reduce min %i {axes = array<i64: 1>} : tensor<4x8xi32> -> tensor<4x1xi32>
  // A rank-0 input.
  // CHECK: nn.reduce sum %{{.*}} : tensor<f32> -> tensor<f32>
  %8 = nn.reduce sum %s : tensor<f32> -> tensor<f32>
  return
}

// CHECK-LABEL: func.func @arg_reduce
func.func @arg_reduce(%x: tensor<?x10xf32>, %i: tensor<3x4x5xi32>) {
  // CHECK: nn.argmax %{{.*}} : tensor<?x10xf32> -> tensor<1x10xi64>
  %0 = nn.argmax %x : tensor<?x10xf32> -> tensor<1x10xi64>
  // CHECK: nn.argmax %{{.*}} {axis = 1 : i64, keepdims = false} : tensor<?x10xf32> -> tensor<?xi64>
  %1 = nn.argmax %x {axis = 1 : i64, keepdims = false} : tensor<?x10xf32> -> tensor<?xi64>
  // CHECK: nn.argmin %{{.*}} {axis = -1 : i64, select_last_index = true} : tensor<3x4x5xi32> -> tensor<3x4x1xi64>
  %2 = nn.argmin %i {axis = -1 : i64, select_last_index = true} : tensor<3x4x5xi32> -> tensor<3x4x1xi64>
  // CHECK: nn.argmin %{{.*}} {axis = 1 : i64, keepdims = false} : tensor<?x10xf32> -> tensor<?xi64>
  %3 = nn.argmin %x {axis = 1 : i64, keepdims = false} : tensor<?x10xf32> -> tensor<?xi64>
  return
}

// Inference: results declared fully dynamic are refined; the batch stays `?`
// and a dynamic channel extent is pinned by the parameters.
// INFER-LABEL: func.func @infer
func.func @infer(%x: tensor<?x?x8x8xf32>, %c: tensor<3xf32>, %g: tensor<8x1xf32>) {
  // INFER: nn.batch_norm {{.*}} -> tensor<?x3x8x8xf32>
  %0 = nn.batch_norm %x, %c, %c, %c, %c : (tensor<?x?x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x?x?x?xf32>
  // INFER: nn.instance_norm {{.*}} -> tensor<?x3x8x8xf32>
  %1 = nn.instance_norm %x, %c, %c : (tensor<?x?x8x8xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x?x?x?xf32>
  // INFER: nn.layer_norm {{.*}} -> tensor<?x?x8x8xf32>
  %2 = nn.layer_norm %x, %g {axis = 2 : i64} : (tensor<?x?x8x8xf32>, tensor<8x1xf32>) -> tensor<?x?x?x?xf32>
  // INFER: nn.softmax {{.*}} -> tensor<?x?x8x8xf32>
  %3 = nn.softmax %x : tensor<?x?x8x8xf32> -> tensor<?x?x?x?xf32>
  // INFER: nn.reduce sum {{.*}} -> tensor<?x?x1x8xf32>
  %4 = nn.reduce sum %x {axes = array<i64: 2>} : tensor<?x?x8x8xf32> -> tensor<?x?x?x?xf32>
  // INFER: nn.reduce mean {{.*}} -> tensor<?x8xf32>
  %5 = nn.reduce mean %x {axes = array<i64: 1, 2>, keepdims = false} : tensor<?x?x8x8xf32> -> tensor<?x?xf32>
  // INFER: nn.reduce max {{.*}} -> tensor<1x1x1x1xf32>
  %6 = nn.reduce max %x : tensor<?x?x8x8xf32> -> tensor<?x?x?x?xf32>
  // INFER: nn.argmax {{.*}} -> tensor<?x8x8xi64>
  %7 = nn.argmax %x {axis = 1 : i64, keepdims = false} : tensor<?x?x8x8xf32> -> tensor<?x?x?xi64>
  // INFER: nn.argmin {{.*}} -> tensor<1x?x8x8xi64>
  %8 = nn.argmin %x : tensor<?x?x8x8xf32> -> tensor<?x?x?x?xi64>
  return
}
