func.func @main(%x: tensor<3x300xf32>, %y: tensor<2x8x10x10xf32>) -> (tensor<3x300xf32>, tensor<2x8x1x1xf32>, tensor<3xf32>) {
  %0 = nn.softmax %x : tensor<3x300xf32> -> tensor<3x300xf32>
  %1 = nn.reduce mean %y {axes = array<i64: 2, 3>} : tensor<2x8x10x10xf32> -> tensor<2x8x1x1xf32>
  %2 = nn.reduce max %x {axes = array<i64: 1>, keepdims = false} : tensor<3x300xf32> -> tensor<3xf32>
  return %0, %1, %2 : tensor<3x300xf32>, tensor<2x8x1x1xf32>, tensor<3xf32>
}
