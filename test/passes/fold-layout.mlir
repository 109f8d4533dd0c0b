// RUN: %nn-opt %s --nn-fold-layout --split-input-file | FileCheck %s

// transpose -> relu -> transpose back: the first transpose sinks below the
// relu, meets the second and the pair cancels.
// CHECK-LABEL: func.func @cancel
// CHECK-NEXT: %[[R:.*]] = nn.relu %arg0 : tensor<4x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @cancel(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %t = nn.transpose %x {perm = array<i64: 1, 0>} : tensor<4x8xf32> -> tensor<8x4xf32>
  %r = nn.relu %t : tensor<8x4xf32>
  %u = nn.transpose %r {perm = array<i64: 1, 0>} : tensor<8x4xf32> -> tensor<4x8xf32>
  return %u : tensor<4x8xf32>
}

// -----

// A binary op on two identical reshapes: one reshape after the add; the
// cast changes the element type on the way.
// CHECK-LABEL: func.func @binary
// CHECK-NEXT: %[[A:.*]] = nn.add %arg0, %arg1 : (tensor<2x6xf32>, tensor<2x6xf32>) -> tensor<2x6xf32>
// CHECK-NEXT: %[[C:.*]] = nn.cast %[[A]] : tensor<2x6xf32> -> tensor<2x6xf64>
// CHECK-NEXT: %[[R:.*]] = nn.reshape %[[C]] : tensor<2x6xf64> -> tensor<3x4xf64>
// CHECK-NEXT: return %[[R]]
func.func @binary(%x: tensor<2x6xf32>, %y: tensor<2x6xf32>) -> tensor<3x4xf64> {
  %a = nn.reshape %x : tensor<2x6xf32> -> tensor<3x4xf32>
  %b = nn.reshape %y : tensor<2x6xf32> -> tensor<3x4xf32>
  %s = nn.add %a, %b : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %c = nn.cast %s : tensor<3x4xf32> -> tensor<3x4xf64>
  return %c : tensor<3x4xf64>
}

// -----

// transpose(transpose(x)) composes into one transpose.
// CHECK-LABEL: func.func @compose
// CHECK-NEXT: nn.transpose %arg0 {perm = array<i64: 2, 0, 1>}
// CHECK-NEXT: return
func.func @compose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %a = nn.transpose %x {perm = array<i64: 1, 0, 2>} : tensor<2x3x4xf32> -> tensor<3x2x4xf32>
  %b = nn.transpose %a {perm = array<i64: 2, 1, 0>} : tensor<3x2x4xf32> -> tensor<4x2x3xf32>
  return %b : tensor<4x2x3xf32>
}

// -----

// Must not fire: the transpose has a second use, and the add's operands come
// from different layouts.
// CHECK-LABEL: func.func @keep
// CHECK-NEXT: %[[T:.*]] = nn.transpose %arg0
// CHECK-NEXT: nn.relu %[[T]]
// CHECK-NEXT: nn.add %[[T]], %arg0
func.func @keep(%x: tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>) {
  %t = nn.transpose %x {perm = array<i64: 1, 0>} : tensor<4x4xf32> -> tensor<4x4xf32>
  %r = nn.relu %t : tensor<4x4xf32>
  %a = nn.add %t, %x : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  return %t, %r, %a : tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>
}

// -----

// Must not fire: ops that compute or write elements do not commute with an
// elementwise f (exp(lerp(a, b)) != lerp(exp a, exp b); exp(0) != 0).
// Nearest resize only copies elements and sinks.
// CHECK-LABEL: func.func @not_data_movement
// CHECK-NEXT: %[[R:.*]] = nn.resize %arg0 {mode = #nn<resize linear>}
// CHECK-NEXT: nn.exp %[[R]]
// CHECK-NEXT: %[[P:.*]] = nn.pad %arg0
// CHECK-NEXT: nn.exp %[[P]]
// CHECK-NEXT: %[[T:.*]] = nn.trilu %arg0
// CHECK-NEXT: nn.exp %[[T]]
// CHECK-NEXT: %[[E:.*]] = nn.exp %arg0
// CHECK-NEXT: nn.resize %[[E]] {mode = #nn<resize nearest>}
func.func @not_data_movement(%x: tensor<4x4xf32>) -> (tensor<8x8xf32>, tensor<6x4xf32>, tensor<4x4xf32>, tensor<8x8xf32>) {
  %r = nn.resize %x {mode = #nn<resize linear>} : tensor<4x4xf32> -> tensor<8x8xf32>
  %er = nn.exp %r : tensor<8x8xf32>
  %p = nn.pad %x {pads = array<i64: 1, 0, 1, 0>} : tensor<4x4xf32> -> tensor<6x4xf32>
  %ep = nn.exp %p : tensor<6x4xf32>
  %t = nn.trilu %x : tensor<4x4xf32> -> tensor<4x4xf32>
  %et = nn.exp %t : tensor<4x4xf32>
  %n = nn.resize %x {mode = #nn<resize nearest>} : tensor<4x4xf32> -> tensor<8x8xf32>
  %en = nn.exp %n : tensor<8x8xf32>
  return %er, %ep, %et, %en : tensor<8x8xf32>, tensor<6x4xf32>, tensor<4x4xf32>, tensor<8x8xf32>
}
