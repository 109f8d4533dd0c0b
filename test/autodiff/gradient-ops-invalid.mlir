// Verifier errors of the backward-pass ops, one per branch.
// RUN: %nn-opt %s --split-input-file --verify-diagnostics

func.func @weight_shape(%x: tensor<2x4x5x5xf32>, %dy: tensor<2x6x5x5xf32>) -> tensor<6x4x3x3xf32> {
  // expected-error @+1 {{weight [6, 4, 3, 3] does not fit input [2, 4, 5, 5], output gradient [2, 6, 5, 5] and group 2}}
  %0 = nn.conv_weight_grad %x, %dy {group = 2 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<2x4x5x5xf32>, tensor<2x6x5x5xf32>) -> tensor<6x4x3x3xf32>
  return %0 : tensor<6x4x3x3xf32>
}

// -----

func.func @weight_extents(%x: tensor<2x4x5x5xf32>, %dy: tensor<2x6x4x4xf32>) -> tensor<6x4x3x3xf32> {
  // expected-error @+1 {{output gradient extents [4, 4] are not the forward output extents [3, 3] of input [2, 4, 5, 5]}}
  %0 = nn.conv_weight_grad %x, %dy : (tensor<2x4x5x5xf32>, tensor<2x6x4x4xf32>) -> tensor<6x4x3x3xf32>
  return %0 : tensor<6x4x3x3xf32>
}

// -----

func.func @indices_shape(%g: tensor<1x3x4x4xf32>, %i: tensor<1x3x4x3xi64>) -> tensor<1x3x8x8xf32> {
  // expected-error @+1 {{indices [1, 3, 4, 3] must have the output gradient's shape [1, 3, 4, 4]}}
  %0 = nn.max_pool_grad %g, %i {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x3xi64>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

func.func @pool_channels(%g: tensor<1x2x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error @+1 {{batch/channel extents differ: [1, 3, 8, 8] vs [1, 2, 4, 4]}}
  %0 = nn.avg_pool_grad %g {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x2x4x4xf32> -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

func.func @pool_rank(%g: tensor<1x3x4xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error @+1 {{expects [N, C, D...] tensors of equal rank, got [1, 3, 8, 8] and [1, 3, 4]}}
  %0 = nn.avg_pool_grad %g {kernel_shape = array<i64: 2, 2>} : tensor<1x3x4xf32> -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

func.func @gather_shape(%e: tensor<4x15x64xf32>, %ids: tensor<4x16xi64>) -> tensor<1000x64xf32> {
  // expected-error @+1 {{output gradient [4, 15, 64] is not the gather result shape [4, 16, 64]}}
  %0 = nn.gather_grad %e, %ids : (tensor<4x15x64xf32>, tensor<4x16xi64>) -> tensor<1000x64xf32>
  return %0 : tensor<1000x64xf32>
}

// -----

func.func @gather_axis(%e: tensor<4x16x64xf32>, %ids: tensor<4x16xi64>) -> tensor<1000x64xf32> {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = nn.gather_grad %e, %ids {axis = 2 : i64} : (tensor<4x16x64xf32>, tensor<4x16xi64>) -> tensor<1000x64xf32>
  return %0 : tensor<1000x64xf32>
}
