// nn-train-step with nn.batch_norm: the running statistics become `stats`
// arguments (after the optimizer state, before the inputs) of the step and
// the eval function; the step normalizes with the batch's mean and biased
// variance over every axis but the channel (whose gradients flow through the
// reduce rules) and returns running * m + batch * (1 - m), the variance
// scaled by N/(N-1) = 12/11 (PyTorch's unbiased running variance).
// REQUIRES: autodiff
// RUN: %nn-opt %s --nn-train-step="loss=mse batch-norm-momentum=0.8" | FileCheck %s
// RUN: %nn-opt %s --nn-train-step="loss=mse batch-norm-training=false" | FileCheck %s --check-prefix=INFER

// CHECK-LABEL: func.func @main_eval(
// CHECK-SAME: %[[S:[a-z0-9]+]]: tensor<2xf32>, %[[B:[a-z0-9]+]]: tensor<2xf32>, %[[M:[a-z0-9]+]]: tensor<2xf32>, %[[V:[a-z0-9]+]]: tensor<2xf32>, %[[X:[a-z0-9]+]]: tensor<4x2x3xf32>)
// CHECK: nn.batch_norm %[[X]], %[[S]], %[[B]], %[[M]], %[[V]]
// CHECK-LABEL: func.func @main_train_step(
// CHECK-SAME: %[[S:[a-z0-9]+]]: tensor<2xf32>, %[[B:[a-z0-9]+]]: tensor<2xf32>, %{{.+}}: tensor<2xf32>, %{{.+}}: tensor<2xf32>, %[[M:[a-z0-9]+]]: tensor<2xf32>, %[[V:[a-z0-9]+]]: tensor<2xf32>, %[[X:[a-z0-9]+]]: tensor<4x2x3xf32>, %{{.+}}: tensor<4x2x3xf32>)
// CHECK-SAME: -> (tensor<f32>, tensor<4x2x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
// CHECK: %[[MEAN:.+]] = nn.reduce mean %[[X]] {axes = array<i64: 0, 2>, keepdims = false}
// CHECK: %[[VIEW:.+]] = nn.reshape %[[MEAN]] : tensor<2xf32> -> tensor<1x2x1xf32>
// CHECK: %[[C:.+]] = nn.sub %[[X]], %[[VIEW]]
// CHECK: %[[SQ:.+]] = nn.mul %[[C]], %[[C]]
// CHECK: %[[VAR:.+]] = nn.reduce mean %[[SQ]] {axes = array<i64: 0, 2>, keepdims = false}
// CHECK: %[[Y:.+]] = nn.batch_norm %[[X]], %[[S]], %[[B]], %[[MEAN]], %[[VAR]]
// CHECK: %[[K1:.+]] = nn.constant dense<8.000000e-01>
// CHECK: %[[RM:.+]] = nn.mul %[[M]], %[[K1]]
// CHECK: %[[K2:.+]] = nn.constant dense<2.000000e-01>
// CHECK: %[[BM:.+]] = nn.mul %[[MEAN]], %[[K2]]
// CHECK: %[[NEWM:.+]] = nn.add %[[RM]], %[[BM]]
// CHECK: %[[RV:.+]] = nn.mul %[[V]], %{{.+}}
// CHECK: %[[K4:.+]] = nn.constant dense<0.218181819>
// CHECK: %[[BV:.+]] = nn.mul %[[VAR]], %[[K4]]
// CHECK: %[[NEWV:.+]] = nn.add %[[RV]], %[[BV]]
// CHECK: nn.sgd_update %[[S]]
// CHECK: nn.sgd_update %[[B]]
// CHECK: return %{{.+}}, %[[Y]], %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %[[NEWM]], %[[NEWV]]

// The inference form when training is off (must not fire): the statistics
// are ordinary trainable constants.
// INFER-LABEL: func.func @main_train_step(
// INFER-NOT: nn.reduce mean
// INFER: nn.batch_norm %arg8, %arg0, %arg1, %arg2, %arg3
func.func @main(%x: tensor<4x2x3xf32>) -> tensor<4x2x3xf32> {
  %s = nn.constant dense<[1.0, 2.0]> : tensor<2xf32> loc("bn.weight")
  %b = nn.constant dense<[0.5, -0.5]> : tensor<2xf32> loc("bn.bias")
  %m = nn.constant dense<[0.1, 0.2]> : tensor<2xf32> loc("bn.running_mean")
  %v = nn.constant dense<[1.0, 1.5]> : tensor<2xf32> loc("bn.running_var")
  %y = nn.batch_norm %x, %s, %b, %m, %v : (tensor<4x2x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<4x2x3xf32>
  return %y : tensor<4x2x3xf32>
}

