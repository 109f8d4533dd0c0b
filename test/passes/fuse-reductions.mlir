// RUN: %nn-opt %s --nn-fuse-reductions --split-input-file | FileCheck %s

// softmax, log_softmax, layer_norm and the cross-entropy loss: one group
// each, with the elementwise producer of the reduced input and the
// elementwise chain after the reduction.
// CHECK-LABEL: func.func @softmax_scaled
// CHECK: nn.fusion_group "reduction" : tensor<2x4x16xf32> {
// CHECK-NEXT: nn.mul
// CHECK-NEXT: nn.softmax
// CHECK-NEXT: nn.yield
func.func @softmax_scaled(%x: tensor<2x4x16xf32>, %s: tensor<f32>) -> tensor<2x4x16xf32> {
  %m = nn.mul %x, %s : (tensor<2x4x16xf32>, tensor<f32>) -> tensor<2x4x16xf32>
  %y = nn.softmax %m {axis = -1 : i64} : tensor<2x4x16xf32> -> tensor<2x4x16xf32>
  return %y : tensor<2x4x16xf32>
}

// -----

// CHECK-LABEL: func.func @layer_norm_gelu
// CHECK: nn.fusion_group "reduction"
// CHECK-NEXT: nn.layer_norm
// CHECK-NEXT: nn.gelu
// CHECK-NEXT: nn.yield
func.func @layer_norm_gelu(%x: tensor<4x32xf32>, %g: tensor<32xf32>, %b: tensor<32xf32>) -> tensor<4x32xf32> {
  %n = nn.layer_norm %x, %g, %b {axis = -1 : i64} : (tensor<4x32xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<4x32xf32>
  %y = nn.gelu %n : tensor<4x32xf32>
  return %y : tensor<4x32xf32>
}

// -----

// CHECK-LABEL: func.func @log_softmax_and_loss
// CHECK: nn.fusion_group "reduction"
// CHECK-NEXT: nn.log_softmax
// CHECK-NEXT: nn.yield
// CHECK: nn.fusion_group "reduction"
// CHECK-NEXT: nn.softmax_cross_entropy
// CHECK-NEXT: nn.yield
func.func @log_softmax_and_loss(%x: tensor<4x10xf32>, %l: tensor<4xi64>) -> (tensor<4x10xf32>, tensor<f32>) {
  %p = nn.log_softmax %x {axis = 1 : i64} : tensor<4x10xf32> -> tensor<4x10xf32>
  %c = nn.softmax_cross_entropy %x, %l : (tensor<4x10xf32>, tensor<4xi64>) -> tensor<f32>
  return %p, %c : tensor<4x10xf32>, tensor<f32>
}

// -----

// Must not fire on the elementwise neighbours here: the producer is also
// returned, and the consumer broadcasts to a larger shape. The softmax
// still forms its own group.
// CHECK-LABEL: func.func @neighbours_stay
// CHECK: nn.exp
// CHECK-NEXT: nn.fusion_group "reduction"
// CHECK-NEXT: nn.softmax
// CHECK-NEXT: nn.yield
// CHECK-NEXT: }
// CHECK-NEXT: nn.add
func.func @neighbours_stay(%x: tensor<4x8xf32>, %big: tensor<3x4x8xf32>) -> (tensor<4x8xf32>, tensor<3x4x8xf32>) {
  %e = nn.exp %x : tensor<4x8xf32>
  %s = nn.softmax %e {axis = -1 : i64} : tensor<4x8xf32> -> tensor<4x8xf32>
  %a = nn.add %s, %big : (tensor<4x8xf32>, tensor<3x4x8xf32>) -> tensor<3x4x8xf32>
  return %e, %a : tensor<4x8xf32>, tensor<3x4x8xf32>
}
