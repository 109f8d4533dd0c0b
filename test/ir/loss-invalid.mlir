// RUN: %nn-opt %s -split-input-file -verify-diagnostics

// One case per error branch of Losses.cpp, plus ODS constraints. Inference
// errors are followed by the generic "failed to infer returned types".

func.func @mse_shapes(%p: tensor<?x10xf32>, %t: tensor<?x9xf32>) {
  // expected-error @+2 {{pred of shape [?, 10] and target of shape [?, 9] must have the same shape}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.mse %p, %t : (tensor<?x10xf32>, tensor<?x9xf32>) -> tensor<f32>
  return
}

// -----

func.func @mse_no_broadcast(%p: tensor<4x10xf32>, %t: tensor<10xf32>) {
  // expected-error @+2 {{pred of shape [4, 10] and target of shape [10] must have the same shape}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.mse %p, %t : (tensor<4x10xf32>, tensor<10xf32>) -> tensor<f32>
  return
}

// -----

func.func @mse_int(%p: tensor<4xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = nn.mse %p, %p : (tensor<4xi32>, tensor<4xi32>) -> tensor<i32>
  return
}

// -----

func.func @mse_mixed(%p: tensor<4xf32>, %t: tensor<4xf16>) {
  // expected-error @+1 {{all of {pred, target, output} have same element type}}
  %0 = nn.mse %p, %t : (tensor<4xf32>, tensor<4xf16>) -> tensor<f32>
  return
}

// -----

func.func @mse_none_result(%p: tensor<4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<f32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.mse %p, %p {reduction = #nn<reduction none>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
  return
}

// -----

func.func @mse_bad_reduction(%p: tensor<4xf32>) {
  // expected-error @+2 {{expected ::mlir::nn::LossReduction to be one of: none, mean, sum}}
  // expected-error @+1 {{failed to parse NN_LossReductionAttr parameter}}
  %0 = nn.mse %p, %p {reduction = #nn<reduction avg>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
  return
}

// -----

func.func @sce_logits_rank(%x: tensor<10xf32>, %l: tensor<i64>) {
  // expected-error @+2 {{logits must have rank >= 2 ([N, C, D1, ...]), got shape [10]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.softmax_cross_entropy %x, %l : (tensor<10xf32>, tensor<i64>) -> tensor<f32>
  return
}

// -----

func.func @sce_labels_rank(%x: tensor<?x10xf32>, %l: tensor<?x10xi64>) {
  // expected-error @+2 {{labels of shape [?, 10] must have rank 1 ([N, D1, ...]) to match logits of shape [?, 10]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.softmax_cross_entropy %x, %l : (tensor<?x10xf32>, tensor<?x10xi64>) -> tensor<f32>
  return
}

// -----

func.func @sce_labels_batch(%x: tensor<4x10xf32>, %l: tensor<5xi64>) {
  // expected-error @+2 {{labels of shape [5] does not match the batch and spatial dimensions of logits of shape [4, 10]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.softmax_cross_entropy %x, %l : (tensor<4x10xf32>, tensor<5xi64>) -> tensor<f32>
  return
}

// -----

func.func @sce_weight_rank(%x: tensor<?x10xf32>, %l: tensor<?xi64>, %w: tensor<1x10xf32>) {
  // expected-error @+2 {{weight must be a 1-D tensor of C elements, got shape [1, 10]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.softmax_cross_entropy %x, %l, %w : (tensor<?x10xf32>, tensor<?xi64>, tensor<1x10xf32>) -> tensor<f32>
  return
}

// -----

func.func @sce_weight_type(%x: tensor<?x10xf32>, %l: tensor<?xi64>, %w: tensor<10xf16>) {
  // expected-error @+2 {{weight element type 'f16' does not match logits element type 'f32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.softmax_cross_entropy %x, %l, %w : (tensor<?x10xf32>, tensor<?xi64>, tensor<10xf16>) -> tensor<f32>
  return
}

// -----

func.func @sce_float_labels(%x: tensor<?x10xf32>, %l: tensor<?xf32>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of 32/64-bit integer values}}
  %0 = nn.softmax_cross_entropy %x, %l : (tensor<?x10xf32>, tensor<?xf32>) -> tensor<f32>
  return
}

// -----

func.func @sce_none_result(%x: tensor<?x10xf32>, %l: tensor<?xi64>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?xf32>' are incompatible with return type(s) of operation 'tensor<f32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.softmax_cross_entropy %x, %l {reduction = #nn<reduction none>} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  return
}

// -----

func.func @nll_weight_classes(%lp: tensor<?x5x7xf32>, %t: tensor<?x7xi64>, %w: tensor<6xf32>) {
  // expected-error @+2 {{weight has 6 elements but log_probs has 5 classes}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.nll %lp, %t, %w : (tensor<?x5x7xf32>, tensor<?x7xi64>, tensor<6xf32>) -> tensor<f32>
  return
}

// -----

func.func @nll_target_spatial(%lp: tensor<?x5x7xf32>, %t: tensor<?x8xi64>) {
  // expected-error @+2 {{target of shape [?, 8] does not match the batch and spatial dimensions of log_probs of shape [?, 5, 7]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.nll %lp, %t : (tensor<?x5x7xf32>, tensor<?x8xi64>) -> tensor<f32>
  return
}

// -----

func.func @nll_target_i16(%lp: tensor<?x5xf32>, %t: tensor<?xi16>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of 32/64-bit integer values}}
  %0 = nn.nll %lp, %t : (tensor<?x5xf32>, tensor<?xi16>) -> tensor<f32>
  return
}

// -----

func.func @bce_shapes(%p: tensor<?x4xf32>, %t: tensor<?x1xf32>) {
  // expected-error @+2 {{pred of shape [?, 4] and target of shape [?, 1] must have the same shape}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.bce %p, %t : (tensor<?x4xf32>, tensor<?x1xf32>) -> tensor<f32>
  return
}

// -----

func.func @bce_weight_rank(%p: tensor<4xf32>, %w: tensor<2x4xf32>) {
  // expected-error @+2 {{weight of shape [2, 4] does not broadcast to the shape of pred [4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.bce %p, %p, %w : (tensor<4xf32>, tensor<4xf32>, tensor<2x4xf32>) -> tensor<f32>
  return
}

// -----

func.func @bce_weight_extent(%p: tensor<?x4xf32>, %w: tensor<3xf32>) {
  // expected-error @+2 {{weight of shape [3] does not broadcast to the shape of pred [?, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.bce %p, %p, %w : (tensor<?x4xf32>, tensor<?x4xf32>, tensor<3xf32>) -> tensor<f32>
  return
}

// -----

func.func @bce_weight_type(%p: tensor<?x4xf32>, %w: tensor<4xbf16>) {
  // expected-error @+2 {{weight element type 'bf16' does not match pred element type 'f32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.bce %p, %p, %w : (tensor<?x4xf32>, tensor<?x4xf32>, tensor<4xbf16>) -> tensor<f32>
  return
}

// -----

func.func @bce_result_type(%p: tensor<?x4xf32>) {
  // expected-error @+1 {{all of {pred, target, output} have same element type}}
  %0 = nn.bce %p, %p : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<f16>
  return
}
