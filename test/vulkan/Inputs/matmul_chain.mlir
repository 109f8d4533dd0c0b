func.func @main(%x: tensor<1x256xf32>, %w: tensor<256x256xf32>) -> tensor<1x256xf32> {
  %0 = nn.matmul %x, %w : (tensor<1x256xf32>, tensor<256x256xf32>) -> tensor<1x256xf32>
  %1 = nn.matmul %0, %w : (tensor<1x256xf32>, tensor<256x256xf32>) -> tensor<1x256xf32>
  %2 = nn.matmul %1, %w : (tensor<1x256xf32>, tensor<256x256xf32>) -> tensor<1x256xf32>
  %3 = nn.matmul %2, %w : (tensor<1x256xf32>, tensor<256x256xf32>) -> tensor<1x256xf32>
  return %3 : tensor<1x256xf32>
}
