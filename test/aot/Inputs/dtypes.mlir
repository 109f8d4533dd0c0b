// Non-float inputs and outputs through the executable's .npy I/O: an int32
// input, an int64 argmax, a bool comparison and a float64 result.
func.func @main(%x: tensor<2x5xf32>, %k: tensor<2x5xi32>) -> (tensor<2xi64>, tensor<2x5xi1>, tensor<2x5xf64>) {
  %a = nn.argmax %x {axis = 1 : i64, keepdims = false} : tensor<2x5xf32> -> tensor<2xi64>
  %kf = nn.cast %k : tensor<2x5xi32> -> tensor<2x5xf32>
  %g = nn.cmp gt, %x, %kf : (tensor<2x5xf32>, tensor<2x5xf32>) -> tensor<2x5xi1>
  %d = nn.cast %x : tensor<2x5xf32> -> tensor<2x5xf64>
  return %a, %g, %d : tensor<2xi64>, tensor<2x5xi1>, tensor<2x5xf64>
}
