// Round trip of the optimizer ops (defaults elided, attributes kept) and
// their inferred result types.
// RUN: %nn-opt %s | %nn-opt | FileCheck %s

// CHECK-LABEL: func.func @sgd
// CHECK: %[[P:.+]], %[[V:.+]] = nn.sgd_update %arg0, %arg1, %arg2 {lr = 1.000000e-01 : f64, momentum = 9.000000e-01 : f64, nesterov = true, weight_decay = 1.000000e-02 : f64} : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>) -> (tensor<4x3xf32>, tensor<4x3xf32>)
// CHECK: return %[[P]], %[[V]]
func.func @sgd(%p: tensor<4x3xf32>, %g: tensor<4x3xf32>, %v: tensor<4x3xf32>)
    -> (tensor<4x3xf32>, tensor<4x3xf32>) {
  %p1, %v1 = nn.sgd_update %p, %g, %v {lr = 0.1 : f64, momentum = 0.9 : f64,
      nesterov = true, weight_decay = 0.01 : f64}
      : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>)
        -> (tensor<4x3xf32>, tensor<4x3xf32>)
  return %p1, %v1 : tensor<4x3xf32>, tensor<4x3xf32>
}

// CHECK-LABEL: func.func @sgd_plain
// CHECK: nn.sgd_update %arg0, %arg1, %arg2 {lr = 5.000000e-01 : f64} : (tensor<?xf64>, tensor<7xf64>, tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>)
func.func @sgd_plain(%p: tensor<?xf64>, %g: tensor<7xf64>, %v: tensor<?xf64>)
    -> tensor<?xf64> {
  %p1, %v1 = nn.sgd_update %p, %g, %v {lr = 0.5 : f64}
      : (tensor<?xf64>, tensor<7xf64>, tensor<?xf64>)
        -> (tensor<?xf64>, tensor<?xf64>)
  return %p1 : tensor<?xf64>
}

// CHECK-LABEL: func.func @adam
// CHECK: nn.adam_update %arg0, %arg1, %arg2, %arg3, %arg4 {lr = 1.000000e-03 : f64} : (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<f32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>)
// CHECK: nn.adam_update {{.*}} {beta1 = 5.000000e-01 : f64, beta2 = 0.98999999999999999 : f64, decoupled = true, epsilon = 9.9999999999999995E-7 : f64, lr = 1.000000e-02 : f64, weight_decay = 1.000000e-01 : f64}
func.func @adam(%p: tensor<8xf32>, %g: tensor<8xf32>, %m: tensor<8xf32>,
                %v: tensor<8xf32>, %t: tensor<f32>) -> tensor<8xf32> {
  %p1, %m1, %v1 = nn.adam_update %p, %g, %m, %v, %t {lr = 1.0e-3 : f64}
      : (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>,
         tensor<f32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>)
  %p2, %m2, %v2 = nn.adam_update %p1, %g, %m1, %v1, %t {lr = 1.0e-2 : f64,
      beta1 = 0.5 : f64, beta2 = 0.99 : f64, epsilon = 1.0e-6 : f64,
      weight_decay = 0.1 : f64, decoupled = true}
      : (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>,
         tensor<f32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>)
  return %p2 : tensor<8xf32>
}
