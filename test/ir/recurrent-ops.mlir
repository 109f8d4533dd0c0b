// RUN: %nn-opt %s | %nn-opt | FileCheck %s
// RUN: %nn-opt %s --nn-infer-shapes | FileCheck %s --check-prefix=INFER

// Only the required operands; the default direction is elided.
// CHECK-LABEL: func.func @rnn_minimal
// CHECK: %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} = nn.rnn %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} {hidden_size = 8 : i64}
// CHECK-SAME: : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
func.func @rnn_minimal(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>) {
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 8 : i64, direction = #nn<direction forward>} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return %y, %y_h : tensor<5x1x3x8xf32>, tensor<1x3x8xf32>
}

// Every optional operand and attribute, bidirectional, dynamic seq and batch.
// CHECK-LABEL: func.func @rnn_full
// CHECK: nn.rnn %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} bias(%{{[a-z0-9_]+}}) sequence_lens(%{{[a-z0-9_]+}}) initial_h(%{{[a-z0-9_]+}})
// CHECK-SAME: activation_alpha = array<f64: 1.000000e-01>
// CHECK-SAME: activations = ["LeakyRelu", "Tanh"]
// CHECK-SAME: clip = 5.000000e+00 : f64
// CHECK-SAME: direction = #nn<direction bidirectional>
// CHECK-SAME: hidden_size = 8 : i64
// CHECK-SAME: -> (tensor<?x2x?x8xf16>, tensor<2x?x8xf16>)
func.func @rnn_full(%x: tensor<?x?x4xf16>, %w: tensor<2x8x4xf16>, %r: tensor<2x8x8xf16>, %b: tensor<2x16xf16>, %lens: tensor<?xi32>, %h0: tensor<2x?x8xf16>) -> tensor<?x2x?x8xf16> {
  %y, %y_h = nn.rnn %x, %w, %r bias(%b) sequence_lens(%lens) initial_h(%h0) {hidden_size = 8 : i64, direction = #nn<direction bidirectional>, activations = ["LeakyRelu", "Tanh"], activation_alpha = array<f64: 0.1>, clip = 5.0} : (tensor<?x?x4xf16>, tensor<2x8x4xf16>, tensor<2x8x8xf16>, tensor<2x16xf16>, tensor<?xi32>, tensor<2x?x8xf16>) -> (tensor<?x2x?x8xf16>, tensor<2x?x8xf16>)
  return %y : tensor<?x2x?x8xf16>
}

// A dynamic batch in x is pinned by a static initial_h; inference refines it.
// CHECK-LABEL: func.func @rnn_pinned_batch
// CHECK: nn.rnn {{.*}} initial_h(%{{[a-z0-9_]+}}) {direction = #nn<direction reverse>, hidden_size = 2 : i64}
// CHECK-SAME: -> (tensor<7x1x?x2xf32>, tensor<1x?x2xf32>)
// INFER-LABEL: func.func @rnn_pinned_batch
// INFER: nn.rnn {{.*}} -> (tensor<7x1x3x2xf32>, tensor<1x3x2xf32>)
func.func @rnn_pinned_batch(%x: tensor<7x?x4xf32>, %w: tensor<1x2x4xf32>, %r: tensor<1x2x2xf32>, %h0: tensor<1x3x2xf32>) -> tensor<1x?x2xf32> {
  %y, %y_h = nn.rnn %x, %w, %r initial_h(%h0) {hidden_size = 2 : i64, direction = #nn<direction reverse>} : (tensor<7x?x4xf32>, tensor<1x2x4xf32>, tensor<1x2x2xf32>, tensor<1x3x2xf32>) -> (tensor<7x1x?x2xf32>, tensor<1x?x2xf32>)
  return %y_h : tensor<1x?x2xf32>
}

// CHECK-LABEL: func.func @gru_minimal
// CHECK: nn.gru %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} {hidden_size = 8 : i64}
// CHECK-SAME: -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
func.func @gru_minimal(%x: tensor<5x3x4xf32>, %w: tensor<1x24x4xf32>, %r: tensor<1x24x8xf32>) -> tensor<1x3x8xf32> {
  %y, %y_h = nn.gru %x, %w, %r {hidden_size = 8 : i64, linear_before_reset = false} : (tensor<5x3x4xf32>, tensor<1x24x4xf32>, tensor<1x24x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return %y_h : tensor<1x3x8xf32>
}

// CHECK-LABEL: func.func @gru_full
// CHECK: nn.gru %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} bias(%{{[a-z0-9_]+}}) sequence_lens(%{{[a-z0-9_]+}}) initial_h(%{{[a-z0-9_]+}})
// CHECK-SAME: activation_alpha = array<f64: 2.000000e-01, 1.000000e+00>
// CHECK-SAME: activation_beta = array<f64: 5.000000e-01>
// CHECK-SAME: activations = ["HardSigmoid", "Elu", "Sigmoid", "Tanh"]
// CHECK-SAME: direction = #nn<direction bidirectional>
// CHECK-SAME: linear_before_reset = true
// CHECK-SAME: : (tensor<5x?x4xbf16>, tensor<2x24x4xbf16>, tensor<2x24x8xbf16>, tensor<2x48xbf16>, tensor<?xi64>, tensor<2x?x8xbf16>) -> (tensor<5x2x?x8xbf16>, tensor<2x?x8xbf16>)
func.func @gru_full(%x: tensor<5x?x4xbf16>, %w: tensor<2x24x4xbf16>, %r: tensor<2x24x8xbf16>, %b: tensor<2x48xbf16>, %lens: tensor<?xi64>, %h0: tensor<2x?x8xbf16>) -> tensor<5x2x?x8xbf16> {
  %y, %y_h = nn.gru %x, %w, %r bias(%b) sequence_lens(%lens) initial_h(%h0) {hidden_size = 8 : i64, direction = #nn<direction bidirectional>, linear_before_reset = true, activations = ["HardSigmoid", "Elu", "Sigmoid", "Tanh"], activation_alpha = array<f64: 0.2, 1.0>, activation_beta = array<f64: 0.5>} : (tensor<5x?x4xbf16>, tensor<2x24x4xbf16>, tensor<2x24x8xbf16>, tensor<2x48xbf16>, tensor<?xi64>, tensor<2x?x8xbf16>) -> (tensor<5x2x?x8xbf16>, tensor<2x?x8xbf16>)
  return %y : tensor<5x2x?x8xbf16>
}

// Only sequence_lens among the optional operands.
// CHECK-LABEL: func.func @gru_only_lens
// CHECK: nn.gru %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} sequence_lens(%{{[a-z0-9_]+}}) {direction = #nn<direction reverse>, hidden_size = 2 : i64}
// CHECK-SAME: -> (tensor<6x1x3x2xf64>, tensor<1x3x2xf64>)
func.func @gru_only_lens(%x: tensor<6x3x1xf64>, %w: tensor<1x6x1xf64>, %r: tensor<1x6x2xf64>, %lens: tensor<3xi32>) -> tensor<1x3x2xf64> {
  %y, %y_h = nn.gru %x, %w, %r sequence_lens(%lens) {hidden_size = 2 : i64, direction = #nn<direction reverse>} : (tensor<6x3x1xf64>, tensor<1x6x1xf64>, tensor<1x6x2xf64>, tensor<3xi32>) -> (tensor<6x1x3x2xf64>, tensor<1x3x2xf64>)
  return %y_h : tensor<1x3x2xf64>
}

// CHECK-LABEL: func.func @lstm_minimal
// CHECK: %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} = nn.lstm %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} {hidden_size = 8 : i64}
// CHECK-SAME: -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
func.func @lstm_minimal(%x: tensor<5x3x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) -> tensor<1x3x8xf32> {
  %y, %y_h, %y_c = nn.lstm %x, %w, %r {hidden_size = 8 : i64, input_forget = false} : (tensor<5x3x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
  return %y_c : tensor<1x3x8xf32>
}

// CHECK-LABEL: func.func @lstm_full
// CHECK: nn.lstm %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} bias(%{{[a-z0-9_]+}}) sequence_lens(%{{[a-z0-9_]+}}) initial_h(%{{[a-z0-9_]+}}) initial_c(%{{[a-z0-9_]+}}) peepholes(%{{[a-z0-9_]+}})
// CHECK-SAME: activation_alpha = array<f64: 1.000000e+00, 2.000000e+00>
// CHECK-SAME: activation_beta = array<f64: 3.000000e+00>
// CHECK-SAME: activations = ["Sigmoid", "Tanh", "Tanh", "Affine", "ThresholdedRelu", "Softsign"]
// CHECK-SAME: clip = 1.000000e+01 : f64
// CHECK-SAME: direction = #nn<direction bidirectional>
// CHECK-SAME: input_forget = true
// CHECK-SAME: : (tensor<5x?x4xf32>, tensor<2x32x4xf32>, tensor<2x32x8xf32>, tensor<2x64xf32>, tensor<?xi32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>, tensor<2x24xf32>) -> (tensor<5x2x?x8xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>)
func.func @lstm_full(%x: tensor<5x?x4xf32>, %w: tensor<2x32x4xf32>, %r: tensor<2x32x8xf32>, %b: tensor<2x64xf32>, %lens: tensor<?xi32>, %h0: tensor<2x?x8xf32>, %c0: tensor<2x?x8xf32>, %p: tensor<2x24xf32>) -> tensor<2x?x8xf32> {
  %y, %y_h, %y_c = nn.lstm %x, %w, %r bias(%b) sequence_lens(%lens) initial_h(%h0) initial_c(%c0) peepholes(%p) {hidden_size = 8 : i64, direction = #nn<direction bidirectional>, input_forget = true, activations = ["Sigmoid", "Tanh", "Tanh", "Affine", "ThresholdedRelu", "Softsign"], activation_alpha = array<f64: 1.0, 2.0>, activation_beta = array<f64: 3.0>, clip = 10.0} : (tensor<5x?x4xf32>, tensor<2x32x4xf32>, tensor<2x32x8xf32>, tensor<2x64xf32>, tensor<?xi32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>, tensor<2x24xf32>) -> (tensor<5x2x?x8xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>)
  return %y_c : tensor<2x?x8xf32>
}

// initial_c without initial_h, and peepholes alone: each optional group
// parses on its own keyword.
// CHECK-LABEL: func.func @lstm_cell_only
// CHECK: nn.lstm %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} initial_c(%{{[a-z0-9_]+}}) peepholes(%{{[a-z0-9_]+}}) {hidden_size = 2 : i64}
// CHECK-SAME: : (tensor<4x?x3xf32>, tensor<1x8x3xf32>, tensor<1x8x2xf32>, tensor<1x5x2xf32>, tensor<1x6xf32>) -> (tensor<4x1x?x2xf32>, tensor<1x?x2xf32>, tensor<1x?x2xf32>)
// INFER-LABEL: func.func @lstm_cell_only
// INFER: nn.lstm {{.*}} -> (tensor<4x1x5x2xf32>, tensor<1x5x2xf32>, tensor<1x5x2xf32>)
func.func @lstm_cell_only(%x: tensor<4x?x3xf32>, %w: tensor<1x8x3xf32>, %r: tensor<1x8x2xf32>, %c0: tensor<1x5x2xf32>, %p: tensor<1x6xf32>) -> tensor<1x?x2xf32> {
  %y, %y_h, %y_c = nn.lstm %x, %w, %r initial_c(%c0) peepholes(%p) {hidden_size = 2 : i64} : (tensor<4x?x3xf32>, tensor<1x8x3xf32>, tensor<1x8x2xf32>, tensor<1x5x2xf32>, tensor<1x6xf32>) -> (tensor<4x1x?x2xf32>, tensor<1x?x2xf32>, tensor<1x?x2xf32>)
  return %y_h : tensor<1x?x2xf32>
}

// The generic form with explicit segment sizes parses to the same op.
// CHECK-LABEL: func.func @lstm_generic
// CHECK: nn.lstm %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} peepholes(%{{[a-z0-9_]+}}) {hidden_size = 1 : i64}
func.func @lstm_generic(%x: tensor<2x1x1xf32>, %w: tensor<1x4x1xf32>, %r: tensor<1x4x1xf32>, %p: tensor<1x3xf32>) -> tensor<1x1x1xf32> {
  %0:3 = "nn.lstm"(%x, %w, %r, %p) <{hidden_size = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 1>}> : (tensor<2x1x1xf32>, tensor<1x4x1xf32>, tensor<1x4x1xf32>, tensor<1x3xf32>) -> (tensor<2x1x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1x1xf32>)
  return %0#1 : tensor<1x1x1xf32>
}
