// The nn-autodiff pass: structure of the backward function (fan-out,
// broadcasting, non-differentiable operands, options) and its errors.
// Numbers are checked against finite differences in gradcheck-*.mlir.
// RUN: %nn-opt %s --split-input-file --nn-autodiff | FileCheck %s

// Fan-out: both uses of %x accumulate into one gradient.
// CHECK-LABEL: func.func @main_grad(
// CHECK-SAME: %[[X:.+]]: tensor<3xf32>, %[[W:.+]]: tensor<3xf32>, %[[S:.+]]: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
// CHECK: %[[Y:.+]] = nn.mul %[[X]], %[[X]]
// CHECK: %[[Z:.+]] = nn.mul %[[Y]], %[[W]]
// CHECK-DAG: %[[GY:.+]] = nn.mul %[[S]], %[[W]]
// CHECK-DAG: %[[GW:.+]] = nn.mul %[[S]], %[[Y]]
// CHECK-DAG: %[[A:.+]] = nn.mul %[[GY]], %[[X]]
// CHECK-DAG: %[[B:.+]] = nn.mul %[[GY]], %[[X]]
// CHECK: %[[GX:.+]] = nn.add %[[A]], %[[B]]
// CHECK: return %[[Z]], %[[GX]], %[[GW]]
func.func @main(%x: tensor<3xf32>, %w: tensor<3xf32>) -> tensor<3xf32> {
  %y = nn.mul %x, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %z = nn.mul %y, %w : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %z : tensor<3xf32>
}

// -----

// Broadcasting: the bias gradient is summed back to [4].
// CHECK-LABEL: func.func @main_grad(
// CHECK-SAME: %{{.+}}: tensor<2x4xf32>, %{{.+}}: tensor<4xf32>, %[[S:.+]]: tensor<2x4xf32>)
// CHECK: %[[R:.+]] = nn.reduce sum %[[S]] {axes = array<i64: 0>} : tensor<2x4xf32> -> tensor<1x4xf32>
// CHECK: %[[B:.+]] = nn.reshape %[[R]] : tensor<1x4xf32> -> tensor<4xf32>
// CHECK: return %{{.+}}, %[[S]], %[[B]]
func.func @main(%x: tensor<2x4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %y = nn.add %x, %b : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

// Labels are indices: no gradient, and the integer argument is not a wrt
// argument by default. Only the logits get one.
// CHECK-LABEL: func.func @main_grad(
// CHECK-SAME: -> (tensor<f32>, tensor<2x3xf32>)
// CHECK: nn.softmax
// CHECK-NOT: nn.gather
// CHECK: return
func.func @main(%z: tensor<2x3xf32>, %l: tensor<2xi64>) -> tensor<f32> {
  %0 = nn.softmax_cross_entropy %z, %l : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Must not fire on ops off the differentiated path: the argmax branch and
// the constant add nothing to the backward sweep, and an argument without
// a path to the result gets zeros.
// CHECK-LABEL: func.func @main_grad(
// CHECK-SAME: %[[X:.+]]: tensor<2xf32>, %{{.+}}: tensor<2xf32>, %[[S:.+]]: tensor<2xf32>, %{{.+}}: tensor<1xi64>)
// CHECK: %[[I:.+]] = nn.argmax %[[X]]
// CHECK: %[[C:.+]] = nn.constant dense<2.000000e+00>
// CHECK: %[[Y:.+]] = nn.mul %[[X]], %[[C]]
// CHECK-NEXT: %[[G:.+]] = nn.mul %[[S]], %[[C]]
// CHECK-NEXT: %[[Z:.+]] = nn.constant dense<0.000000e+00> : tensor<2xf32>
// CHECK-NEXT: return %[[Y]], %[[I]], %[[G]], %[[Z]] :
func.func @main(%x: tensor<2xf32>, %unused: tensor<2xf32>) -> (tensor<2xf32>, tensor<1xi64>) {
  %i = nn.argmax %x : tensor<2xf32> -> tensor<1xi64>
  %c = nn.constant dense<2.0> : tensor<2xf32>
  %y = nn.mul %x, %c : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %y, %i : tensor<2xf32>, tensor<1xi64>
}
