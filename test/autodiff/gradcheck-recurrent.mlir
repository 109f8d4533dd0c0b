// Gradient check of the recurrent layers (unrolled through time by
// decomposeForGradient) against central finite differences in double
// precision: all operands but sequence_lens, every direction, peepholes and
// both GRU forms; y, y_h (and y_c) all carry random cotangents.
// RUN: %nn-gradcheck %s | FileCheck %s
// CHECK: 6 passed, 0 failed

func.func @rnn(%x: tensor<3x2x2xf64>, %w: tensor<1x3x2xf64>, %r: tensor<1x3x3xf64>, %b: tensor<1x6xf64>, %h0: tensor<1x2x3xf64>) -> (tensor<3x1x2x3xf64>, tensor<1x2x3xf64>) {
  %y, %yh = nn.rnn %x, %w, %r bias(%b) initial_h(%h0) {hidden_size = 3 : i64} : (tensor<3x2x2xf64>, tensor<1x3x2xf64>, tensor<1x3x3xf64>, tensor<1x6xf64>, tensor<1x2x3xf64>) -> (tensor<3x1x2x3xf64>, tensor<1x2x3xf64>)
  return %y, %yh : tensor<3x1x2x3xf64>, tensor<1x2x3xf64>
}

func.func @rnn_bidirectional_relu(%x: tensor<3x2x2xf64>, %w: tensor<2x3x2xf64>, %r: tensor<2x3x3xf64>) -> (tensor<3x2x2x3xf64>, tensor<2x2x3xf64>) {
  %y, %yh = nn.rnn %x, %w, %r {hidden_size = 3 : i64, direction = #nn<direction bidirectional>, activations = ["Relu", "Tanh"]} : (tensor<3x2x2xf64>, tensor<2x3x2xf64>, tensor<2x3x3xf64>) -> (tensor<3x2x2x3xf64>, tensor<2x2x3xf64>)
  return %y, %yh : tensor<3x2x2x3xf64>, tensor<2x2x3xf64>
}

func.func @lstm(%x: tensor<3x2x2xf64>, %w: tensor<1x8x2xf64>, %r: tensor<1x8x2xf64>, %b: tensor<1x16xf64>, %h0: tensor<1x2x2xf64>, %c0: tensor<1x2x2xf64>) -> (tensor<3x1x2x2xf64>, tensor<1x2x2xf64>, tensor<1x2x2xf64>) {
  %y, %yh, %yc = nn.lstm %x, %w, %r bias(%b) initial_h(%h0) initial_c(%c0) {hidden_size = 2 : i64} : (tensor<3x2x2xf64>, tensor<1x8x2xf64>, tensor<1x8x2xf64>, tensor<1x16xf64>, tensor<1x2x2xf64>, tensor<1x2x2xf64>) -> (tensor<3x1x2x2xf64>, tensor<1x2x2xf64>, tensor<1x2x2xf64>)
  return %y, %yh, %yc : tensor<3x1x2x2xf64>, tensor<1x2x2xf64>, tensor<1x2x2xf64>
}

func.func @lstm_reverse_peepholes(%x: tensor<3x1x2xf64>, %w: tensor<1x8x2xf64>, %r: tensor<1x8x2xf64>, %p: tensor<1x6xf64>) -> (tensor<3x1x1x2xf64>, tensor<1x1x2xf64>, tensor<1x1x2xf64>) {
  %y, %yh, %yc = nn.lstm %x, %w, %r peepholes(%p) {hidden_size = 2 : i64, direction = #nn<direction reverse>} : (tensor<3x1x2xf64>, tensor<1x8x2xf64>, tensor<1x8x2xf64>, tensor<1x6xf64>) -> (tensor<3x1x1x2xf64>, tensor<1x1x2xf64>, tensor<1x1x2xf64>)
  return %y, %yh, %yc : tensor<3x1x1x2xf64>, tensor<1x1x2xf64>, tensor<1x1x2xf64>
}

func.func @gru(%x: tensor<3x2x2xf64>, %w: tensor<1x6x2xf64>, %r: tensor<1x6x2xf64>, %b: tensor<1x12xf64>, %h0: tensor<1x2x2xf64>) -> (tensor<3x1x2x2xf64>, tensor<1x2x2xf64>) {
  %y, %yh = nn.gru %x, %w, %r bias(%b) initial_h(%h0) {hidden_size = 2 : i64} : (tensor<3x2x2xf64>, tensor<1x6x2xf64>, tensor<1x6x2xf64>, tensor<1x12xf64>, tensor<1x2x2xf64>) -> (tensor<3x1x2x2xf64>, tensor<1x2x2xf64>)
  return %y, %yh : tensor<3x1x2x2xf64>, tensor<1x2x2xf64>
}

func.func @gru_bidirectional_linear_before_reset(%x: tensor<3x2x2xf64>, %w: tensor<2x6x2xf64>, %r: tensor<2x6x2xf64>, %b: tensor<2x12xf64>) -> (tensor<3x2x2x2xf64>, tensor<2x2x2xf64>) {
  %y, %yh = nn.gru %x, %w, %r bias(%b) {hidden_size = 2 : i64, direction = #nn<direction bidirectional>, linear_before_reset = true} : (tensor<3x2x2xf64>, tensor<2x6x2xf64>, tensor<2x6x2xf64>, tensor<2x12xf64>) -> (tensor<3x2x2x2xf64>, tensor<2x2x2xf64>)
  return %y, %yh : tensor<3x2x2x2xf64>, tensor<2x2x2xf64>
}
