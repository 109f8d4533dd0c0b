// RUN: %nn-opt %s -convert-nn-to-linalg -split-input-file -verify-diagnostics

// Extents the IR does not determine are not guessed: the pass fails on the op.

// A dynamic result extent with no dynamic input extent to read it from.
func.func @broadcast_unknown_extent(%x: tensor<1x8xf32>) -> tensor<?x4x8xf32> {
  // expected-error @+1 {{failed to legalize operation 'nn.broadcast'}}
  %0 = nn.broadcast %x : tensor<1x8xf32> -> tensor<?x4x8xf32>
  return %0 : tensor<?x4x8xf32>
}

// -----

// Two dynamic result extents cannot both come from the element count.
func.func @reshape_two_unknowns(%x: tensor<?x?xf32>) -> tensor<?x?x2xf32> {
  // expected-error @+1 {{failed to legalize operation 'nn.reshape'}}
  %0 = nn.reshape %x : tensor<?x?xf32> -> tensor<?x?x2xf32>
  return %0 : tensor<?x?x2xf32>
}

// -----

// A dynamic resized extent without scales.
func.func @resize_unknown_extent(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x?x8xf32> {
  // expected-error @+1 {{failed to legalize operation 'nn.resize'}}
  %0 = nn.resize %x {mode = #nn<resize nearest>} : tensor<1x1x4x4xf32> -> tensor<1x1x?x8xf32>
  return %0 : tensor<1x1x?x8xf32>
}
