// Round trip of the backward-pass ops (ir/NNGradientOps.td).
// RUN: %nn-opt %s | %nn-opt | FileCheck %s

// CHECK-LABEL: func.func @ops
// CHECK: nn.conv_weight_grad %{{.+}}, %{{.+}} {group = 2 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<8x4x5x5xf32>, tensor<8x6x5x5xf32>) -> tensor<6x2x3x3xf32>
// CHECK: nn.max_pool_grad %{{.+}}, %{{.+}} {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>) -> tensor<1x3x8x8xf32>
// CHECK: nn.avg_pool_grad %{{.+}} {count_include_pad = true, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<1x3x3x3xf32> -> tensor<1x3x5x5xf32>
// CHECK: nn.gather_grad %{{.+}}, %{{.+}} : (tensor<4x16x64xf32>, tensor<4x16xi64>) -> tensor<1000x64xf32>
func.func @ops(%x: tensor<8x4x5x5xf32>, %dy: tensor<8x6x5x5xf32>, %g: tensor<1x3x4x4xf32>, %i: tensor<1x3x4x4xi64>,
               %a: tensor<1x3x3x3xf32>, %e: tensor<4x16x64xf32>, %ids: tensor<4x16xi64>)
    -> (tensor<6x2x3x3xf32>, tensor<1x3x8x8xf32>, tensor<1x3x5x5xf32>, tensor<1000x64xf32>) {
  %0 = nn.conv_weight_grad %x, %dy {group = 2 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<8x4x5x5xf32>, tensor<8x6x5x5xf32>) -> tensor<6x2x3x3xf32>
  %1 = nn.max_pool_grad %g, %i {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>) -> tensor<1x3x8x8xf32>
  %2 = nn.avg_pool_grad %a {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, count_include_pad = true} : tensor<1x3x3x3xf32> -> tensor<1x3x5x5xf32>
  %3 = nn.gather_grad %e, %ids {axis = 0 : i64} : (tensor<4x16x64xf32>, tensor<4x16xi64>) -> tensor<1000x64xf32>
  return %0, %1, %2, %3 : tensor<6x2x3x3xf32>, tensor<1x3x8x8xf32>, tensor<1x3x5x5xf32>, tensor<1000x64xf32>
}
