// RUN: %nn-opt %s -split-input-file -verify-diagnostics

// One case per error branch of the pooling family; the window-attribute
// helper (WindowAttrs.cpp) is shared with the convolutions and mostly covered
// by contraction-invalid.mlir.
// Inference errors are followed by the generic "failed to infer returned
// types".

// ODS type constraint: integer input.
func.func @max_pool_int_input(%x: tensor<1x3x8x8xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2, 2>} : tensor<1x3x8x8xi32> -> tensor<1x3x7x7xi32>
  return
}

// -----

func.func @max_pool_missing_kernel(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{requires attribute 'kernel_shape'}}
  %0 = nn.max_pool %x : tensor<1x3x8x8xf32> -> tensor<1x3x8x8xf32>
  return
}

// -----

func.func @max_pool_element_types_differ(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{requires the same element type for all operands and results}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x7x7xf16>
  return
}

// -----

func.func @max_pool_rank2(%x: tensor<3x8xf32>) {
  // expected-error @+2 {{input of shape [3, 8] must have rank 3, 4 or 5}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2>} : tensor<3x8xf32> -> tensor<3x7xf32>
  return
}

// -----

func.func @max_pool_kernel_length(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{kernel_shape must have 2 entries (one per spatial dimension), got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x7x7xf32>
  return
}

// -----

func.func @max_pool_kernel_zero(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{kernel_shape has kernel extent 0 at spatial dimension 1; it must be >= 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2, 0>} : tensor<1x3x8x8xf32> -> tensor<1x3x7x7xf32>
  return
}

// -----

func.func @max_pool_dilations_zero(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{dilations[1] = 0 must be >= 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2, 2>, dilations = array<i64: 1, 0>} : tensor<1x3x8x8xf32> -> tensor<1x3x7x7xf32>
  return
}

// -----

func.func @max_pool_pad_not_below_kernel(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{pads (0, 2) of spatial dimension 1 must be smaller than the kernel extent 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x7x9xf32>
  return
}

// -----

func.func @max_pool_window_too_big(%x: tensor<1x3x2x8xf32>) {
  // expected-error @+2 {{window of extent 3 (kernel 3, dilation 1) does not fit spatial dimension 0 of extent 2 with pads (0, 0)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>} : tensor<1x3x2x8xf32> -> tensor<1x3x1x6xf32>
  return
}

// -----

func.func @avg_pool_strides_length(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{strides must have 2 entries (one per spatial dimension), got 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.avg_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @avg_pool_pads_negative(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{pads[0] = -1 must be >= 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.avg_pool %x {kernel_shape = array<i64: 2, 2>, pads = array<i64: -1, 0, 0, 0>} : tensor<1x3x8x8xf32> -> tensor<1x3x6x7xf32>
  return
}

// -----

// A declared result type must agree with the inferred one.
func.func @avg_pool_wrong_result(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x3x4x4xf32>' are incompatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.avg_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x5x4xf32>
  return
}

// -----

func.func @global_max_pool_rank2(%x: tensor<3x8xf32>) {
  // expected-error @+2 {{input of shape [3, 8] must have rank >= 3 ([N, C, D1..Dk])}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.global_max_pool %x : tensor<3x8xf32> -> tensor<3x8xf32>
  return
}

// -----

func.func @global_avg_pool_int_input(%x: tensor<1x3x8x8xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = nn.global_avg_pool %x : tensor<1x3x8x8xi32> -> tensor<1x3x1x1xi32>
  return
}

// -----

func.func @global_avg_pool_wrong_result(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x3x1x1xf32>' are incompatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.global_avg_pool %x : tensor<1x3x8x8xf32> -> tensor<1x3x8x8xf32>
  return
}
