// Gradient check of the softmax, reduction, normalization and global pooling rules against central finite differences in
// double precision (nn-gradcheck; see tools/nn-gradcheck).
// RUN: %nn-gradcheck %s | FileCheck %s
// CHECK: 16 passed, 0 failed

func.func @softmax(%x: tensor<2x3x4xf64>) -> tensor<2x3x4xf64> {
  %y = nn.softmax %x {axis = 1 : i64} : tensor<2x3x4xf64> -> tensor<2x3x4xf64>
  return %y : tensor<2x3x4xf64>
}

func.func @log_softmax(%x: tensor<2x3x4xf64>) -> tensor<2x3x4xf64> {
  %y = nn.log_softmax %x : tensor<2x3x4xf64> -> tensor<2x3x4xf64>
  return %y : tensor<2x3x4xf64>
}

func.func @reduce_sum(%x: tensor<2x3x4xf64>) -> tensor<1x3x1xf64> {
  %y = nn.reduce sum %x {axes = array<i64: 0, -1>} : tensor<2x3x4xf64> -> tensor<1x3x1xf64>
  return %y : tensor<1x3x1xf64>
}

func.func @reduce_mean(%x: tensor<2x3x4xf64>) -> tensor<1x3x1xf64> {
  %y = nn.reduce mean %x {axes = array<i64: 0, -1>} : tensor<2x3x4xf64> -> tensor<1x3x1xf64>
  return %y : tensor<1x3x1xf64>
}

func.func @reduce_max(%x: tensor<2x3x4xf64>) -> tensor<1x3x1xf64> {
  %y = nn.reduce max %x {axes = array<i64: 0, -1>} : tensor<2x3x4xf64> -> tensor<1x3x1xf64>
  return %y : tensor<1x3x1xf64>
}

func.func @reduce_min(%x: tensor<2x3x4xf64>) -> tensor<1x3x1xf64> {
  %y = nn.reduce min %x {axes = array<i64: 0, -1>} : tensor<2x3x4xf64> -> tensor<1x3x1xf64>
  return %y : tensor<1x3x1xf64>
}

func.func @reduce_prod(%x: tensor<2x3x4xf64>) -> tensor<1x3x1xf64> {
  %y = nn.reduce prod %x {axes = array<i64: 0, -1>} : tensor<2x3x4xf64> -> tensor<1x3x1xf64>
  return %y : tensor<1x3x1xf64>
}

func.func @reduce_mean_all_dropped(%x: tensor<2x3x4xf64>) -> tensor<f64> {
  %y = nn.reduce mean %x {keepdims = false} : tensor<2x3x4xf64> -> tensor<f64>
  return %y : tensor<f64>
}

func.func @reduce_max_dropped(%x: tensor<2x3x4xf64>) -> tensor<2x4xf64> {
  %y = nn.reduce max %x {axes = array<i64: 1>, keepdims = false} : tensor<2x3x4xf64> -> tensor<2x4xf64>
  return %y : tensor<2x4xf64>
}

func.func @batch_norm(%x: tensor<2x3x4xf64>, %s: tensor<3xf64>, %b: tensor<3xf64>, %m: tensor<3xf64>, %v: tensor<3xf64> {gc.lo = 0.5 : f64, gc.hi = 1.5 : f64}) -> tensor<2x3x4xf64> {
  %y = nn.batch_norm %x, %s, %b, %m, %v : (tensor<2x3x4xf64>, tensor<3xf64>, tensor<3xf64>, tensor<3xf64>, tensor<3xf64>) -> tensor<2x3x4xf64>
  return %y : tensor<2x3x4xf64>
}

func.func @layer_norm(%x: tensor<2x3x4xf64>, %s: tensor<3x4xf64>, %b: tensor<4xf64>) -> tensor<2x3x4xf64> {
  %y = nn.layer_norm %x, %s, %b {axis = -2 : i64} : (tensor<2x3x4xf64>, tensor<3x4xf64>, tensor<4xf64>) -> tensor<2x3x4xf64>
  return %y : tensor<2x3x4xf64>
}

func.func @layer_norm_no_bias(%x: tensor<2x3x4xf64>, %s: tensor<4xf64>) -> tensor<2x3x4xf64> {
  %y = nn.layer_norm %x, %s : (tensor<2x3x4xf64>, tensor<4xf64>) -> tensor<2x3x4xf64>
  return %y : tensor<2x3x4xf64>
}

func.func @instance_norm(%x: tensor<2x3x2x2xf64>, %s: tensor<3xf64>, %b: tensor<3xf64>) -> tensor<2x3x2x2xf64> {
  %y = nn.instance_norm %x, %s, %b : (tensor<2x3x2x2xf64>, tensor<3xf64>, tensor<3xf64>) -> tensor<2x3x2x2xf64>
  return %y : tensor<2x3x2x2xf64>
}

func.func @batch_norm_batch_stats(%x: tensor<2x3x2x2xf64>, %s: tensor<3xf64>, %b: tensor<3xf64>) -> tensor<2x3x2x2xf64> {
  %m = nn.reduce mean %x {axes = array<i64: 0, 2, 3>, keepdims = false} : tensor<2x3x2x2xf64> -> tensor<3xf64>
  %mk = nn.reshape %m : tensor<3xf64> -> tensor<1x3x1x1xf64>
  %d = nn.sub %x, %mk : (tensor<2x3x2x2xf64>, tensor<1x3x1x1xf64>) -> tensor<2x3x2x2xf64>
  %d2 = nn.mul %d, %d : (tensor<2x3x2x2xf64>, tensor<2x3x2x2xf64>) -> tensor<2x3x2x2xf64>
  %v = nn.reduce mean %d2 {axes = array<i64: 0, 2, 3>, keepdims = false} : tensor<2x3x2x2xf64> -> tensor<3xf64>
  %y = nn.batch_norm %x, %s, %b, %m, %v : (tensor<2x3x2x2xf64>, tensor<3xf64>, tensor<3xf64>, tensor<3xf64>, tensor<3xf64>) -> tensor<2x3x2x2xf64>
  return %y : tensor<2x3x2x2xf64>
}

func.func @global_avg_pool(%x: tensor<2x3x2x2xf64>) -> tensor<2x3x1x1xf64> {
  %y = nn.global_avg_pool %x : tensor<2x3x2x2xf64> -> tensor<2x3x1x1xf64>
  return %y : tensor<2x3x1x1xf64>
}

func.func @global_max_pool(%x: tensor<2x3x2x2xf64>) -> tensor<2x3x1x1xf64> {
  %y = nn.global_max_pool %x : tensor<2x3x2x2xf64> -> tensor<2x3x1x1xf64>
  return %y : tensor<2x3x1x1xf64>
}
