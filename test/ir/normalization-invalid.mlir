// RUN: %nn-opt %s -split-input-file -verify-diagnostics

func.func @batch_norm_rank(%x: tensor<8xf32>, %c: tensor<8xf32>) {
  // expected-error @+2 {{input must have rank >= 2 ([N, C, ...]), got shape [8]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.batch_norm %x, %c, %c, %c, %c : (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @batch_norm_param_rank(%x: tensor<?x3xf32>, %c: tensor<3xf32>, %m: tensor<1x3xf32>) {
  // expected-error @+2 {{mean must be a 1-D tensor of C elements, got shape [1, 3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.batch_norm %x, %c, %c, %m, %c : (tensor<?x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<1x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  return
}

// -----

func.func @batch_norm_channels(%x: tensor<?x3x4x4xf32>, %c: tensor<3xf32>, %v: tensor<4xf32>) {
  // expected-error @+2 {{var has 4 elements but the channel extent C is 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.batch_norm %x, %c, %c, %c, %v : (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<4xf32>) -> tensor<?x3x4x4xf32>
  return
}

// -----

// Parameters pin a dynamic channel extent, and must agree with each other.
func.func @batch_norm_params_disagree(%x: tensor<?x?xf32>, %c: tensor<3xf32>, %b: tensor<5xf32>) {
  // expected-error @+2 {{bias has 5 elements but the channel extent C is 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.batch_norm %x, %c, %b, %c, %c : (tensor<?x?xf32>, tensor<3xf32>, tensor<5xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @batch_norm_epsilon(%x: tensor<2x3xf32>, %c: tensor<3xf32>) {
  // expected-error @+1 {{'nn.batch_norm' op epsilon must be non-negative, got -1}}
  %0 = nn.batch_norm %x, %c, %c, %c, %c {epsilon = -1.0 : f64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @batch_norm_int(%x: tensor<2x3xi32>, %c: tensor<3xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = nn.batch_norm %x, %c, %c, %c, %c : (tensor<2x3xi32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) -> tensor<2x3xi32>
  return
}

// -----

func.func @batch_norm_mixed_types(%x: tensor<2x3xf32>, %c: tensor<3xf32>, %h: tensor<3xf16>) {
  // expected-error @+1 {{all of {input, scale, bias, mean, var, output} have same element type}}
  %0 = nn.batch_norm %x, %c, %c, %c, %h : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf16>) -> tensor<2x3xf32>
  return
}

// -----

func.func @batch_norm_result(%x: tensor<2x3xf32>, %c: tensor<3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<2x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.batch_norm %x, %c, %c, %c, %c : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @layer_norm_axis(%x: tensor<2x3xf32>, %g: tensor<3xf32>) {
  // expected-error @+2 {{axis 2 is out of range [-2, 1] for a rank-2 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.layer_norm %x, %g {axis = 2 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @layer_norm_rank0(%x: tensor<f32>, %g: tensor<f32>) {
  // expected-error @+2 {{axis -1 is invalid for a rank-0 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.layer_norm %x, %g : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return
}

// -----

func.func @layer_norm_scale_rank(%x: tensor<?x4x8xf32>, %g: tensor<4x8xf32>) {
  // expected-error @+2 {{scale of shape [4, 8] does not broadcast to the normalized shape input.shape[axis:] [8]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.layer_norm %x, %g : (tensor<?x4x8xf32>, tensor<4x8xf32>) -> tensor<?x4x8xf32>
  return
}

// -----

func.func @layer_norm_scale_extent(%x: tensor<?x4x8xf32>, %g: tensor<3x8xf32>) {
  // expected-error @+2 {{scale of shape [3, 8] does not broadcast to the normalized shape input.shape[axis:] [4, 8]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.layer_norm %x, %g {axis = 1 : i64} : (tensor<?x4x8xf32>, tensor<3x8xf32>) -> tensor<?x4x8xf32>
  return
}

// -----

func.func @layer_norm_bias_extent(%x: tensor<?x8xf32>, %g: tensor<8xf32>, %b: tensor<7xf32>) {
  // expected-error @+2 {{bias of shape [7] does not broadcast to the normalized shape input.shape[axis:] [8]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.layer_norm %x, %g, %b : (tensor<?x8xf32>, tensor<8xf32>, tensor<7xf32>) -> tensor<?x8xf32>
  return
}

// -----

func.func @layer_norm_bias_type(%x: tensor<?x8xf32>, %g: tensor<8xf32>, %b: tensor<8xf16>) {
  // expected-error @+2 {{bias element type 'f16' does not match input element type 'f32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.layer_norm %x, %g, %b : (tensor<?x8xf32>, tensor<8xf32>, tensor<8xf16>) -> tensor<?x8xf32>
  return
}

// -----

func.func @layer_norm_epsilon(%x: tensor<2x8xf32>, %g: tensor<8xf32>) {
  // expected-error @+1 {{'nn.layer_norm' op epsilon must be non-negative}}
  %0 = nn.layer_norm %x, %g {epsilon = -1.0e-5 : f64} : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @instance_norm_rank(%x: tensor<2x3xf32>, %c: tensor<3xf32>) {
  // expected-error @+2 {{input must have rank >= 3 ([N, C, D1, ...]), got shape [2, 3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.instance_norm %x, %c, %c : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @instance_norm_channels(%x: tensor<?x3x8xf32>, %c: tensor<3xf32>, %b: tensor<2xf32>) {
  // expected-error @+2 {{bias has 2 elements but the channel extent C is 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.instance_norm %x, %c, %b : (tensor<?x3x8xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<?x3x8xf32>
  return
}

// -----

func.func @instance_norm_epsilon(%x: tensor<1x3x8xf32>, %c: tensor<3xf32>) {
  // expected-error @+1 {{'nn.instance_norm' op epsilon must be non-negative}}
  %0 = nn.instance_norm %x, %c, %c {epsilon = 0x7FF8000000000000 : f64} : (tensor<1x3x8xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x8xf32>
  return
}

// -----

func.func @softmax_axis(%x: tensor<?x10xf32>) {
  // expected-error @+2 {{axis -3 is out of range [-2, 1] for a rank-2 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.softmax %x {axis = -3 : i64} : tensor<?x10xf32> -> tensor<?x10xf32>
  return
}

// -----

func.func @log_softmax_axis(%x: tensor<?x10xf32>) {
  // expected-error @+2 {{axis 2 is out of range [-2, 1] for a rank-2 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.log_softmax %x {axis = 2 : i64} : tensor<?x10xf32> -> tensor<?x10xf32>
  return
}

// -----

func.func @softmax_int(%x: tensor<4xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = nn.softmax %x : tensor<4xi32> -> tensor<4xi32>
  return
}

// -----

func.func @reduce_axis(%x: tensor<?x8xf32>) {
  // expected-error @+2 {{axes 2 is out of range [-2, 1] for a rank-2 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reduce sum %x {axes = array<i64: 2>} : tensor<?x8xf32> -> tensor<?x8xf32>
  return
}

// -----

func.func @reduce_duplicate_axes(%x: tensor<?x8xf32>) {
  // expected-error @+2 {{axes contain dimension 1 more than once}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reduce max %x {axes = array<i64: 1, -1>} : tensor<?x8xf32> -> tensor<?x1xf32>
  return
}

// -----

func.func @reduce_mean_int(%x: tensor<4x8xi32>) {
  // expected-error @+1 {{'nn.reduce' op mean reduction requires a float tensor, got element type 'i32'}}
  %0 = nn.reduce mean %x {axes = array<i64: 1>} : tensor<4x8xi32> -> tensor<4x1xi32>
  return
}

// -----

func.func @reduce_result_type(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{all of {input, output} have same element type}}
  %0 = nn.reduce sum %x : tensor<4x8xf32> -> tensor<1x1xf16>
  return
}

// -----

func.func @reduce_bool(%x: tensor<4xi1>) -> tensor<1xi1> {
  // i1 is an integer type, accepted by sum/max/min/prod; this case checks that
  // a keepdims mismatch with the declared result is caught.
  // expected-error @+2 {{inferred type(s) 'tensor<1xi1>' are incompatible with return type(s) of operation 'tensor<i1>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reduce max %x : tensor<4xi1> -> tensor<i1>
  %1 = nn.reduce max %x : tensor<4xi1> -> tensor<1xi1>
  return %1 : tensor<1xi1>
}

// -----

func.func @reduce_kind(%x: tensor<4xf32>) {
  // expected-error @+2 {{expected ::mlir::nn::ReduceKind to be one of: sum, mean, max, min, prod}}
  // expected-error @+1 {{failed to parse NN_ReduceKindAttr parameter}}
  %0 = nn.reduce avg %x : tensor<4xf32> -> tensor<1xf32>
  return
}

// -----

func.func @argmax_axis(%x: tensor<?x10xf32>) {
  // expected-error @+2 {{axis 2 is out of range [-2, 1] for a rank-2 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.argmax %x {axis = 2 : i64} : tensor<?x10xf32> -> tensor<?x10xi64>
  return
}

// -----

func.func @argmin_rank0(%x: tensor<f32>) {
  // expected-error @+2 {{axis 0 is invalid for a rank-0 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.argmin %x : tensor<f32> -> tensor<i64>
  return
}

// -----

func.func @argmax_i32_result(%x: tensor<4x10xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of 64-bit signless integer values}}
  %0 = nn.argmax %x {axis = 1 : i64} : tensor<4x10xf32> -> tensor<4x1xi32>
  return
}
