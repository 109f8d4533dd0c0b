// nn-autodiff options: one wrt argument, seeded with ones (no seed
// arguments), gradients only, under a chosen name; and a non-float wrt
// argument is refused.
// RUN: %nn-opt %s --nn-autodiff="wrt=1 seed-ones return-results=false name=dw" | FileCheck %s
// RUN: not %nn-opt %s --nn-autodiff="wrt=2" 2>&1 | FileCheck %s --check-prefix=ERR

// CHECK-LABEL: func.func @dw(
// CHECK-SAME: %{{.+}}: tensor<3xf32>, %{{.+}}: tensor<3xf32>, %{{.+}}: tensor<3xi64>) -> tensor<3xf32>
// CHECK: %[[Y:.+]] = nn.mul
// CHECK: %[[ONE:.+]] = nn.constant dense<1.000000e+00> : tensor<3xf32>
// CHECK: %[[G:.+]] = nn.mul %[[ONE]], %[[Y]]
// CHECK: return %[[G]] : tensor<3xf32>
// ERR: error: cannot differentiate '@main' with respect to argument 2: not a float tensor argument
func.func @main(%x: tensor<3xf32>, %w: tensor<3xf32>, %i: tensor<3xi64>) -> tensor<3xf32> {
  %y = nn.mul %x, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %z = nn.mul %y, %w : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %z : tensor<3xf32>
}
