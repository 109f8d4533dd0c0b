// Fusion on and off compute the same numbers (checked against numpy), and
// --stats counts each fused group as one kernel.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/fusion_ref.py %t
// RUN: %nn-run %s --input=%t/x.npy --input=%t/w.npy --input=%t/b.npy --input=%t/r.npy --output-dir=%t/fused
// RUN: %nn-run %s --input=%t/x.npy --input=%t/w.npy --input=%t/b.npy --input=%t/r.npy --output-dir=%t/unfused --no-fusion
// RUN: %python %S/Inputs/fusion_ref.py %t %t/fused %t/unfused | FileCheck %s --check-prefix=CMP
// CMP: fused: 3 outputs match numpy
// CMP: unfused: 3 outputs match numpy

// Fused: the epilogue (fill, matmul, bias+relu+residual), the softmax (max,
// sum, normalize) and the exp*b->tanh chain are one loop nest each; Q/K/V
// are one fill + one matmul, and q*k+v one generic: 6 kernels. Unfused,
// every nn op is at least one linalg op.
// RUN: %nn-run %s --input=%t/x.npy --input=%t/w.npy --input=%t/b.npy --input=%t/r.npy --stats | FileCheck %s --check-prefix=FUSED
// FUSED: kernels=6 buffers_bytes=
// RUN: %nn-run %s --input=%t/x.npy --input=%t/w.npy --input=%t/b.npy --input=%t/r.npy --stats --no-fusion | FileCheck %s --check-prefix=UNFUSED
// UNFUSED: kernels={{(1[5-9]|2[0-9])}} buffers_bytes=
func.func @main(%x: tensor<8x4xf32>, %w: tensor<4x512xf32>, %b: tensor<512xf32>, %r: tensor<8x512xf32>) -> (tensor<8x512xf32>, tensor<8x512xf32>, tensor<8x4xf32>) {
  %m = nn.matmul %x, %w : (tensor<8x4xf32>, tensor<4x512xf32>) -> tensor<8x512xf32>
  %a = nn.add %m, %b : (tensor<8x512xf32>, tensor<512xf32>) -> tensor<8x512xf32>
  %y = nn.relu %a : tensor<8x512xf32>
  %z = nn.add %y, %r : (tensor<8x512xf32>, tensor<8x512xf32>) -> tensor<8x512xf32>
  %s = nn.softmax %z {axis = -1 : i64} : tensor<8x512xf32> -> tensor<8x512xf32>
  %e = nn.exp %r : tensor<8x512xf32>
  %t = nn.mul %e, %b : (tensor<8x512xf32>, tensor<512xf32>) -> tensor<8x512xf32>
  %t2 = nn.tanh %t : tensor<8x512xf32>
  %wq = nn.constant dense<[[0.1, 0.2, 0.3, 0.4], [0.5, 0.6, 0.7, 0.8], [0.9, 1.0, 1.1, 1.2], [1.3, 1.4, 1.5, 1.6]]> : tensor<4x4xf32>
  %wk = nn.constant dense<[[-0.1, 0.2, -0.3, 0.4], [0.5, -0.6, 0.7, -0.8], [-0.9, 1.0, -1.1, 1.2], [1.3, -1.4, 1.5, -1.6]]> : tensor<4x4xf32>
  %wv = nn.constant dense<[[1.0, 0.0, 0.0, 0.5], [0.0, 1.0, 0.0, 0.5], [0.0, 0.0, 1.0, 0.5], [0.0, 0.0, 0.0, 0.5]]> : tensor<4x4xf32>
  %q = nn.matmul %x, %wq : (tensor<8x4xf32>, tensor<4x4xf32>) -> tensor<8x4xf32>
  %k = nn.matmul %x, %wk : (tensor<8x4xf32>, tensor<4x4xf32>) -> tensor<8x4xf32>
  %v = nn.matmul %x, %wv : (tensor<8x4xf32>, tensor<4x4xf32>) -> tensor<8x4xf32>
  %qk = nn.mul %q, %k : (tensor<8x4xf32>, tensor<8x4xf32>) -> tensor<8x4xf32>
  %o = nn.add %qk, %v : (tensor<8x4xf32>, tensor<8x4xf32>) -> tensor<8x4xf32>
  return %s, %t2, %o : tensor<8x512xf32>, tensor<8x512xf32>, tensor<8x4xf32>
}
