// RUN: %nn-opt %s -split-input-file -verify-diagnostics

// One case per error branch of the contraction family and of the shared
// window-attribute helper (WindowAttrs.cpp). Inference errors are followed
// by the generic "failed to infer returned types".

// ODS type constraint: integer operands.
func.func @matmul_int_operands(%a: tensor<4x8xi32>, %b: tensor<8x16xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = nn.matmul %a, %b : (tensor<4x8xi32>, tensor<8x16xi32>) -> tensor<4x16xi32>
  return
}

// -----

func.func @matmul_element_types_differ(%a: tensor<4x8xf32>, %b: tensor<8x16xf16>) {
  // expected-error @+1 {{all of {lhs, rhs, output} have same element type}}
  %0 = nn.matmul %a, %b : (tensor<4x8xf32>, tensor<8x16xf16>) -> tensor<4x16xf32>
  return
}

// -----

func.func @matmul_rank0(%a: tensor<f32>, %b: tensor<8x16xf32>) {
  // expected-error @+2 {{operands must have rank >= 1, got lhs [] and rhs [8, 16]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<f32>, tensor<8x16xf32>) -> tensor<16xf32>
  return
}

// -----

func.func @matmul_inner_mismatch(%a: tensor<4x8xf32>, %b: tensor<6x16xf32>) {
  // expected-error @+2 {{inner dimensions differ: lhs [4, 8] has K = 8 but rhs [6, 16] has K = 6}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<4x8xf32>, tensor<6x16xf32>) -> tensor<4x16xf32>
  return
}

// -----

func.func @matmul_batch_mismatch(%a: tensor<2x4x8xf32>, %b: tensor<3x8x16xf32>) {
  // expected-error @+2 {{batch dimensions [2] of lhs and [3] of rhs do not broadcast}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<2x4x8xf32>, tensor<3x8x16xf32>) -> tensor<2x4x16xf32>
  return
}

// -----

// A declared result type must agree with the inferred one.
func.func @matmul_wrong_result(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<4x16xf32>' are incompatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x15xf32>
  return
}

// -----

func.func @gemm_rank3(%a: tensor<2x4x8xf32>, %b: tensor<8x16xf32>) {
  // expected-error @+2 {{a and b must be matrices (rank 2), got a [2, 4, 8] and b [8, 16]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b : (tensor<2x4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return
}

// -----

func.func @gemm_inner_mismatch_trans_b(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) {
  // expected-error @+2 {{inner dimensions differ: a [4, 8] has K = 8 but b [8, 16] (transposed) has K = 16}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b {trans_b = true} : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x8xf32>
  return
}

// -----

func.func @gemm_c_not_broadcastable(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<5x16xf32>) {
  // expected-error @+2 {{c of shape [5, 16] must broadcast to the result shape [M, N] = [4, 16]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b, %c : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<5x16xf32>) -> tensor<4x16xf32>
  return
}

// -----

// Unidirectional: c may not grow the result.
func.func @gemm_c_grows_result(%a: tensor<1x8xf32>, %b: tensor<8x16xf32>, %c: tensor<4x16xf32>) {
  // expected-error @+2 {{c of shape [4, 16] must broadcast to the result shape [M, N] = [1, 16]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b, %c : (tensor<1x8xf32>, tensor<8x16xf32>, tensor<4x16xf32>) -> tensor<1x16xf32>
  return
}

// -----

func.func @gemm_c_element_type(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<16xf16>) {
  // expected-error @+2 {{c element type 'f16' must match the element type 'f32' of a and b}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b, %c : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<16xf16>) -> tensor<4x16xf32>
  return
}

// -----

func.func @gemm_int_operand(%a: tensor<4x8xf32>, %b: tensor<8x16xi32>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of floating-point values}}
  %0 = nn.gemm %a, %b : (tensor<4x8xf32>, tensor<8x16xi32>) -> tensor<4x16xf32>
  return
}

// -----

// ODS type constraint: integer input.
func.func @conv_int_input(%x: tensor<1x3x8x8xi32>, %w: tensor<8x3x3x3xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = nn.conv %x, %w : (tensor<1x3x8x8xi32>, tensor<8x3x3x3xi32>) -> tensor<1x8x6x6xi32>
  return
}

// -----

