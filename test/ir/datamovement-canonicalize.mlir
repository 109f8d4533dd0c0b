// RUN: %nn-opt %s -canonicalize -split-input-file | FileCheck %s

// reshape(reshape(x)) = reshape(x)
// CHECK-LABEL: func @reshape_reshape
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK: %[[R:.+]] = nn.reshape %[[X]] : tensor<2x3x4xf32> -> tensor<24xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_reshape(%x: tensor<2x3x4xf32>) -> tensor<24xf32> {
  %0 = nn.reshape %x : tensor<2x3x4xf32> -> tensor<6x4xf32>
  %1 = nn.reshape %0 : tensor<6x4xf32> -> tensor<24xf32>
  return %1 : tensor<24xf32>
}

// -----

// reshape(x : T -> T) = x
// CHECK-LABEL: func @reshape_same_type
// CHECK-SAME: (%[[X:.+]]: tensor<?x4xf32>)
// CHECK-NOT: nn.reshape
// CHECK: return %[[X]]
func.func @reshape_same_type(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = nn.reshape %x : tensor<?x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// reshape(constant) = constant of the new shape
// CHECK-LABEL: func @reshape_constant
// CHECK: %[[C:.+]] = nn.constant dense<{{\[}}[1, 2], [3, 4]]> : tensor<2x2xi32>
// CHECK-NOT: nn.reshape
// CHECK: return %[[C]]
func.func @reshape_constant() -> tensor<2x2xi32> {
  %c = nn.constant dense<[1, 2, 3, 4]> : tensor<4xi32>
  %0 = nn.reshape %c : tensor<4xi32> -> tensor<2x2xi32>
  return %0 : tensor<2x2xi32>
}

// -----

// A reshape that changes the shape stays.
// CHECK-LABEL: func @reshape_keep
// CHECK: nn.reshape %{{.*}} : tensor<?x4xf32> -> tensor<?xf32>
func.func @reshape_keep(%x: tensor<?x4xf32>) -> tensor<?xf32> {
  %0 = nn.reshape %x : tensor<?x4xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// transpose(x, identity) = x
// CHECK-LABEL: func @transpose_identity
// CHECK-SAME: (%[[X:.+]]: tensor<?x3xf32>)
// CHECK-NOT: nn.transpose
// CHECK: return %[[X]]
func.func @transpose_identity(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = nn.transpose %x {perm = array<i64: 0, 1>} : tensor<?x3xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// transpose(transpose(x, p1), p2) = transpose(x, q), q[i] = p1[p2[i]]:
// p1 = [1, 2, 0], p2 = [1, 0, 2] give q = [2, 1, 0].
// CHECK-LABEL: func @transpose_compose
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK: %[[T:.+]] = nn.transpose %[[X]] {perm = array<i64: 2, 1, 0>} : tensor<2x3x4xf32> -> tensor<4x3x2xf32>
// CHECK-NOT: nn.transpose
// CHECK: return %[[T]]
func.func @transpose_compose(%x: tensor<2x3x4xf32>) -> tensor<4x3x2xf32> {
  %0 = nn.transpose %x {perm = array<i64: 1, 2, 0>} : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
  %1 = nn.transpose %0 {perm = array<i64: 1, 0, 2>} : tensor<3x4x2xf32> -> tensor<4x3x2xf32>
  return %1 : tensor<4x3x2xf32>
}

// -----

// Inverse permutations compose to the identity, which folds away:
// p1 = [1, 2, 0], p2 = [2, 0, 1] give q = [0, 1, 2].
// CHECK-LABEL: func @transpose_inverse
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK-NOT: nn.transpose
// CHECK: return %[[X]]
func.func @transpose_inverse(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = nn.transpose %x {perm = array<i64: 1, 2, 0>} : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
  %1 = nn.transpose %0 {perm = array<i64: 2, 0, 1>} : tensor<3x4x2xf32> -> tensor<2x3x4xf32>
  return %1 : tensor<2x3x4xf32>
}

// -----

// A single non-identity transpose stays.
// CHECK-LABEL: func @transpose_keep
// CHECK: nn.transpose %{{.*}} {perm = array<i64: 1, 0>}
func.func @transpose_keep(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = nn.transpose %x {perm = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// concat(x) = x
// CHECK-LABEL: func @concat_single
// CHECK-SAME: (%[[X:.+]]: tensor<?x3xf32>)
// CHECK-NOT: nn.concat
// CHECK: return %[[X]]
func.func @concat_single(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = nn.concat %x {axis = 0 : i64} : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// CHECK-LABEL: func @concat_keep
// CHECK: nn.concat
func.func @concat_keep(%x: tensor<?x3xf32>) -> tensor<?x6xf32> {
  %0 = nn.concat %x, %x {axis = 1 : i64} : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

// -----

// slice(x, whole extent, step 1) = x; sentinels clamp to the extent, and a
// dynamic extent is covered by [0, INT64_MAX).
// CHECK-LABEL: func @slice_whole
// CHECK-SAME: (%[[X:.+]]: tensor<?x3xf32>)
// CHECK-NOT: nn.slice
// CHECK: return %[[X]]
func.func @slice_whole(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = nn.slice %x {starts = array<i64: 0, -9223372036854775808>, ends = array<i64: 9223372036854775807, 3>} : tensor<?x3xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// A reversing slice covers the extent but is no identity; a dynamic extent
// with a finite end may be cut.
// CHECK-LABEL: func @slice_keep
// CHECK: nn.slice %{{.*}} {ends = array<i64: -9223372036854775808>, starts = array<i64: -1>, steps = array<i64: -1>}
// CHECK: nn.slice %{{.*}} {ends = array<i64: 100>, starts = array<i64: 0>}
func.func @slice_keep(%x: tensor<3xf32>, %y: tensor<?xf32>) -> (tensor<3xf32>, tensor<?xf32>) {
  %0 = nn.slice %x {starts = array<i64: -1>, ends = array<i64: -9223372036854775808>, steps = array<i64: -1>} : tensor<3xf32> -> tensor<3xf32>
  %1 = nn.slice %y {starts = array<i64: 0>, ends = array<i64: 100>} : tensor<?xf32> -> tensor<?xf32>
  return %0, %1 : tensor<3xf32>, tensor<?xf32>
}

// -----

// pad(x, 0) = x
// CHECK-LABEL: func @pad_zero
// CHECK-SAME: (%[[X:.+]]: tensor<?x3xf32>)
// CHECK-NOT: nn.pad
// CHECK: return %[[X]]
func.func @pad_zero(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = nn.pad %x {pads = array<i64: 0, 0, 0, 0>, mode = #nn<pad reflect>} : tensor<?x3xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// Pads that cancel in extent still move elements.
// CHECK-LABEL: func @pad_keep
// CHECK: nn.pad %{{.*}} {pads = array<i64: 1, -1>}
func.func @pad_keep(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = nn.pad %x {pads = array<i64: 1, -1>} : tensor<3xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// broadcast(x : T -> T) = x
// CHECK-LABEL: func @broadcast_same
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK-NOT: nn.broadcast
// CHECK: return %[[X]]
func.func @broadcast_same(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = nn.broadcast %x : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @broadcast_keep
// CHECK: nn.broadcast %{{.*}} : tensor<1x3xf32> -> tensor<4x3xf32>
func.func @broadcast_keep(%x: tensor<1x3xf32>) -> tensor<4x3xf32> {
  %0 = nn.broadcast %x : tensor<1x3xf32> -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// tile(x, 1) = x
// CHECK-LABEL: func @tile_ones
// CHECK-SAME: (%[[X:.+]]: tensor<?x3xf32>)
// CHECK-NOT: nn.tile
// CHECK: return %[[X]]
func.func @tile_ones(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = nn.tile %x {repeats = array<i64: 1, 1>} : tensor<?x3xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// CHECK-LABEL: func @tile_keep
// CHECK: nn.tile %{{.*}} {repeats = array<i64: 1, 2>}
func.func @tile_keep(%x: tensor<?x3xf32>) -> tensor<?x6xf32> {
  %0 = nn.tile %x {repeats = array<i64: 1, 2>} : tensor<?x3xf32> -> tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

// -----

// squeeze(x) = reshape(x), unsqueeze(x) = reshape(x); the two reshapes then
// merge.
// CHECK-LABEL: func @squeeze_unsqueeze_to_reshape
// CHECK-SAME: (%[[X:.+]]: tensor<?x1x8xf32>)
// CHECK-NOT: nn.squeeze
// CHECK-NOT: nn.unsqueeze
// CHECK: %[[R:.+]] = nn.reshape %[[X]] : tensor<?x1x8xf32> -> tensor<1x?x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @squeeze_unsqueeze_to_reshape(%x: tensor<?x1x8xf32>) -> tensor<1x?x8xf32> {
  %0 = nn.squeeze %x {axes = array<i64: 1>} : tensor<?x1x8xf32> -> tensor<?x8xf32>
  %1 = nn.unsqueeze %0 {axes = array<i64: 0>} : tensor<?x8xf32> -> tensor<1x?x8xf32>
  return %1 : tensor<1x?x8xf32>
}

// -----

// With two dynamic result extents a reshape could not recover them: keep.
// CHECK-LABEL: func @squeeze_keep
// CHECK: nn.squeeze %{{.*}} {axes = array<i64: 1>} : tensor<?x1x?xf32> -> tensor<?x?xf32>
// CHECK: nn.unsqueeze %{{.*}} {axes = array<i64: 1>} : tensor<?x?xf32> -> tensor<?x1x?xf32>
func.func @squeeze_keep(%x: tensor<?x1x?xf32>) -> tensor<?x1x?xf32> {
  %0 = nn.squeeze %x {axes = array<i64: 1>} : tensor<?x1x?xf32> -> tensor<?x?xf32>
  %1 = nn.unsqueeze %0 {axes = array<i64: 1>} : tensor<?x?xf32> -> tensor<?x1x?xf32>
  return %1 : tensor<?x1x?xf32>
}

// -----

// trilu(x) = x when the triangle covers the M x N matrix: upper with
// k <= 1 - M, lower with k >= N - 1.
// CHECK-LABEL: func @trilu_all
// CHECK-SAME: (%[[X:.+]]: tensor<?x3x5xf32>)
// CHECK-NOT: nn.trilu
// CHECK: return %[[X]], %[[X]]
func.func @trilu_all(%x: tensor<?x3x5xf32>) -> (tensor<?x3x5xf32>, tensor<?x3x5xf32>) {
  %0 = nn.trilu %x {k = -2 : i64} : tensor<?x3x5xf32> -> tensor<?x3x5xf32>
  %1 = nn.trilu %x {upper = false, k = 4 : i64} : tensor<?x3x5xf32> -> tensor<?x3x5xf32>
  return %0, %1 : tensor<?x3x5xf32>, tensor<?x3x5xf32>
}

// -----

// One diagonal short of everything: keep.
// CHECK-LABEL: func @trilu_keep
// CHECK: nn.trilu %{{.*}} {k = -1 : i64}
// CHECK: nn.trilu %{{.*}} {k = 3 : i64, upper = false}
func.func @trilu_keep(%x: tensor<?x3x5xf32>) -> (tensor<?x3x5xf32>, tensor<?x3x5xf32>) {
  %0 = nn.trilu %x {k = -1 : i64} : tensor<?x3x5xf32> -> tensor<?x3x5xf32>
  %1 = nn.trilu %x {upper = false, k = 3 : i64} : tensor<?x3x5xf32> -> tensor<?x3x5xf32>
  return %0, %1 : tensor<?x3x5xf32>, tensor<?x3x5xf32>
}
