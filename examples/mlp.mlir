// A two-layer MLP classifier (784 -> 128 -> 10) on a dynamic batch, written
// in the nn dialect the way the ONNX importer will produce it: Gemm with a
// transposed weight, bias, ReLU, softmax. The graph contains what a naive
// exporter leaves behind — a flatten through two reshapes, a doubled ReLU, a
// multiply by one, an addition of a zero bias — which the `nn-simplify`
// pipeline removes:
//
//   build/bin/nn-opt --nn-simplify examples/mlp.mlir
//
// Weights are splat constants to keep the example small; imported models
// carry dense_resource blobs instead.
func.func @main(%image: tensor<?x1x28x28xf32>) -> tensor<?x10xf32> {
  %w1 = nn.constant dense<0.01> : tensor<128x784xf32>
  %b1 = nn.constant dense<0.1> : tensor<128xf32>
  %w2 = nn.constant dense<-0.02> : tensor<10x128xf32>
  %zero = nn.constant dense<0.0> : tensor<10xf32>
  %one = nn.constant dense<1.0> : tensor<f32>

  // Flatten, exported as two reshapes.
  %r0 = nn.reshape %image : tensor<?x1x28x28xf32> -> tensor<?x28x28xf32>
  %x = nn.reshape %r0 : tensor<?x28x28xf32> -> tensor<?x784xf32>

  // Layer 1: x W1^T + b1, ReLU twice (an exporter artefact).
  %h0 = nn.gemm %x, %w1, %b1 {trans_b = true} : (tensor<?x784xf32>, tensor<128x784xf32>, tensor<128xf32>) -> tensor<?x128xf32>
  %h1 = nn.relu %h0 : tensor<?x128xf32>
  %h = nn.relu %h1 : tensor<?x128xf32>

  // Layer 2 with a zero bias and a scale by one.
  %l0 = nn.gemm %h, %w2 {trans_b = true} : (tensor<?x128xf32>, tensor<10x128xf32>) -> tensor<?x10xf32>
  %l1 = nn.add %l0, %zero : (tensor<?x10xf32>, tensor<10xf32>) -> tensor<?x10xf32>
  %logits = nn.mul %l1, %one : (tensor<?x10xf32>, tensor<f32>) -> tensor<?x10xf32>

  %probs = nn.softmax %logits {axis = -1 : i64} : tensor<?x10xf32> -> tensor<?x10xf32>
  return %probs : tensor<?x10xf32>
}
