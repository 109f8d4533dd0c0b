// RUN: %nn-opt %s -canonicalize -split-input-file | FileCheck %s
// Folders and DRR patterns of the elementwise family, each with a case that
// must not fire.

// x + 0 = x, 0 + x = x, x - 0 = x, x * 1 = x, 1 * x = x, x / 1 = x
// CHECK-LABEL: func.func @identities
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT: nn.add
// CHECK-NOT: nn.sub
// CHECK-NOT: nn.mul
// CHECK-NOT: nn.div
// CHECK: return %[[X]]
func.func @identities(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %zero = nn.constant dense<0.0> : tensor<3xf32>
  %one = nn.constant dense<1.0> : tensor<f32>
  %0 = nn.add %x, %zero : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = nn.add %zero, %0 : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = nn.sub %1, %zero : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %3 = nn.mul %2, %one : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %4 = nn.mul %one, %3 : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = nn.div %4, %one : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %5 : tensor<2x3xf32>
}

// -----

// An identity operand that broadcasts x to a larger shape must not fold:
// the result type differs from x's. 0 - x is not x either.
// CHECK-LABEL: func.func @identity_that_broadcasts
// CHECK: nn.add
// CHECK: nn.sub
func.func @identity_that_broadcasts(%x: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>) {
  %zero = nn.constant dense<0.0> : tensor<2x3xf32>
  %z = nn.constant dense<0.0> : tensor<3xf32>
  %0 = nn.add %x, %zero : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = nn.sub %z, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<3xf32>
}

// -----

// Constant folding with broadcasting: [[10], [20]] + [1, 2, 3].
// CHECK-LABEL: func.func @fold_broadcast_add
// CHECK: %[[C:.*]] = nn.constant dense<{{\[}}[1.100000e+01, 1.200000e+01, 1.300000e+01], [2.100000e+01, 2.200000e+01, 2.300000e+01]]> : tensor<2x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @fold_broadcast_add() -> tensor<2x3xf32> {
  %a = nn.constant dense<[[10.0], [20.0]]> : tensor<2x1xf32>
  %b = nn.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %0 = nn.add %a, %b : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Integer shape arithmetic folds exactly; integer division truncates.
// CHECK-LABEL: func.func @fold_integer
// CHECK: nn.constant dense<[3, -2]> : tensor<2xi64>
func.func @fold_integer() -> tensor<2xi64> {
  %a = nn.constant dense<[7, -5]> : tensor<2xi64>
  %b = nn.constant dense<2> : tensor<i64>
  %0 = nn.div %a, %b : (tensor<2xi64>, tensor<i64>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// Unary math folds over constants: relu, exp(0) = 1, sqrt(4) = 2.
// CHECK-LABEL: func.func @fold_unary
// CHECK-DAG: nn.constant dense<[0.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: nn.constant dense<1.000000e+00> : tensor<2xf32>
// CHECK-NOT: nn.relu
// CHECK-NOT: nn.exp
// CHECK-NOT: nn.sqrt
func.func @fold_unary() -> (tensor<2xf32>, tensor<2xf32>) {
  %a = nn.constant dense<[-3.0, 4.0]> : tensor<2xf32>
  %z = nn.constant dense<0.0> : tensor<2xf32>
  %0 = nn.relu %a : tensor<2xf32>
  %1 = nn.sqrt %0 : tensor<2xf32>
  %2 = nn.exp %z : tensor<2xf32>
  return %1, %2 : tensor<2xf32>, tensor<2xf32>
}

// -----

// Large constants are not folded (the IR would grow).
// CHECK-LABEL: func.func @no_fold_large
// CHECK: nn.add
func.func @no_fold_large() -> tensor<4097xf32> {
  %a = nn.constant dense<1.0> : tensor<4097xf32>
  %0 = nn.add %a, %a : (tensor<4097xf32>, tensor<4097xf32>) -> tensor<4097xf32>
  return %0 : tensor<4097xf32>
}

// -----

// neg(neg(x)) = x; relu(relu(x)) = relu(x); not(not(x)) = x.
// CHECK-LABEL: func.func @involutions
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[M:.*]]: tensor<4xi1>)
// CHECK-NOT: nn.neg
// CHECK-NOT: nn.not
// CHECK: %[[R:.*]] = nn.relu %[[X]]
// CHECK-NOT: nn.relu
// CHECK: return %[[X]], %[[R]], %[[M]]
func.func @involutions(%x: tensor<4xf32>, %m: tensor<4xi1>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xi1>) {
  %0 = nn.neg %x : tensor<4xf32>
  %1 = nn.neg %0 : tensor<4xf32>
  %2 = nn.relu %x : tensor<4xf32>
  %3 = nn.relu %2 : tensor<4xf32>
  %4 = nn.not %m : tensor<4xi1>
  %5 = nn.not %4 : tensor<4xi1>
  return %1, %3, %5 : tensor<4xf32>, tensor<4xf32>, tensor<4xi1>
}

