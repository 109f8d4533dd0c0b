// RUN: %nn-opt %s | %nn-opt | FileCheck %s
// RUN: %nn-opt %s --nn-infer-shapes | FileCheck %s --check-prefix=INFER

// CHECK-LABEL: func.func @mse
func.func @mse(%p: tensor<?x10xf32>, %t: tensor<?x10xf32>, %q: tensor<4xf64>)
    -> (tensor<f32>, tensor<f32>, tensor<?x10xf32>, tensor<f64>) {
  // CHECK: nn.mse %{{.*}}, %{{.*}} : (tensor<?x10xf32>, tensor<?x10xf32>) -> tensor<f32>
  %0 = nn.mse %p, %t : (tensor<?x10xf32>, tensor<?x10xf32>) -> tensor<f32>
  // CHECK: nn.mse {{.*}} {reduction = #nn<reduction sum>} : {{.*}} -> tensor<f32>
  %1 = nn.mse %p, %t {reduction = #nn<reduction sum>} : (tensor<?x10xf32>, tensor<?x10xf32>) -> tensor<f32>
  // CHECK: nn.mse {{.*}} {reduction = #nn<reduction none>} : (tensor<?x10xf32>, tensor<?x10xf32>) -> tensor<?x10xf32>
  %2 = nn.mse %p, %t {reduction = #nn<reduction none>} : (tensor<?x10xf32>, tensor<?x10xf32>) -> tensor<?x10xf32>
  // CHECK: nn.mse {{.*}} : (tensor<4xf64>, tensor<4xf64>) -> tensor<f64>
  %3 = nn.mse %q, %q {reduction = #nn<reduction mean>} : (tensor<4xf64>, tensor<4xf64>) -> tensor<f64>
  return %0, %1, %2, %3 : tensor<f32>, tensor<f32>, tensor<?x10xf32>, tensor<f64>
}

// CHECK-LABEL: func.func @softmax_cross_entropy
func.func @softmax_cross_entropy(%x: tensor<?x10xf32>, %l: tensor<?xi64>,
                                 %w: tensor<10xf32>, %x3: tensor<?x5x7x9xf16>,
                                 %l3: tensor<?x7x9xi32>)
    -> (tensor<f32>, tensor<f32>, tensor<?xf32>, tensor<?x7x9xf16>) {
  // CHECK: nn.softmax_cross_entropy %{{.*}}, %{{.*}} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  %0 = nn.softmax_cross_entropy %x, %l : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  // CHECK: nn.softmax_cross_entropy %{{.*}}, %{{.*}}, %{{.*}} {ignore_index = -100 : i64} : (tensor<?x10xf32>, tensor<?xi64>, tensor<10xf32>) -> tensor<f32>
  %1 = nn.softmax_cross_entropy %x, %l, %w {ignore_index = -100 : i64} : (tensor<?x10xf32>, tensor<?xi64>, tensor<10xf32>) -> tensor<f32>
  // CHECK: nn.softmax_cross_entropy {{.*}} {reduction = #nn<reduction none>} : (tensor<?x10xf32>, tensor<?xi64>, tensor<10xf32>) -> tensor<?xf32>
  %2 = nn.softmax_cross_entropy %x, %l, %w {reduction = #nn<reduction none>} : (tensor<?x10xf32>, tensor<?xi64>, tensor<10xf32>) -> tensor<?xf32>
  // Spatial dimensions, i32 labels.
  // CHECK: nn.softmax_cross_entropy {{.*}} {ignore_index = 0 : i64, reduction = #nn<reduction none>} : (tensor<?x5x7x9xf16>, tensor<?x7x9xi32>) -> tensor<?x7x9xf16>
  %3 = nn.softmax_cross_entropy %x3, %l3 {reduction = #nn<reduction none>, ignore_index = 0 : i64} : (tensor<?x5x7x9xf16>, tensor<?x7x9xi32>) -> tensor<?x7x9xf16>
  return %0, %1, %2, %3 : tensor<f32>, tensor<f32>, tensor<?xf32>, tensor<?x7x9xf16>
}

// CHECK-LABEL: func.func @nll
func.func @nll(%lp: tensor<?x5x7xf32>, %t: tensor<?x7xi64>, %w: tensor<5xf32>)
    -> (tensor<f32>, tensor<f32>, tensor<?x7xf32>) {
  // CHECK: nn.nll %{{.*}}, %{{.*}} : (tensor<?x5x7xf32>, tensor<?x7xi64>) -> tensor<f32>
  %0 = nn.nll %lp, %t : (tensor<?x5x7xf32>, tensor<?x7xi64>) -> tensor<f32>
  // CHECK: nn.nll %{{.*}}, %{{.*}}, %{{.*}} {ignore_index = 1 : i64, reduction = #nn<reduction sum>} : (tensor<?x5x7xf32>, tensor<?x7xi64>, tensor<5xf32>) -> tensor<f32>
  %1 = nn.nll %lp, %t, %w {reduction = #nn<reduction sum>, ignore_index = 1 : i64} : (tensor<?x5x7xf32>, tensor<?x7xi64>, tensor<5xf32>) -> tensor<f32>
  // CHECK: nn.nll {{.*}} {reduction = #nn<reduction none>} : (tensor<?x5x7xf32>, tensor<?x7xi64>) -> tensor<?x7xf32>
  %2 = nn.nll %lp, %t {reduction = #nn<reduction none>} : (tensor<?x5x7xf32>, tensor<?x7xi64>) -> tensor<?x7xf32>
  return %0, %1, %2 : tensor<f32>, tensor<f32>, tensor<?x7xf32>
}

// CHECK-LABEL: func.func @bce
func.func @bce(%z: tensor<?x4xf32>, %t: tensor<?x4xf32>, %w: tensor<4xf32>,
               %w1: tensor<1x1xf32>)
    -> (tensor<f32>, tensor<f32>, tensor<?x4xf32>, tensor<f32>) {
  // CHECK: nn.bce %{{.*}}, %{{.*}} : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<f32>
  %0 = nn.bce %z, %t : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<f32>
  // CHECK: nn.bce %{{.*}}, %{{.*}}, %{{.*}} {from_logits = true} : (tensor<?x4xf32>, tensor<?x4xf32>, tensor<4xf32>) -> tensor<f32>
  %1 = nn.bce %z, %t, %w {from_logits = true} : (tensor<?x4xf32>, tensor<?x4xf32>, tensor<4xf32>) -> tensor<f32>
  // CHECK: nn.bce {{.*}} {reduction = #nn<reduction none>} : (tensor<?x4xf32>, tensor<?x4xf32>, tensor<1x1xf32>) -> tensor<?x4xf32>
  %2 = nn.bce %z, %t, %w1 {reduction = #nn<reduction none>} : (tensor<?x4xf32>, tensor<?x4xf32>, tensor<1x1xf32>) -> tensor<?x4xf32>
  // CHECK: nn.bce {{.*}} {from_logits = true, reduction = #nn<reduction sum>} : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<f32>
  %3 = nn.bce %z, %t {reduction = #nn<reduction sum>, from_logits = true} : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<f32>
  return %0, %1, %2, %3 : tensor<f32>, tensor<f32>, tensor<?x4xf32>, tensor<f32>
}

// Inference with `none`: the batch stays `?` unless an operand pins it.
// INFER-LABEL: func.func @infer
func.func @infer(%p: tensor<?x?xf32>, %t: tensor<?x6xf32>, %x: tensor<?x?x7xf32>,
                 %l: tensor<?x7xi64>, %l8: tensor<8x?xi64>, %w: tensor<5xf32>) {
  // INFER: nn.mse {{.*}} -> tensor<?x6xf32>
  %0 = nn.mse %p, %t {reduction = #nn<reduction none>} : (tensor<?x?xf32>, tensor<?x6xf32>) -> tensor<?x?xf32>
  // INFER: nn.mse {{.*}} -> tensor<f32>
  %1 = nn.mse %p, %t : (tensor<?x?xf32>, tensor<?x6xf32>) -> tensor<f32>
  // INFER: nn.softmax_cross_entropy {{.*}} -> tensor<?x7xf32>
  %2 = nn.softmax_cross_entropy %x, %l, %w {reduction = #nn<reduction none>} : (tensor<?x?x7xf32>, tensor<?x7xi64>, tensor<5xf32>) -> tensor<?x?xf32>
  // INFER: nn.nll {{.*}} -> tensor<8x7xf32>
  %3 = nn.nll %x, %l8 {reduction = #nn<reduction none>} : (tensor<?x?x7xf32>, tensor<8x?xi64>) -> tensor<?x?xf32>
  // INFER: nn.bce {{.*}} -> tensor<?x6xf32>
  %4 = nn.bce %p, %t {reduction = #nn<reduction none>} : (tensor<?x?xf32>, tensor<?x6xf32>) -> tensor<?x?xf32>
  // INFER: nn.bce {{.*}} -> tensor<?x5xf32>
  %5 = nn.bce %p, %p, %w {reduction = #nn<reduction none>} : (tensor<?x?xf32>, tensor<?x?xf32>, tensor<5xf32>) -> tensor<?x?xf32>
  return
}
