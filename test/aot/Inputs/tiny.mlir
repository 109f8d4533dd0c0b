// A model small enough to check by hand in C (run_tiny.c), with two inputs,
// two outputs and non-uniform weights:
//   out0 = softmax(tanh(x W^T + b)) + y   x: 2x3, W: 4x3, b: 4, y: 2x4
//   out1 = transpose(x)                   3x2
// (softmax's row buffers: on the stack, in an alloca_scope per tile).
func.func @main(%x: tensor<2x3xf32>, %y: tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<3x2xf32>) {
  %w = nn.constant dense<[[0.1, -0.2, 0.3], [0.4, 0.5, -0.6], [-0.7, 0.8, 0.9], [1.0, -1.1, 0.2]]> : tensor<4x3xf32>
  %b = nn.constant dense<[0.01, -0.02, 0.03, -0.04]> : tensor<4xf32>
  %g = nn.gemm %x, %w, %b {trans_b = true} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %h = nn.tanh %g : tensor<2x4xf32>
  %s = nn.softmax %h {axis = -1 : i64} : tensor<2x4xf32> -> tensor<2x4xf32>
  %o0 = nn.add %s, %y : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %o1 = nn.transpose %x {perm = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %o0, %o1 : tensor<2x4xf32>, tensor<3x2xf32>
}
