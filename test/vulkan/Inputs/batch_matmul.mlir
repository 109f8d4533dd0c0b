func.func @main(%a: tensor<2x37x50xf32>, %b: tensor<50x29xf32>) -> tensor<2x37x29xf32> {
  %0 = nn.matmul %a, %b : (tensor<2x37x50xf32>, tensor<50x29xf32>) -> tensor<2x37x29xf32>
  return %0 : tensor<2x37x29xf32>
}
