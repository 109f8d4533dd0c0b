func.func @main(%a: tensor<1x100xf32>, %b: tensor<16x128xf32>, %c: tensor<16x320xf32>, %d: tensor<16x70xf32>) -> (tensor<1xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) {
  %0 = nn.reduce sum %a {axes = array<i64: 1>, keepdims = false} : tensor<1x100xf32> -> tensor<1xf32>
  %1 = nn.reduce sum %b {axes = array<i64: 1>, keepdims = false} : tensor<16x128xf32> -> tensor<16xf32>
  %2 = nn.reduce sum %c {axes = array<i64: 1>, keepdims = false} : tensor<16x320xf32> -> tensor<16xf32>
  %3 = nn.reduce sum %d {axes = array<i64: 1>, keepdims = false} : tensor<16x70xf32> -> tensor<16xf32>
  return %0, %1, %2, %3 : tensor<1xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>
}
