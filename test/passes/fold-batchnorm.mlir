// RUN: %nn-opt %s --nn-fold-batchnorm --split-input-file | FileCheck %s

// With epsilon 0, var [4, 16] and scale [1, 2]: s = scale / sqrt(var) =
// [0.5, 0.5], t = shift - mean * s = [0.5 - 0.5, 0 - 0.5] = [0, -0.5].
// Weights [2, 3] become [1, 1.5]; bias [1, -1] becomes b * s + t = [0.5, -1].

// CHECK-LABEL: func.func @conv
// CHECK-DAG: %[[W:.*]] = nn.constant dense<{{\[\[\[\[}}1.000000e+00]]], {{\[\[\[}}1.500000e+00]]]]> : tensor<2x1x1x1xf32>
// CHECK-DAG: %[[B:.*]] = nn.constant dense<[5.000000e-01, -1.000000e+00]> : tensor<2xf32>
// CHECK: %[[C:.*]] = nn.conv %arg0, %[[W]], %[[B]]
// CHECK-NOT: nn.batch_norm
// CHECK: return %[[C]]
func.func @conv(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = nn.constant dense<[[[[2.0]]], [[[3.0]]]]> : tensor<2x1x1x1xf32>
  %b = nn.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %scale = nn.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %shift = nn.constant dense<[0.5, 0.0]> : tensor<2xf32>
  %mean = nn.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %var = nn.constant dense<[4.0, 16.0]> : tensor<2xf32>
  %c = nn.conv %x, %w, %b : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  %y = nn.batch_norm %c, %scale, %shift, %mean, %var {epsilon = 0.0 : f64} : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}

// -----

// conv_transpose without bias: output channels are weight dim 1; the new
// bias is t.
// CHECK-LABEL: func.func @conv_transpose
// CHECK-DAG: %[[W:.*]] = nn.constant dense<{{\[\[\[\[}}1.000000e+00]], {{\[\[}}1.500000e+00]]]]> : tensor<1x2x1x1xf32>
// CHECK-DAG: %[[B:.*]] = nn.constant dense<[0.000000e+00, -5.000000e-01]> : tensor<2xf32>
// CHECK: nn.conv_transpose %arg0, %[[W]], %[[B]]
// CHECK-NOT: nn.batch_norm
func.func @conv_transpose(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = nn.constant dense<[[[[2.0]], [[3.0]]]]> : tensor<1x2x1x1xf32>
  %scale = nn.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %shift = nn.constant dense<[0.5, 0.0]> : tensor<2xf32>
  %mean = nn.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %var = nn.constant dense<[4.0, 16.0]> : tensor<2xf32>
  %c = nn.conv_transpose %x, %w : (tensor<1x1x3x3xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %y = nn.batch_norm %c, %scale, %shift, %mean, %var {epsilon = 0.0 : f64} : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}

// -----

// gemm with a transposed weight [N, K], and matmul + add.
// CHECK-LABEL: func.func @linear
// CHECK-DAG: %[[W:.*]] = nn.constant dense<{{\[\[}}1.000000e+00], [1.500000e+00]]> : tensor<2x1xf32>
// CHECK-DAG: %[[B:.*]] = nn.constant dense<[5.000000e-01, -1.000000e+00]> : tensor<2xf32>
// CHECK-DAG: nn.gemm %arg0, %[[W]], %[[B]] {trans_b = true}
// CHECK-DAG: %[[W2:.*]] = nn.constant dense<{{\[\[}}1.000000e+00, 1.500000e+00]]> : tensor<1x2xf32>
// CHECK-DAG: %[[M:.*]] = nn.matmul %arg0, %[[W2]]
// CHECK-DAG: nn.add %[[M]], %[[B]]
// CHECK-NOT: nn.batch_norm
func.func @linear(%x: tensor<4x1xf32>) -> (tensor<4x2xf32>, tensor<4x2xf32>) {
  %wt = nn.constant dense<[[2.0], [3.0]]> : tensor<2x1xf32>
  %w = nn.constant dense<[[2.0, 3.0]]> : tensor<1x2xf32>
  %b = nn.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %scale = nn.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %shift = nn.constant dense<[0.5, 0.0]> : tensor<2xf32>
  %mean = nn.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %var = nn.constant dense<[4.0, 16.0]> : tensor<2xf32>
  %g = nn.gemm %x, %wt, %b {trans_b = true} : (tensor<4x1xf32>, tensor<2x1xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  %y = nn.batch_norm %g, %scale, %shift, %mean, %var {epsilon = 0.0 : f64} : (tensor<4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  %m = nn.matmul %x, %w : (tensor<4x1xf32>, tensor<1x2xf32>) -> tensor<4x2xf32>
  %a = nn.add %m, %b : (tensor<4x2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  %z = nn.batch_norm %a, %scale, %shift, %mean, %var {epsilon = 0.0 : f64} : (tensor<4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  return %y, %z : tensor<4x2xf32>, tensor<4x2xf32>
}

// -----

// Must not fire: the conv result has a second use, and the statistics of
// the second batch_norm are arguments.
// CHECK-LABEL: func.func @keep
// CHECK-COUNT-2: nn.batch_norm
func.func @keep(%x: tensor<1x1x3x3xf32>, %var: tensor<2xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %w = nn.constant dense<[[[[2.0]]], [[[3.0]]]]> : tensor<2x1x1x1xf32>
  %p = nn.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %c = nn.conv %x, %w : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x3x3xf32>
  %y = nn.batch_norm %c, %p, %p, %p, %p : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  %d = nn.conv %x, %w : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x3x3xf32>
  %z = nn.batch_norm %d, %p, %p, %p, %var : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %c, %y, %z : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}
