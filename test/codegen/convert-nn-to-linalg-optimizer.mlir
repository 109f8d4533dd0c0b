// The optimizer updates lower to one multi-output linalg.generic each; Adam's
// bias corrections are computed once, outside the loop nest, by a rank-0
// generic (so that they run on the device for Vulkan) whose results the
// update reads broadcast.
// RUN: %nn-opt %s -convert-nn-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @sgd
// CHECK: %[[D:.+]] = tensor.dim %arg0, %c0
// CHECK: %[[R:.+]]:2 = linalg.generic {{.*}} ins(%arg0, %arg1, %arg2 : tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>) outs(%{{.+}}, %{{.+}} : tensor<?x3xf32>, tensor<?x3xf32>)
// CHECK: arith.mulf
// CHECK: linalg.yield
// CHECK-NOT: nn.sgd_update
func.func @sgd(%p: tensor<?x3xf32>, %g: tensor<?x3xf32>, %v: tensor<?x3xf32>)
    -> (tensor<?x3xf32>, tensor<?x3xf32>) {
  %p1, %v1 = nn.sgd_update %p, %g, %v {lr = 0.1 : f64, momentum = 0.9 : f64}
      : (tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>)
        -> (tensor<?x3xf32>, tensor<?x3xf32>)
  return %p1, %v1 : tensor<?x3xf32>, tensor<?x3xf32>
}

// CHECK-LABEL: func.func @adam
// CHECK: %[[C:.+]]:2 = linalg.generic {{.*}} iterator_types = []} ins(%arg4 : tensor<f32>)
// CHECK-NEXT: ^bb0(%[[T:[a-z0-9_]+]]: f32,
// CHECK: math.powf %{{.+}}, %[[T]]
// CHECK: math.sqrt
// CHECK: linalg.generic {{.*}} ins(%arg0, %arg1, %arg2, %arg3, %[[C]]#0, %[[C]]#1 : {{.*}}) outs(%{{.+}}, %{{.+}}, %{{.+}} :
// CHECK: math.sqrt
// CHECK: linalg.yield
// CHECK-NOT: nn.adam_update
func.func @adam(%p: tensor<8xf32>, %g: tensor<8xf32>, %m: tensor<8xf32>,
                %v: tensor<8xf32>, %t: tensor<f32>)
    -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) {
  %p1, %m1, %v1 = nn.adam_update %p, %g, %m, %v, %t {lr = 1.0e-3 : f64}
      : (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>,
         tensor<f32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>)
  return %p1, %m1, %v1 : tensor<8xf32>, tensor<8xf32>, tensor<8xf32>
}
