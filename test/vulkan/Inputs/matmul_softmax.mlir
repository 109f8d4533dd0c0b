func.func @main(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>, %c: tensor<5xf32>) -> (tensor<4x5xf32>, tensor<f32>) {
  %0 = nn.matmul %a, %b : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
  %1 = nn.add %0, %c : (tensor<4x5xf32>, tensor<5xf32>) -> tensor<4x5xf32>
  %2 = nn.softmax %1 {axis = 0 : i64} : tensor<4x5xf32> -> tensor<4x5xf32>
  %3 = nn.reduce sum %2 {axes = array<i64: 0, 1>, keepdims = false} : tensor<4x5xf32> -> tensor<f32>
  return %2, %3 : tensor<4x5xf32>, tensor<f32>
}
