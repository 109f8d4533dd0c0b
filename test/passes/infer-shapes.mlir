// RUN: %nn-opt %s -nn-infer-shapes -split-input-file | FileCheck %s

// Dynamic result types are refined from static operands, and the function's
// result type follows.
// CHECK-LABEL: func.func @refine_chain
// CHECK-SAME: -> tensor<2x3xf32>
// CHECK: nn.add {{.*}} -> tensor<2x3xf32>
// CHECK: nn.relu %{{.*}} : tensor<2x3xf32>
// CHECK: return {{.*}} : tensor<2x3xf32>
func.func @refine_chain(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<?x?xf32> {
  %0 = nn.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<?x?xf32>
  %1 = nn.relu %0 : tensor<?x?xf32>
  return %1 : tensor<?x?xf32>
}

// -----

// A genuinely dynamic batch stays dynamic.
// CHECK-LABEL: func.func @keep_dynamic
// CHECK: nn.add {{.*}} -> tensor<?x3xf32>
func.func @keep_dynamic(%a: tensor<?x3xf32>, %b: tensor<1x3xf32>) -> tensor<?x3xf32> {
  %0 = nn.add %a, %b : (tensor<?x3xf32>, tensor<1x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// Users outside the nn dialect keep their old operand type via tensor.cast.
// CHECK-LABEL: func.func @foreign_user
// CHECK: %[[ADD:.*]] = nn.add {{.*}} -> tensor<2x3xf32>
// CHECK: %[[CAST:.*]] = tensor.cast %[[ADD]] : tensor<2x3xf32> to tensor<?x3xf32>
// CHECK: tensor.dim %[[CAST]]
func.func @foreign_user(%a: tensor<2x3xf32>) -> index {
  %c0 = arith.constant 0 : index
  %0 = nn.add %a, %a : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<?x3xf32>
  %d = tensor.dim %0, %c0 : tensor<?x3xf32>
  return %d : index
}

// -----

// Ops whose result shape lives in the result type refine it themselves once
// the input is static: a reshape's single `?` is the element count over the
// static extents; a broadcast's `?` is pinned by a static input extent.
// CHECK-LABEL: func.func @refine_reshape_and_broadcast
// CHECK: nn.reshape %{{.*}} : tensor<4x1x28x28xf32> -> tensor<4x784xf32>
// CHECK: nn.broadcast %{{.*}} : tensor<3x1xf32> -> tensor<3x5xf32>
// CHECK: nn.relu %{{.*}} : tensor<4x784xf32>
// CHECK: return {{.*}} : tensor<4x784xf32>, tensor<3x5xf32>
func.func @refine_reshape_and_broadcast(%x: tensor<4x1x28x28xf32>, %b: tensor<3x1xf32>)
    -> (tensor<?x784xf32>, tensor<?x5xf32>) {
  %0 = nn.reshape %x : tensor<4x1x28x28xf32> -> tensor<?x784xf32>
  %1 = nn.broadcast %b : tensor<3x1xf32> -> tensor<?x5xf32>
  %2 = nn.relu %0 : tensor<?x784xf32>
  return %2, %1 : tensor<?x784xf32>, tensor<?x5xf32>
}
