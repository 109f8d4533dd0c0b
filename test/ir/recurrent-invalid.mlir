// RUN: %nn-opt %s -split-input-file -verify-diagnostics

func.func @hidden_size_not_positive(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>) {
  // expected-error @+2 {{hidden_size must be positive, got 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 0 : i64} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @hidden_size_too_large(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>) {
  // expected-error @+2 {{hidden_size 4611686018427387904 is too large}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 4611686018427387904 : i64} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @activation_count(%x: tensor<5x3x4xf32>, %w: tensor<2x24x4xf32>, %r: tensor<2x24x8xf32>) {
  // expected-error @+2 {{expected 4 activations (2 per direction, 2 direction(s)), got 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.gru %x, %w, %r {hidden_size = 8 : i64, direction = #nn<direction bidirectional>, activations = ["Sigmoid", "Tanh"]} : (tensor<5x3x4xf32>, tensor<2x24x4xf32>, tensor<2x24x8xf32>) -> (tensor<5x2x3x8xf32>, tensor<2x3x8xf32>)
  return
}

// -----

func.func @activation_unknown(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>) {
  // expected-error @+2 {{unknown activation "tanh"; expected one of Relu, Tanh}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 8 : i64, activations = ["tanh"]} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @activation_not_string(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>) {
  // expected-error @+1 {{attribute 'activations' failed to satisfy constraint: string array attribute}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 8 : i64, activations = [1]} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

// The default activations take no alpha.
func.func @alpha_without_activations(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>) {
  // expected-error @+2 {{activation_alpha has 1 values but the activations take only 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 8 : i64, activation_alpha = array<f64: 0.5>} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @beta_surplus(%x: tensor<5x3x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+2 {{activation_beta has 2 values but the activations take only 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h, %y_c = nn.lstm %x, %w, %r {hidden_size = 8 : i64, activations = ["HardSigmoid", "Elu", "Tanh"], activation_alpha = array<f64: 0.2, 1.0>, activation_beta = array<f64: 0.5, 0.5>} : (tensor<5x3x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @clip_not_positive(%x: tensor<5x3x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+2 {{clip must be positive, got -1}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h, %y_c = nn.lstm %x, %w, %r {hidden_size = 8 : i64, clip = -1.0} : (tensor<5x3x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @x_rank(%x: tensor<3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>) {
  // expected-error @+2 {{x must be a rank-3 tensor [seq_length, batch_size, input_size], got 'tensor<3x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 8 : i64} : (tensor<3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @bias_rank(%x: tensor<5x3x4xf32>, %w: tensor<1x24x4xf32>, %r: tensor<1x24x8xf32>, %b: tensor<48xf32>) {
  // expected-error @+2 {{bias must be a rank-2 tensor [num_directions, 2 * G * hidden_size]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.gru %x, %w, %r bias(%b) {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x24x4xf32>, tensor<1x24x8xf32>, tensor<48xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @element_type_mismatch(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf16>, %r: tensor<1x8x8xf32>) {
  // expected-error @+2 {{w must have the element type 'f32' of x, got 'tensor<1x8x4xf16>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x8x4xf16>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @directions(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>) {
  // expected-error @+2 {{expected dimension 0 of w to be 2 (num_directions for direction bidirectional), but w has shape [1, 8, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 8 : i64, direction = #nn<direction bidirectional>} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x2x3x8xf32>, tensor<2x3x8xf32>)
  return
}

// -----

func.func @w_gate_rows(%x: tensor<5x3x4xf32>, %w: tensor<1x24x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+2 {{expected dimension 1 of w to be 32 (4 gate(s) x hidden_size 8), but w has shape [1, 24, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h, %y_c = nn.lstm %x, %w, %r {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x24x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @input_size(%x: tensor<5x3x4xf32>, %w: tensor<1x24x5xf32>, %r: tensor<1x24x8xf32>) {
  // expected-error @+2 {{expected dimension 2 of w to be 4 (input_size of x), but w has shape [1, 24, 5]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.gru %x, %w, %r {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x24x5xf32>, tensor<1x24x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @r_rows(%x: tensor<5x3x4xf32>, %w: tensor<1x24x4xf32>, %r: tensor<1x8x8xf32>) {
  // expected-error @+2 {{expected dimension 1 of r to be 24 (3 gate(s) x hidden_size 8), but r has shape [1, 8, 8]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.gru %x, %w, %r {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x24x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @r_hidden(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x4xf32>) {
  // expected-error @+2 {{expected dimension 2 of r to be 8 (hidden_size 8), but r has shape [1, 8, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @bias_extent(%x: tensor<5x3x4xf32>, %w: tensor<1x24x4xf32>, %r: tensor<1x24x8xf32>, %b: tensor<1x24xf32>) {
  // expected-error @+2 {{expected dimension 1 of bias to be 48 (2 x 3 gate(s) x hidden_size 8), but bias has shape [1, 24]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.gru %x, %w, %r bias(%b) {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x24x4xf32>, tensor<1x24x8xf32>, tensor<1x24xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @bias_directions(%x: tensor<5x3x4xf32>, %w: tensor<2x8x4xf32>, %r: tensor<2x8x8xf32>, %b: tensor<1x16xf32>) {
  // expected-error @+2 {{expected dimension 0 of bias to be 2 (num_directions for direction bidirectional), but bias has shape [1, 16]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r bias(%b) {hidden_size = 8 : i64, direction = #nn<direction bidirectional>} : (tensor<5x3x4xf32>, tensor<2x8x4xf32>, tensor<2x8x8xf32>, tensor<1x16xf32>) -> (tensor<5x2x3x8xf32>, tensor<2x3x8xf32>)
  return
}

// -----

func.func @peepholes_extent(%x: tensor<5x3x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>, %p: tensor<1x32xf32>) {
  // expected-error @+2 {{expected dimension 1 of peepholes to be 24 (3 gates x hidden_size 8), but peepholes has shape [1, 32]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h, %y_c = nn.lstm %x, %w, %r peepholes(%p) {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x32xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @sequence_lens_rank(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>, %lens: tensor<1x3xi32>) {
  // expected-error @+2 {{sequence_lens must be a rank-1 tensor [batch_size], got 'tensor<1x3xi32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r sequence_lens(%lens) {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>, tensor<1x3xi32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @sequence_lens_batch(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>, %lens: tensor<2xi32>) {
  // expected-error @+2 {{expected dimension 0 of sequence_lens to be 3 (batch_size of x), but sequence_lens has shape [2]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r sequence_lens(%lens) {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>, tensor<2xi32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

// With a dynamic batch in x, the first static batch (sequence_lens) pins it.
func.func @initial_h_batch(%x: tensor<5x?x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>, %lens: tensor<3xi32>, %h0: tensor<1x2x8xf32>) {
  // expected-error @+2 {{expected dimension 1 of initial_h to be 3 (batch_size of sequence_lens), but initial_h has shape [1, 2, 8]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r sequence_lens(%lens) initial_h(%h0) {hidden_size = 8 : i64} : (tensor<5x?x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>, tensor<3xi32>, tensor<1x2x8xf32>) -> (tensor<5x1x?x8xf32>, tensor<1x?x8xf32>)
  return
}

// -----

func.func @initial_h_hidden(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>, %h0: tensor<1x3x4xf32>) {
  // expected-error @+2 {{expected dimension 2 of initial_h to be 8 (hidden_size 8), but initial_h has shape [1, 3, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r initial_h(%h0) {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>, tensor<1x3x4xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @initial_c_batch(%x: tensor<5x?x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>, %h0: tensor<1x3x8xf32>, %c0: tensor<1x4x8xf32>) {
  // expected-error @+2 {{expected dimension 1 of initial_c to be 3 (batch_size of initial_h), but initial_c has shape [1, 4, 8]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h, %y_c = nn.lstm %x, %w, %r initial_h(%h0) initial_c(%c0) {hidden_size = 8 : i64} : (tensor<5x?x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x3x8xf32>, tensor<1x4x8xf32>) -> (tensor<5x1x?x8xf32>, tensor<1x?x8xf32>, tensor<1x?x8xf32>)
  return
}

// -----

func.func @initial_c_element_type(%x: tensor<5x3x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>, %c0: tensor<1x3x8xf64>) {
  // expected-error @+2 {{initial_c must have the element type 'f32' of x, got 'tensor<1x3x8xf64>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h, %y_c = nn.lstm %x, %w, %r initial_c(%c0) {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x3x8xf64>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

// Declared result types must agree with the inferred ones.
func.func @result_mismatch(%x: tensor<5x3x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+2 {{are incompatible with return type(s)}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h, %y_c = nn.lstm %x, %w, %r {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x4xf32>)
  return
}

// -----

// ODS type constraints: float X, W, R, states; integer sequence_lens.
func.func @rnn_int_x(%x: tensor<5x3x4xi32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 8 : i64} : (tensor<5x3x4xi32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @gru_float_lens(%x: tensor<5x3x4xf32>, %w: tensor<1x24x4xf32>, %r: tensor<1x24x8xf32>, %lens: tensor<3xf32>) {
  // expected-error @+1 {{operand #3 must be ranked tensor of 32/64-bit integer values}}
  %y, %y_h = nn.gru %x, %w, %r sequence_lens(%lens) {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x24x4xf32>, tensor<1x24x8xf32>, tensor<3xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @lstm_int_initial_c(%x: tensor<5x3x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>, %c0: tensor<1x3x8xi32>) {
  // expected-error @+1 {{operand #3 must be ranked tensor of floating-point values}}
  %y, %y_h, %y_c = nn.lstm %x, %w, %r initial_c(%c0) {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x3x8xi32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
  return
}
