// RUN: %nn-opt %s --nn-fold-constants --split-input-file | FileCheck %s

// A shape computation (Shape -> Gather -> Unsqueeze -> Concat, as exporters
// emit for a flatten) folds to one constant; the reshape keeps it.
// CHECK-LABEL: func.func @shape_chain
// CHECK: %[[S:.*]] = nn.constant dense<[2, -1]> : tensor<2xi64>
// CHECK-NOT: nn.gather
// CHECK-NOT: nn.concat
// CHECK: return %[[S]]
func.func @shape_chain() -> tensor<2xi64> {
  %s = nn.constant dense<[2, 3, 4]> : tensor<3xi64>
  %i = nn.constant dense<0> : tensor<i64>
  %n = nn.gather %s, %i : (tensor<3xi64>, tensor<i64>) -> tensor<i64>
  %u = nn.unsqueeze %n {axes = array<i64: 0>} : tensor<i64> -> tensor<1xi64>
  %m = nn.constant dense<-1> : tensor<1xi64>
  %c = nn.concat %u, %m {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  return %c : tensor<2xi64>
}

// -----

// CSE merges the two identical exps; DCE drops the unused neg.
// CHECK-LABEL: func.func @cse_dce
// CHECK: %[[E:.*]] = nn.exp %arg0
// CHECK-NOT: nn.exp
// CHECK-NOT: nn.neg
// CHECK: nn.add %[[E]], %[[E]]
func.func @cse_dce(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = nn.exp %x : tensor<4xf32>
  %b = nn.exp %x : tensor<4xf32>
  %n = nn.neg %x : tensor<4xf32>
  %s = nn.add %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %s : tensor<4xf32>
}

// -----

// Must not fire: the gathered tensor is an argument, not a constant.
// CHECK-LABEL: func.func @not_constant
// CHECK: nn.gather
// CHECK: nn.concat
func.func @not_constant(%s: tensor<3xi64>) -> tensor<2xi64> {
  %i = nn.constant dense<0> : tensor<i64>
  %n = nn.gather %s, %i : (tensor<3xi64>, tensor<i64>) -> tensor<i64>
  %u = nn.unsqueeze %n {axes = array<i64: 0>} : tensor<i64> -> tensor<1xi64>
  %m = nn.constant dense<-1> : tensor<1xi64>
  %c = nn.concat %u, %m {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  return %c : tensor<2xi64>
}
