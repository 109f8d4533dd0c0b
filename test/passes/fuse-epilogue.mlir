// RUN: %nn-opt %s --nn-fuse-epilogue --split-input-file | FileCheck %s

// matmul + bias + activation + residual add: one group.
// CHECK-LABEL: func.func @linear_relu_residual
// CHECK: %[[G:.*]] = nn.fusion_group "epilogue" : tensor<4x16xf32> {
// CHECK-NEXT: nn.matmul
// CHECK-NEXT: nn.add
// CHECK-NEXT: nn.relu
// CHECK-NEXT: %[[R:.*]] = nn.add
// CHECK-NEXT: nn.yield %[[R]]
// CHECK: return %[[G]]
func.func @linear_relu_residual(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %b: tensor<16xf32>, %res: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %m = nn.matmul %x, %w : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %a = nn.add %m, %b : (tensor<4x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %r = nn.relu %a : tensor<4x16xf32>
  %y = nn.add %r, %res : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// conv (bias folded in) + relu.
// CHECK-LABEL: func.func @conv_relu
// CHECK: nn.fusion_group "epilogue"
// CHECK-NEXT: nn.conv
// CHECK-NEXT: nn.relu
func.func @conv_relu(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  %c = nn.conv %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  %r = nn.relu %c : tensor<1x4x6x6xf32>
  return %r : tensor<1x4x6x6xf32>
}

// -----

// Must not fire: the matmul result has a second use, and an elementwise op
// that broadcasts the result to a bigger shape does not keep its shape.
// CHECK-LABEL: func.func @no_epilogue
// CHECK-NOT: nn.fusion_group
func.func @no_epilogue(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %big: tensor<2x4x16xf32>) -> (tensor<4x16xf32>, tensor<4x16xf32>, tensor<2x4x16xf32>) {
  %m = nn.matmul %x, %w : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %r = nn.relu %m : tensor<4x16xf32>
  %n = nn.matmul %x, %w : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %a = nn.add %n, %big : (tensor<4x16xf32>, tensor<2x4x16xf32>) -> tensor<2x4x16xf32>
  return %m, %r, %a : tensor<4x16xf32>, tensor<4x16xf32>, tensor<2x4x16xf32>
}
