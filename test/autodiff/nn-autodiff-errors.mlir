// nn-autodiff errors: each names the op or function and what to do.
// RUN: not %nn-opt %s --split-input-file --nn-autodiff 2>&1 | FileCheck %s

// Every differentiable op has a rule; the gradient kernels themselves do not.
// CHECK: error: no gradient rule for 'nn.avg_pool_grad'; it lies on a differentiated path
func.func @main(%x: tensor<1x3x3x3xf32>) -> tensor<1x3x5x5xf32> {
  %0 = nn.avg_pool_grad %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, count_include_pad = true} : tensor<1x3x3x3xf32> -> tensor<1x3x5x5xf32>
  return %0 : tensor<1x3x5x5xf32>
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

// -----

// CHECK: error: no gradient rule for 'nn.gru' with sequence_lens; autodiff unrolls recurrent layers without sequence_lens, clip or input_forget, with Sigmoid/Tanh/Relu activations
func.func @main(%x: tensor<3x2x2xf32>, %w: tensor<1x6x2xf32>, %r: tensor<1x6x2xf32>, %l: tensor<2xi32>) -> tensor<1x2x2xf32> {
  %y, %yh = nn.gru %x, %w, %r sequence_lens(%l) {hidden_size = 2 : i64} : (tensor<3x2x2xf32>, tensor<1x6x2xf32>, tensor<1x6x2xf32>, tensor<2xi32>) -> (tensor<3x1x2x2xf32>, tensor<1x2x2xf32>)
  return %yh : tensor<1x2x2xf32>
}
