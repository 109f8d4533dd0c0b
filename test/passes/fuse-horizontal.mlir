// RUN: %nn-opt %s --nn-fuse-horizontal --split-input-file | FileCheck %s

// Q/K/V projections of one input: one matmul by the column-wise
// concatenation of the weights, sliced back. Row 0 of the fused weight is
// [1 2 | 5 6 | 9 10], row 1 is [3 4 | 7 8 | 11 12].
// CHECK-LABEL: func.func @qkv
// CHECK: %[[G:.*]]:3 = nn.fusion_group "horizontal" : tensor<3x2xf32>, tensor<3x2xf32>, tensor<3x2xf32> {
// CHECK-NEXT: %[[W:.*]] = nn.constant dense<{{\[}}[1.000000e+00, 2.000000e+00, 5.000000e+00, 6.000000e+00, 9.000000e+00, 1.000000e+01], [3.000000e+00, 4.000000e+00, 7.000000e+00, 8.000000e+00, 1.100000e+01, 1.200000e+01]]> : tensor<2x6xf32>
// CHECK-NEXT: %[[M:.*]] = nn.matmul %arg0, %[[W]] : (tensor<3x2xf32>, tensor<2x6xf32>) -> tensor<3x6xf32>
// CHECK-NEXT: nn.slice %[[M]] {axes = array<i64: 1>, ends = array<i64: 2>, starts = array<i64: 0>}
// CHECK-NEXT: nn.slice %[[M]] {axes = array<i64: 1>, ends = array<i64: 4>, starts = array<i64: 2>}
// CHECK-NEXT: nn.slice %[[M]] {axes = array<i64: 1>, ends = array<i64: 6>, starts = array<i64: 4>}
// CHECK-NEXT: nn.yield
// CHECK-NOT: nn.matmul
// CHECK: return %[[G]]#0, %[[G]]#1, %[[G]]#2
func.func @qkv(%x: tensor<3x2xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>, tensor<3x2xf32>) {
  %wq = nn.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %wk = nn.constant dense<[[5.0, 6.0], [7.0, 8.0]]> : tensor<2x2xf32>
  %wv = nn.constant dense<[[9.0, 10.0], [11.0, 12.0]]> : tensor<2x2xf32>
  %q = nn.matmul %x, %wq : (tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<3x2xf32>
  %k = nn.matmul %x, %wk : (tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<3x2xf32>
  %v = nn.matmul %x, %wv : (tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<3x2xf32>
  return %q, %k, %v : tensor<3x2xf32>, tensor<3x2xf32>, tensor<3x2xf32>
}

// -----

// Must not fire: the second weight is not a constant, and the third matmul
// has another input.
// CHECK-LABEL: func.func @not_shared
// CHECK-NOT: nn.fusion_group
func.func @not_shared(%x: tensor<3x2xf32>, %y: tensor<3x2xf32>, %wk: tensor<2x2xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>, tensor<3x2xf32>) {
  %wq = nn.constant dense<1.0> : tensor<2x2xf32>
  %q = nn.matmul %x, %wq : (tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<3x2xf32>
  %k = nn.matmul %x, %wk : (tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<3x2xf32>
  %v = nn.matmul %y, %wq : (tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<3x2xf32>
  return %q, %k, %v : tensor<3x2xf32>, tensor<3x2xf32>, tensor<3x2xf32>
}
