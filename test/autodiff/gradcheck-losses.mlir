// Gradient check of the loss rules against central finite differences in
// double precision (nn-gradcheck; see tools/nn-gradcheck).
// RUN: %nn-gradcheck %s | FileCheck %s
// CHECK: 11 passed, 0 failed

func.func @mse_mean(%p: tensor<3x4xf64>, %t: tensor<3x4xf64>) -> tensor<f64> {
  %y = nn.mse %p, %t {reduction = #nn<reduction mean>} : (tensor<3x4xf64>, tensor<3x4xf64>) -> tensor<f64>
  return %y : tensor<f64>
}

func.func @mse_sum(%p: tensor<3x4xf64>, %t: tensor<3x4xf64>) -> tensor<f64> {
  %y = nn.mse %p, %t {reduction = #nn<reduction sum>} : (tensor<3x4xf64>, tensor<3x4xf64>) -> tensor<f64>
  return %y : tensor<f64>
}

func.func @mse_none(%p: tensor<3x4xf64>, %t: tensor<3x4xf64>) -> tensor<3x4xf64> {
  %y = nn.mse %p, %t {reduction = #nn<reduction none>} : (tensor<3x4xf64>, tensor<3x4xf64>) -> tensor<3x4xf64>
  return %y : tensor<3x4xf64>
}

func.func @softmax_cross_entropy(%z: tensor<3x4x2xf64>, %l: tensor<3x2xi64> {gc.hi = 4.0 : f64}) -> tensor<f64> {
  %y = nn.softmax_cross_entropy %z, %l : (tensor<3x4x2xf64>, tensor<3x2xi64>) -> tensor<f64>
  return %y : tensor<f64>
}

func.func @softmax_cross_entropy_weighted_ignore(%z: tensor<3x4x2xf64>, %l: tensor<3x2xi64> {gc.hi = 4.0 : f64}, %w: tensor<4xf64> {gc.lo = 0.5 : f64, gc.hi = 2.0 : f64}) -> tensor<f64> attributes {gc.wrt = array<i64: 0>} {
  %y = nn.softmax_cross_entropy %z, %l, %w {ignore_index = 3 : i64} : (tensor<3x4x2xf64>, tensor<3x2xi64>, tensor<4xf64>) -> tensor<f64>
  return %y : tensor<f64>
}

func.func @softmax_cross_entropy_none(%z: tensor<3x4x2xf64>, %l: tensor<3x2xi64> {gc.hi = 4.0 : f64}) -> tensor<3x2xf64> {
  %y = nn.softmax_cross_entropy %z, %l {reduction = #nn<reduction none>} : (tensor<3x4x2xf64>, tensor<3x2xi64>) -> tensor<3x2xf64>
  return %y : tensor<3x2xf64>
}

func.func @nll_weighted_sum(%z: tensor<3x4xf64>, %l: tensor<3xi32> {gc.hi = 4.0 : f64}, %w: tensor<4xf64> {gc.lo = 0.5 : f64, gc.hi = 2.0 : f64}) -> tensor<f64> attributes {gc.wrt = array<i64: 0>} {
  %y = nn.nll %z, %l, %w {reduction = #nn<reduction sum>} : (tensor<3x4xf64>, tensor<3xi32>, tensor<4xf64>) -> tensor<f64>
  return %y : tensor<f64>
}

func.func @nll_mean(%z: tensor<3x4xf64>, %l: tensor<3xi64> {gc.hi = 4.0 : f64}) -> tensor<f64> {
  %y = nn.nll %z, %l : (tensor<3x4xf64>, tensor<3xi64>) -> tensor<f64>
  return %y : tensor<f64>
}

func.func @bce_probabilities(%p: tensor<3x4xf64> {gc.lo = 0.1 : f64, gc.hi = 0.9 : f64}, %t: tensor<3x4xf64> {gc.lo = 0.0 : f64, gc.hi = 1.0 : f64}, %w: tensor<4xf64>) -> tensor<f64> {
  %y = nn.bce %p, %t, %w : (tensor<3x4xf64>, tensor<3x4xf64>, tensor<4xf64>) -> tensor<f64>
  return %y : tensor<f64>
}

func.func @bce_logits_none(%p: tensor<3x4xf64>, %t: tensor<3x4xf64> {gc.lo = 0.0 : f64, gc.hi = 1.0 : f64}) -> tensor<3x4xf64> {
  %y = nn.bce %p, %t {from_logits = true, reduction = #nn<reduction none>} : (tensor<3x4xf64>, tensor<3x4xf64>) -> tensor<3x4xf64>
  return %y : tensor<3x4xf64>
}

func.func @bce_logits_sum_weighted(%p: tensor<3x4xf64>, %t: tensor<3x4xf64> {gc.lo = 0.0 : f64, gc.hi = 1.0 : f64}, %w: tensor<3x1xf64>) -> tensor<f64> {
  %y = nn.bce %p, %t, %w {from_logits = true, reduction = #nn<reduction sum>} : (tensor<3x4xf64>, tensor<3x4xf64>, tensor<3x1xf64>) -> tensor<f64>
  return %y : tensor<f64>
}