func.func @conv_element_types_differ(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf16>) {
  // expected-error @+1 {{all of {input, weight, output} have same element type}}
  %0 = nn.conv %x, %w : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf16>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_rank2(%x: tensor<3x8xf32>, %w: tensor<8x3xf32>) {
  // expected-error @+2 {{input of shape [3, 8] must have rank 3, 4 or 5 ([N, C, D1..Dk] with 1 to 3 spatial dimensions), got rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w : (tensor<3x8xf32>, tensor<8x3xf32>) -> tensor<3x8xf32>
  return
}

// -----

func.func @conv_rank6(%x: tensor<1x3x2x2x2x2xf32>, %w: tensor<8x3x1x1x1x1xf32>) {
  // expected-error @+2 {{got rank 6}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w : (tensor<1x3x2x2x2x2xf32>, tensor<8x3x1x1x1x1xf32>) -> tensor<1x8x2x2x2x2xf32>
  return
}

// -----

func.func @conv_weight_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3xf32>) {
  // expected-error @+2 {{weight of shape [8, 3, 3] must have rank 4 ([M, C / group, K1..Kk]) to match the input of shape [1, 3, 8, 8]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w : (tensor<1x3x8x8xf32>, tensor<8x3x3xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_group_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+2 {{group = 0 must be >= 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {group = 0 : i64} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_channels_not_divisible(%x: tensor<1x6x8x8xf32>, %w: tensor<8x1x3x3xf32>) {
  // expected-error @+2 {{input channels C = 6 must be divisible by group = 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {group = 4 : i64} : (tensor<1x6x8x8xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_out_channels_not_divisible(%x: tensor<1x8x8x8xf32>, %w: tensor<6x2x3x3xf32>) {
  // expected-error @+2 {{output channels M (weight[0]) = 6 must be divisible by group = 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {group = 4 : i64} : (tensor<1x8x8x8xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

func.func @conv_channels_per_group(%x: tensor<1x8x8x8xf32>, %w: tensor<8x4x3x3xf32>) {
  // expected-error @+2 {{weight[1] = 4 channels per group times group = 4 must equal the input channels C = 8}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {group = 4 : i64} : (tensor<1x8x8x8xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_bias_element_type(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<8xf16>) {
  // expected-error @+2 {{bias element type 'f16' must match the input element type 'f32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>, tensor<8xf16>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_bias_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<1x8xf32>) {
  // expected-error @+2 {{bias of shape [1, 8] must have rank 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>, tensor<1x8xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_bias_extent(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+2 {{bias of shape [4] must have 8 entries, one per output channel}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>, tensor<4xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_kernel_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x0x3xf32>) {
  // expected-error @+2 {{weight has kernel extent 0 at spatial dimension 0; it must be >= 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w : (tensor<1x3x8x8xf32>, tensor<8x3x0x3xf32>) -> tensor<1x8x9x6xf32>
  return
}

// -----

func.func @conv_strides_length(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+2 {{strides must have 2 entries (one per spatial dimension), got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 2>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x3x3xf32>
  return
}

// -----

func.func @conv_strides_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+2 {{strides[1] = 0 must be >= 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 0>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_dilations_length(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+2 {{dilations must have 2 entries (one per spatial dimension), got 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {dilations = array<i64: 1, 1, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_dilations_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+2 {{dilations[0] = 0 must be >= 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {dilations = array<i64: 0, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_pads_length(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+2 {{pads must have 4 entries (2 begins, then 2 ends), got 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {pads = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @conv_pads_negative(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+2 {{pads[2] = -1 must be >= 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {pads = array<i64: 0, 0, -1, 0>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x5x6xf32>
  return
}

// -----

func.func @conv_window_too_big(%x: tensor<1x3x4x8xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+2 {{window of extent 5 (kernel 3, dilation 2) does not fit spatial dimension 0 of extent 4 with pads (0, 0)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {dilations = array<i64: 2, 1>} : (tensor<1x3x4x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x1x6xf32>
  return
}

// -----

func.func @conv_transpose_weight_rank(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3xf32>) {
  // expected-error @+2 {{weight of shape [4, 2, 3] must have rank 4 ([C, M / group, K1..Kk])}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_transpose %x, %w : (tensor<1x4x8x8xf32>, tensor<4x2x3xf32>) -> tensor<1x2x10x10xf32>
  return
}

// -----

func.func @conv_transpose_channels_not_divisible(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+2 {{input channels C = 4 must be divisible by group = 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_transpose %x, %w {group = 3 : i64} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x6x10x10xf32>
  return
}

// -----

func.func @conv_transpose_weight_channels(%x: tensor<1x4x8x8xf32>, %w: tensor<2x2x3x3xf32>) {
  // expected-error @+2 {{weight[0] = 2 must equal the input channels C = 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_transpose %x, %w : (tensor<1x4x8x8xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x10x10xf32>
  return
}

// -----

func.func @conv_transpose_bias_extent(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<2xf32>) {
  // expected-error @+2 {{bias of shape [2] must have 4 entries, one per output channel}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_transpose %x, %w, %b {group = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x4x10x10xf32>
  return
}

// -----

func.func @conv_transpose_output_padding_length(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+2 {{output_padding must have 2 entries (one per spatial dimension), got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_transpose %x, %w {output_padding = array<i64: 1>} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x10x10xf32>
  return
}

// -----

func.func @conv_transpose_output_padding_negative(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+2 {{output_padding[1] = -1 must be >= 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_transpose %x, %w {output_padding = array<i64: 0, -1>} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x10x10xf32>
  return
}

// -----

func.func @conv_transpose_output_padding_too_big(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+2 {{output_padding[0] = 2 must be smaller than the stride (2) or the dilation (1)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_transpose %x, %w {strides = array<i64: 2, 2>, output_padding = array<i64: 2, 0>} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x19x17xf32>
  return
}

// -----

func.func @conv_transpose_output_empty(%x: tensor<1x4x1x8xf32>, %w: tensor<4x2x1x3xf32>) {
  // expected-error @+2 {{output extent of spatial dimension 0 would be 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_transpose %x, %w {pads = array<i64: 1, 0, 0, 0>} : (tensor<1x4x1x8xf32>, tensor<4x2x1x3xf32>) -> tensor<1x2x1x10xf32>
  return
}

// -----

func.func @conv_transpose_int_result(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of floating-point values}}
  %0 = nn.conv_transpose %x, %w : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x10x10xi32>
  return
}