// -----

// A single neg stays.
// CHECK-LABEL: func.func @single_neg
// CHECK: nn.neg
func.func @single_neg(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.neg %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// select with a constant condition or equal branches picks a branch.
// CHECK-LABEL: func.func @select_folds
// CHECK-SAME: (%[[A:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<4xf32>, %[[C:.*]]: tensor<4xi1>)
// CHECK-NOT: nn.select
// CHECK: return %[[B]], %[[A]]
func.func @select_folds(%a: tensor<4xf32>, %b: tensor<4xf32>, %c: tensor<4xi1>) -> (tensor<4xf32>, tensor<4xf32>) {
  %f = nn.constant dense<false> : tensor<4xi1>
  %0 = nn.select %f, %a, %b : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = nn.select %c, %a, %a : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// A cast to the same type is a no-op; a real conversion stays.
// CHECK-LABEL: func.func @cast_fold
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[I:.*]] = nn.cast %[[X]] : tensor<4xf32> -> tensor<4xi32>
// CHECK: return %[[X]], %[[I]]
func.func @cast_fold(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xi32>) {
  %0 = nn.cast %x : tensor<4xf32> -> tensor<4xf32>
  %1 = nn.cast %x : tensor<4xf32> -> tensor<4xi32>
  return %0, %1 : tensor<4xf32>, tensor<4xi32>
}


// -----

//===--- Data movement ---===//

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


// -----

//===--- Normalization and reductions ---===//

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

// -----

// Integer folding wraps like two's complement instead of trapping:
// INT64_MIN / -1 and INT64_MAX + 1 are the folder's edge cases.
// CHECK-LABEL: func.func @fold_integer_overflow
// CHECK-DAG: nn.constant dense<-9223372036854775808> : tensor<1xi64>
// CHECK-NOT: nn.div
// CHECK-NOT: nn.add
func.func @fold_integer_overflow() -> (tensor<1xi64>, tensor<1xi64>) {
  %min = nn.constant dense<-9223372036854775808> : tensor<1xi64>
  %max = nn.constant dense<9223372036854775807> : tensor<1xi64>
  %m1 = nn.constant dense<-1> : tensor<1xi64>
  %one = nn.constant dense<1> : tensor<1xi64>
  %0 = nn.div %min, %m1 : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi64>
  %1 = nn.add %max, %one : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi64>
  return %0, %1 : tensor<1xi64>, tensor<1xi64>
}

// -----

// neg and abs fold on integers exactly (ONNX Neg/Abs accept integers):
// -[5, -7] = [-5, 7] and abs([-5, 7]) = [5, 7].
// CHECK-LABEL: func.func @fold_integer_unary
// CHECK-DAG: nn.constant dense<[-5, 7]> : tensor<2xi64>
// CHECK-DAG: nn.constant dense<[5, 7]> : tensor<2xi64>
// CHECK-NOT: nn.neg
// CHECK-NOT: nn.abs
func.func @fold_integer_unary() -> (tensor<2xi64>, tensor<2xi64>) {
  %c = nn.constant dense<[5, -7]> : tensor<2xi64>
  %0 = nn.neg %c : tensor<2xi64>
  %1 = nn.abs %0 : tensor<2xi64>
  return %0, %1 : tensor<2xi64>, tensor<2xi64>
}

// -----

//===--- Data movement over constants (shape subgraphs) ---===//

// transpose of [[1, 2, 3], [4, 5, 6]] is [[1, 4], [2, 5], [3, 6]].
// CHECK-LABEL: func.func @fold_transpose_constant
// CHECK: nn.constant dense<{{\[}}[1, 4], [2, 5], [3, 6]]> : tensor<3x2xi64>
// CHECK-NOT: nn.transpose
func.func @fold_transpose_constant() -> tensor<3x2xi64> {
  %c = nn.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
  %0 = nn.transpose %c {perm = array<i64: 1, 0>} : tensor<2x3xi64> -> tensor<3x2xi64>
  return %0 : tensor<3x2xi64>
}

// -----

// Shape arithmetic as exporters write it: slice a shape, gather an extent,
// unsqueeze, concat with a constant -> one constant [6, 4, -1].
// CHECK-LABEL: func.func @fold_shape_subgraph
// CHECK: %[[C:.*]] = nn.constant dense<[6, 4, -1]> : tensor<3xi64>
// CHECK-NEXT: return %[[C]]
func.func @fold_shape_subgraph() -> tensor<3xi64> {
  %shape = nn.constant dense<[2, 3, 4, 5]> : tensor<4xi64>
  %head = nn.slice %shape {starts = array<i64: 0>, ends = array<i64: 2>} : tensor<4xi64> -> tensor<2xi64>
  %i2 = nn.constant dense<2> : tensor<i64>
  %d2 = nn.gather %shape, %i2 : (tensor<4xi64>, tensor<i64>) -> tensor<i64>
  %d2v = nn.unsqueeze %d2 {axes = array<i64: 0>} : tensor<i64> -> tensor<1xi64>
  %h0 = nn.slice %head {starts = array<i64: 0>, ends = array<i64: 1>} : tensor<2xi64> -> tensor<1xi64>
  %h1 = nn.slice %head {starts = array<i64: -1>, ends = array<i64: 2>} : tensor<2xi64> -> tensor<1xi64>
  %prod = nn.mul %h0, %h1 : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi64>
  %m1 = nn.constant dense<-1> : tensor<1xi64>
  %0 = nn.concat %prod, %d2v, %m1 {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<3xi64>
  return %0 : tensor<3xi64>
}

// -----

// Reversed strided slice [5, 4, 3, 2, 1][::-2] = [1, 3, 5]; squeeze of a
// constant; broadcast and tile of constants.
// CHECK-LABEL: func.func @fold_slice_broadcast_tile
// CHECK-DAG: nn.constant dense<[1, 3, 5]> : tensor<3xi32>
// CHECK-DAG: nn.constant dense<7> : tensor<i32>
// CHECK-DAG: nn.constant dense<{{\[}}[1, 2], [1, 2], [1, 2]]> : tensor<3x2xi32>
// CHECK-DAG: nn.constant dense<[1, 2, 1, 2]> : tensor<4xi32>
// CHECK-NOT: nn.slice
// CHECK-NOT: nn.squeeze
// CHECK-NOT: nn.broadcast
// CHECK-NOT: nn.tile
func.func @fold_slice_broadcast_tile() -> (tensor<3xi32>, tensor<i32>, tensor<3x2xi32>, tensor<4xi32>) {
  %v = nn.constant dense<[5, 4, 3, 2, 1]> : tensor<5xi32>
  %0 = nn.slice %v {starts = array<i64: -1>, ends = array<i64: -9223372036854775807>, steps = array<i64: -2>} : tensor<5xi32> -> tensor<3xi32>
  %s = nn.constant dense<[7]> : tensor<1xi32>
  %1 = nn.squeeze %s {axes = array<i64: 0>} : tensor<1xi32> -> tensor<i32>
  %r = nn.constant dense<[1, 2]> : tensor<2xi32>
  %2 = nn.broadcast %r : tensor<2xi32> -> tensor<3x2xi32>
  %3 = nn.tile %r {repeats = array<i64: 2>} : tensor<2xi32> -> tensor<4xi32>
  return %0, %1, %2, %3 : tensor<3xi32>, tensor<i32>, tensor<3x2xi32>, tensor<4xi32>
}

// -----

// cast of constants: floats truncate toward zero, anything to i1 is != 0.
// A NaN does not fold (its integer value is not defined).
// CHECK-LABEL: func.func @fold_cast
// CHECK-DAG: nn.constant dense<[2, -2, 0]> : tensor<3xi64>
// CHECK-DAG: nn.constant dense<[true, true, false]> : tensor<3xi1>
// CHECK-DAG: nn.constant dense<[3.000000e+00, -1.000000e+00]> : tensor<2xf32>
// CHECK: nn.cast %{{.*}} : tensor<1xf32> -> tensor<1xi32>
func.func @fold_cast() -> (tensor<3xi64>, tensor<3xi1>, tensor<2xf32>, tensor<1xi32>) {
  %f = nn.constant dense<[2.7, -2.7, 0.0]> : tensor<3xf32>
  %0 = nn.cast %f : tensor<3xf32> -> tensor<3xi64>
  %1 = nn.cast %f : tensor<3xf32> -> tensor<3xi1>
  %i = nn.constant dense<[3, -1]> : tensor<2xi64>
  %2 = nn.cast %i : tensor<2xi64> -> tensor<2xf32>
  %nan = nn.constant dense<0x7FC00000> : tensor<1xf32>
  %3 = nn.cast %nan : tensor<1xf32> -> tensor<1xi32>
  return %0, %1, %2, %3 : tensor<3xi64>, tensor<3xi1>, tensor<2xf32>, tensor<1xi32>
}

// -----

// A gather with an out-of-range constant index is not folded.
// CHECK-LABEL: func.func @no_fold_gather_out_of_range
// CHECK: nn.gather
func.func @no_fold_gather_out_of_range() -> tensor<i64> {
  %shape = nn.constant dense<[2, 3]> : tensor<2xi64>
  %i = nn.constant dense<5> : tensor<i64>
  %0 = nn.gather %shape, %i : (tensor<2xi64>, tensor<i64>) -> tensor<i64>
  return %0 : tensor<i64>
}
