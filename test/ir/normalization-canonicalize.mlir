// RUN: %nn-opt %s -canonicalize -split-input-file | FileCheck %s

// reduce<kind>(x) = x when every reduced extent is 1 and keepdims holds.
// CHECK-LABEL: func.func @reduce_unit_axes
// CHECK-SAME: (%[[X:.+]]: tensor<?x1x4x1xf32>, %[[I:.+]]: tensor<3x1xi32>)
// CHECK-NOT: nn.reduce
// CHECK: return %[[X]], %[[X]], %[[X]], %[[I]], %[[I]]
func.func @reduce_unit_axes(%x: tensor<?x1x4x1xf32>, %i: tensor<3x1xi32>)
    -> (tensor<?x1x4x1xf32>, tensor<?x1x4x1xf32>, tensor<?x1x4x1xf32>,
        tensor<3x1xi32>, tensor<3x1xi32>) {
  %0 = nn.reduce sum %x {axes = array<i64: 1>} : tensor<?x1x4x1xf32> -> tensor<?x1x4x1xf32>
  %1 = nn.reduce mean %x {axes = array<i64: 1, -1>} : tensor<?x1x4x1xf32> -> tensor<?x1x4x1xf32>
  %2 = nn.reduce max %0 {axes = array<i64: 3>} : tensor<?x1x4x1xf32> -> tensor<?x1x4x1xf32>
  %3 = nn.reduce min %i {axes = array<i64: -1>} : tensor<3x1xi32> -> tensor<3x1xi32>
  %4 = nn.reduce prod %i {axes = array<i64: 1>} : tensor<3x1xi32> -> tensor<3x1xi32>
  return %1, %2, %0, %3, %4 : tensor<?x1x4x1xf32>, tensor<?x1x4x1xf32>, tensor<?x1x4x1xf32>, tensor<3x1xi32>, tensor<3x1xi32>
}

// -----

// Empty axes reduce everything: identity on an all-ones shape and on a scalar.
// CHECK-LABEL: func.func @reduce_all_unit
// CHECK-SAME: (%[[X:.+]]: tensor<1x1xf32>, %[[S:.+]]: tensor<f32>)
// CHECK-NOT: nn.reduce
// CHECK: return %[[X]], %[[S]], %[[S]]
func.func @reduce_all_unit(%x: tensor<1x1xf32>, %s: tensor<f32>)
    -> (tensor<1x1xf32>, tensor<f32>, tensor<f32>) {
  %0 = nn.reduce sum %x : tensor<1x1xf32> -> tensor<1x1xf32>
  %1 = nn.reduce max %s : tensor<f32> -> tensor<f32>
  %2 = nn.reduce mean %s {keepdims = false} : tensor<f32> -> tensor<f32>
  return %0, %1, %2 : tensor<1x1xf32>, tensor<f32>, tensor<f32>
}

// -----

// Must not fold: a reduced extent > 1, a dynamic reduced extent (it may be
// > 1 even though the declared result keeps `?`), a dropped dimension, and a
// result type more static than the input.
// CHECK-LABEL: func.func @reduce_no_fold
// CHECK-COUNT-4: nn.reduce
func.func @reduce_no_fold(%x: tensor<?x1x4xf32>)
    -> (tensor<?x1x1xf32>, tensor<?x1x4xf32>, tensor<?x4xf32>, tensor<3x1x4xf32>) {
  %0 = nn.reduce sum %x {axes = array<i64: 2>} : tensor<?x1x4xf32> -> tensor<?x1x1xf32>
  %1 = nn.reduce max %x {axes = array<i64: 0>} : tensor<?x1x4xf32> -> tensor<?x1x4xf32>
  %2 = nn.reduce min %x {axes = array<i64: 1>, keepdims = false} : tensor<?x1x4xf32> -> tensor<?x4xf32>
  %3 = nn.reduce mean %x {axes = array<i64: 1>} : tensor<?x1x4xf32> -> tensor<3x1x4xf32>
  return %0, %1, %2, %3 : tensor<?x1x1xf32>, tensor<?x1x4xf32>, tensor<?x4xf32>, tensor<3x1x4xf32>
}
