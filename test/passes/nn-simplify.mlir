// RUN: %nn-opt %s -nn-simplify | FileCheck %s

// The named pipeline folds constants, removes identities and duplicates,
// and refines shapes in one go.
// CHECK-LABEL: func.func @simplify
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: %[[C:.*]] = nn.constant dense<[2.000000e+00, 3.000000e+00, 4.000000e+00]>
// CHECK: %[[S:.*]] = nn.add %[[X]], %[[C]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK-NOT: nn.add
// CHECK: return %[[S]]
func.func @simplify(%x: tensor<2x3xf32>) -> tensor<?x3xf32> {
  %one = nn.constant dense<1.0> : tensor<3xf32>
  %v = nn.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %c = nn.add %one, %v : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %0 = nn.mul %x, %one : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = nn.add %0, %c : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  %2 = nn.add %0, %c : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  %3 = nn.neg %2 : tensor<?x3xf32>
  %4 = nn.neg %3 : tensor<?x3xf32>
  %5 = nn.sub %4, %1 : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  %6 = nn.add %1, %5 : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %1 : tensor<?x3xf32>
}
