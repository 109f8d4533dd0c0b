// The nn-train-step pass: cases that need no gradient rule (pass leaves the
// module alone, and each refusal). The full forward + backward + update case
// is in train-step-sgd.mlir.
// RUN: %nn-opt %s --split-input-file --verify-diagnostics --nn-train-step="loss=mse" | FileCheck %s

// A module without the function to train is left unchanged (must not fire).
// CHECK-LABEL: func.func @other
// CHECK-NOT: train_step
// CHECK-NOT: _eval
func.func @other(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %w = nn.constant dense<1.0> : tensor<4x3xf32>
  %y = nn.add %x, %w : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

// expected-error @+1 {{training needs static shapes: argument type 'tensor<?x3xf32>' is not static (pin the batch size first)}}
func.func @main(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %w = nn.constant dense<1.0> : tensor<3xf32>
  %y = nn.add %x, %w : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}

// -----

// expected-error @+1 {{no trainable parameters (no floating-point constant of rank >= 1 matches)}}
func.func @main(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %y = nn.relu %x : tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

// Statistics that are not constants of their own cannot be updated.
func.func @main(%x: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %s = nn.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %m = nn.constant dense<1.0> : tensor<2xf32>
  // expected-error @+1 {{training needs each batch normalization's running mean and variance to be constants of its own}}
  %y = nn.batch_norm %x, %s, %s, %m, %m : (tensor<4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}
