// nn-train-step on a linear layer: the parameters chosen by `params` become
// leading arguments of @main_train_step and @main_eval, the loss is applied to
// the first result, the backward pass reaches the weight through the rules,
// and every parameter gets one update; dead backward ops are removed.
// REQUIRES: autodiff
// RUN: %nn-opt %s --split-input-file --nn-train-step="loss=cross_entropy momentum=0.9 params=fc.weight" | FileCheck %s
// RUN: %nn-opt %s --split-input-file --nn-train-step="loss=mse optimizer=adam lr=0.001" | FileCheck %s --check-prefix=ADAM

// CHECK-LABEL: func.func @main(
// CHECK: nn.constant {{.*}} : tensor<3x2xf32>
// CHECK-LABEL: func.func @main_eval(
// CHECK-SAME: %[[W:.+]]: tensor<3x2xf32>, %[[X:.+]]: tensor<4x3xf32>) -> tensor<4x2xf32>
// CHECK: nn.matmul %[[X]], %[[W]]
// CHECK-LABEL: func.func @main_train_step(
// CHECK-SAME: %[[W:[^:]+]]: tensor<3x2xf32>, %[[V:[^:]+]]: tensor<3x2xf32>, %[[X:[^:]+]]: tensor<4x3xf32>, %[[L:[^:]+]]: tensor<4xi64>)
// CHECK-SAME: -> (tensor<f32>, tensor<4x2xf32>, tensor<3x2xf32>, tensor<3x2xf32>) attributes {nn.params = ["fc.weight"]}
// CHECK: %[[Y:.+]] = nn.matmul %[[X]], %[[W]]
// CHECK: %[[Z:.+]] = nn.add %[[Y]]
// CHECK: %[[LOSS:.+]] = nn.softmax_cross_entropy %[[Z]], %[[L]]
// The weight's gradient is x^T dz; x's own gradient (dz W^T) is dead.
// CHECK-NOT: nn.transpose %[[W]]
// CHECK: %[[XT:.+]] = nn.transpose %[[X]]
// CHECK: %[[G:.+]] = nn.matmul %[[XT]]
// CHECK: %[[P:.+]], %[[NV:.+]] = nn.sgd_update %[[W]], %[[G]], %[[V]] {lr = 1.000000e-02 : f64, momentum = 9.000000e-01 : f64}
// CHECK: return %[[LOSS]], %[[Z]], %[[P]], %[[NV]]

// ADAM-LABEL: func.func @main_train_step(
// ADAM-SAME: tensor<3x2xf32>, %{{.+}}: tensor<2xf32>, {{.*}}, %[[T:[^:]+]]: tensor<f32>, %{{.+}}: tensor<4x3xf32>, %{{.+}}: tensor<4x2xf32>)
// ADAM-SAME: attributes {nn.params = ["fc.weight", "fc.bias"]}
// ADAM: nn.mse
// ADAM: nn.adam_update {{.*}}, %[[T]] {lr = 1.000000e-03 : f64} : (tensor<3x2xf32>
// ADAM: nn.adam_update {{.*}}, %[[T]] {lr = 1.000000e-03 : f64} : (tensor<2xf32>
func.func @main(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
  %w = nn.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32> loc("fc.weight")
  %b = nn.constant dense<[0.5, -0.5]> : tensor<2xf32> loc("fc.bias")
  %y = nn.matmul %x, %w : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
  %z = nn.add %y, %b : (tensor<4x2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  return %z : tensor<4x2xf32>
}
