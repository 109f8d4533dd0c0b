// nn-train-step refuses a forward function with an op that has no gradient
// rule on the path from a parameter to the loss, naming the op.
// REQUIRES: autodiff
// RUN: %nn-opt %s --verify-diagnostics --nn-train-step="loss=mse"

func.func @main(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %w = nn.constant dense<1.0> : tensor<4x3xf32>
  // expected-error @+1 {{no gradient rule for 'arith.mulf'}}
  %y = arith.mulf %x, %w : tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}
