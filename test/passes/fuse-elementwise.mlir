// RUN: %nn-opt %s --nn-fuse-elementwise --split-input-file | FileCheck %s

// A chain of three ops with a broadcast operand is one group; only its last
// value leaves it.
// CHECK-LABEL: func.func @chain
// CHECK: %[[G:.*]] = nn.fusion_group "elementwise" : tensor<4x8xf32> {
// CHECK-NEXT: nn.exp
// CHECK-NEXT: nn.mul
// CHECK-NEXT: %[[T:.*]] = nn.tanh
// CHECK-NEXT: nn.yield %[[T]]
// CHECK-NEXT: }
// CHECK-NEXT: return %[[G]]
func.func @chain(%x: tensor<4x8xf32>, %b: tensor<8xf32>) -> tensor<4x8xf32> {
  %e = nn.exp %x : tensor<4x8xf32>
  %m = nn.mul %e, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %t = nn.tanh %m : tensor<4x8xf32>
  return %t : tensor<4x8xf32>
}

// -----

// A tree: both producers of the add join; the broadcasting producer (smaller
// than its consumer) joins too.
// CHECK-LABEL: func.func @tree
// CHECK: nn.fusion_group "elementwise"
// CHECK-NEXT: nn.neg
// CHECK-NEXT: nn.exp
// CHECK-NEXT: nn.add
// CHECK-NEXT: nn.yield
func.func @tree(%x: tensor<4x8xf32>, %b: tensor<8xf32>) -> tensor<4x8xf32> {
  %n = nn.neg %b : tensor<8xf32>
  %e = nn.exp %x : tensor<4x8xf32>
  %a = nn.add %e, %n : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return %a : tensor<4x8xf32>
}

// -----

// Must not fire: %e is also returned (it would escape the group), and the
// contraction is no elementwise op.
// CHECK-LABEL: func.func @escaping
// CHECK-NOT: nn.fusion_group
func.func @escaping(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %e = nn.exp %x : tensor<4x8xf32>
  %r = nn.relu %e : tensor<4x8xf32>
  %m = nn.matmul %r, %w : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  return %e, %m : tensor<4x8xf32>, tensor<4x8xf32>
}
