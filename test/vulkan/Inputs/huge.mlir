// 2^30 floats (4 GiB): more than a storage buffer can span.
func.func @main(%x: tensor<1xf32>) -> tensor<1073741824xf32> {
  %0 = nn.broadcast %x : tensor<1xf32> -> tensor<1073741824xf32>
  return %0 : tensor<1073741824xf32>
}
