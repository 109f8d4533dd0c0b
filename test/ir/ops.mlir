// RUN: %nn-opt %s | %nn-opt | FileCheck %s
// Round trip of every nn op: print, parse again, check. Sections follow the
// op families in ir/NN*Ops.td.

//===--- Elementwise ---===//

// CHECK-LABEL: func.func @unary
func.func @unary(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: nn.neg %{{.*}} : tensor<2x3xf32>
  %0 = nn.neg %x : tensor<2x3xf32>
  // CHECK: nn.abs
  %1 = nn.abs %0 : tensor<2x3xf32>
  // CHECK: nn.exp
  %2 = nn.exp %1 : tensor<2x3xf32>
  // CHECK: nn.log
  %3 = nn.log %2 : tensor<2x3xf32>
  // CHECK: nn.sqrt
  %4 = nn.sqrt %3 : tensor<2x3xf32>
  // CHECK: nn.rsqrt
  %5 = nn.rsqrt %4 : tensor<2x3xf32>
  // CHECK: nn.reciprocal
  %6 = nn.reciprocal %5 : tensor<2x3xf32>
  // CHECK: nn.tanh
  %7 = nn.tanh %6 : tensor<2x3xf32>
  // CHECK: nn.sigmoid
  %8 = nn.sigmoid %7 : tensor<2x3xf32>
  // CHECK: nn.relu
  %9 = nn.relu %8 : tensor<2x3xf32>
  // CHECK: nn.erf
  %10 = nn.erf %9 : tensor<2x3xf32>
  // CHECK: nn.softplus
  %11 = nn.softplus %10 : tensor<2x3xf32>
  // CHECK: nn.floor
  %12 = nn.floor %11 : tensor<2x3xf32>
  // CHECK: nn.ceil
  %13 = nn.ceil %12 : tensor<2x3xf32>
  return %13 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @unary_with_attributes
func.func @unary_with_attributes(%x: tensor<?x8xf16>) -> tensor<?x8xf16> {
  // CHECK: nn.leaky_relu %{{.*}} : tensor<?x8xf16>
  %0 = nn.leaky_relu %x : tensor<?x8xf16>
  // CHECK: nn.leaky_relu %{{.*}} {alpha = 2.000000e-01 : f64}
  %1 = nn.leaky_relu %0 {alpha = 0.2 : f64} : tensor<?x8xf16>
  // CHECK: nn.elu %{{.*}} {alpha = 5.000000e-01 : f64}
  %2 = nn.elu %1 {alpha = 0.5 : f64} : tensor<?x8xf16>
  // CHECK: nn.selu
  %3 = nn.selu %2 : tensor<?x8xf16>
  // CHECK: nn.gelu %{{.*}} : tensor<?x8xf16>
  %4 = nn.gelu %3 : tensor<?x8xf16>
  // CHECK: nn.gelu %{{.*}} {approximation = #nn<gelu tanh>}
  %5 = nn.gelu %4 {approximation = #nn<gelu tanh>} : tensor<?x8xf16>
  // CHECK: nn.clamp %{{.*}} {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64}
  %6 = nn.clamp %5 {min = 0.0 : f64, max = 6.0 : f64} : tensor<?x8xf16>
  // CHECK: nn.clamp %{{.*}} {max = 1.000000e+00 : f64} : tensor<?x8xf16>
  %7 = nn.clamp %6 {max = 1.0 : f64} : tensor<?x8xf16>
  return %7 : tensor<?x8xf16>
}

// CHECK-LABEL: func.func @binary_broadcast
func.func @binary_broadcast(%a: tensor<4x1x3xf32>, %b: tensor<5x3xf32>, %s: tensor<f32>)
    -> tensor<4x5x3xf32> {
  // CHECK: nn.add %{{.*}}, %{{.*}} : (tensor<4x1x3xf32>, tensor<5x3xf32>) -> tensor<4x5x3xf32>
  %0 = nn.add %a, %b : (tensor<4x1x3xf32>, tensor<5x3xf32>) -> tensor<4x5x3xf32>
  // CHECK: nn.sub {{.*}} -> tensor<4x5x3xf32>
  %1 = nn.sub %0, %s : (tensor<4x5x3xf32>, tensor<f32>) -> tensor<4x5x3xf32>
  // CHECK: nn.mul
  %2 = nn.mul %1, %b : (tensor<4x5x3xf32>, tensor<5x3xf32>) -> tensor<4x5x3xf32>
  // CHECK: nn.div
  %3 = nn.div %2, %s : (tensor<4x5x3xf32>, tensor<f32>) -> tensor<4x5x3xf32>
  // CHECK: nn.pow
  %4 = nn.pow %3, %s : (tensor<4x5x3xf32>, tensor<f32>) -> tensor<4x5x3xf32>
  // CHECK: nn.max
  %5 = nn.max %4, %a : (tensor<4x5x3xf32>, tensor<4x1x3xf32>) -> tensor<4x5x3xf32>
  // CHECK: nn.min
  %6 = nn.min %5, %a : (tensor<4x5x3xf32>, tensor<4x1x3xf32>) -> tensor<4x5x3xf32>
  return %6 : tensor<4x5x3xf32>
}

// A dynamic batch broadcasts against 1 and stays dynamic; against a static
// extent > 1 the declared type may be the static one.
// CHECK-LABEL: func.func @binary_dynamic
func.func @binary_dynamic(%a: tensor<?x3xf32>, %b: tensor<1x3xf32>, %c: tensor<4x3xf32>)
    -> (tensor<?x3xf32>, tensor<4x3xf32>) {
  // CHECK: nn.add {{.*}} -> tensor<?x3xf32>
  %0 = nn.add %a, %b : (tensor<?x3xf32>, tensor<1x3xf32>) -> tensor<?x3xf32>
  // CHECK: nn.add {{.*}} -> tensor<4x3xf32>
  %1 = nn.add %a, %c : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return %0, %1 : tensor<?x3xf32>, tensor<4x3xf32>
}

// CHECK-LABEL: func.func @integer_binary
func.func @integer_binary(%a: tensor<3xi64>, %b: tensor<i64>) -> tensor<3xi64> {
  // CHECK: nn.add {{.*}} : (tensor<3xi64>, tensor<i64>) -> tensor<3xi64>
  %0 = nn.add %a, %b : (tensor<3xi64>, tensor<i64>) -> tensor<3xi64>
  // CHECK: nn.div
  %1 = nn.div %0, %b : (tensor<3xi64>, tensor<i64>) -> tensor<3xi64>
  return %1 : tensor<3xi64>
}

// CHECK-LABEL: func.func @prelu
func.func @prelu(%x: tensor<2x3x4x4xf32>, %s: tensor<3x1x1xf32>) -> tensor<2x3x4x4xf32> {
  // CHECK: nn.prelu %{{.*}}, %{{.*}} : (tensor<2x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<2x3x4x4xf32>
  %0 = nn.prelu %x, %s : (tensor<2x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<2x3x4x4xf32>
  return %0 : tensor<2x3x4x4xf32>
}

// CHECK-LABEL: func.func @compare_and_logic
func.func @compare_and_logic(%a: tensor<4xf32>, %b: tensor<1xf32>, %i: tensor<4xi32>)
    -> tensor<4xi1> {
  // CHECK: nn.cmp lt, %{{.*}}, %{{.*}} : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xi1>
  %0 = nn.cmp lt, %a, %b : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xi1>
  // CHECK: nn.cmp eq
  %1 = nn.cmp eq, %i, %i : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  // CHECK: nn.cmp ne
  %2 = nn.cmp ne, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  // CHECK: nn.cmp le
  %3 = nn.cmp le, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  // CHECK: nn.cmp gt
  %4 = nn.cmp gt, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  // CHECK: nn.cmp ge
  %5 = nn.cmp ge, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  // CHECK: nn.and
  %6 = nn.and %0, %1 : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK: nn.or
  %7 = nn.or %6, %2 : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK: nn.xor
  %8 = nn.xor %7, %3 : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK: nn.not %{{.*}} : tensor<4xi1>
  %9 = nn.not %8 : tensor<4xi1>
  %10 = nn.and %9, %4 : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %11 = nn.and %10, %5 : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %11 : tensor<4xi1>
}

// CHECK-LABEL: func.func @select_and_cast
func.func @select_and_cast(%c: tensor<4x1xi1>, %a: tensor<4x8xf32>, %b: tensor<f32>)
    -> tensor<4x8xi64> {
  // CHECK: nn.select %{{.*}}, %{{.*}}, %{{.*}} : (tensor<4x1xi1>, tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  %0 = nn.select %c, %a, %b : (tensor<4x1xi1>, tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  // CHECK: nn.cast %{{.*}} : tensor<4x8xf32> -> tensor<4x8xi64>
  %1 = nn.cast %0 : tensor<4x8xf32> -> tensor<4x8xi64>
  return %1 : tensor<4x8xi64>
}
