// Two outputs from a dynamic batch: relu(x + y) and x - y.
func.func @main(%x: tensor<?x3xf32> {nn.name = "x"}, %y: tensor<3xf32> {nn.name = "y"})
    -> (tensor<?x3xf32>, tensor<?x3xf32>) {
  %0 = nn.add %x, %y : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  %1 = nn.relu %0 : tensor<?x3xf32>
  %2 = nn.sub %x, %y : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  return %1, %2 : tensor<?x3xf32>, tensor<?x3xf32>
}
