// nn-autodiff errors: each names the op or function and what to do.
// RUN: not %nn-opt %s --split-input-file --nn-autodiff 2>&1 | FileCheck %s

// CHECK: error: no gradient rule for 'nn.resize'; it lies on a differentiated path
func.func @main(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32> {
  %0 = nn.resize %x {mode = #nn<resize nearest>} : tensor<1x1x2x2xf32> -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

// CHECK: error: autodiff needs static tensor shapes, but '@main' has 'tensor<?x3xf32>'; pin the input shapes first
func.func @main(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = nn.relu %x : tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// CHECK: error: nn-autodiff: no function '@main' to differentiate
func.func @other(%x: tensor<3xf32>) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}

// -----

// CHECK: error: no gradient rule for nn.pad in mode 'reflect'; only constant padding is differentiable
func.func @main(%x: tensor<4xf32>) -> tensor<6xf32> {
  %0 = nn.pad %x {pads = array<i64: 1, 1>, mode = #nn<pad reflect>} : tensor<4xf32> -> tensor<6xf32>
  return %0 : tensor<6xf32>
}
