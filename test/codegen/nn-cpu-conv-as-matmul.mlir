// RUN: %nn-opt %s -split-input-file -nn-cpu-conv-as-matmul | FileCheck %s
// RUN: %nn-opt %s -split-input-file -nn-cpu-conv-as-matmul -convert-nn-to-linalg -nn-cpu-tile-contractions | FileCheck %s --check-prefix=TILED

// A DCGAN-style transposed convolution: W gathered to [C, F*KH*KW] and X to
// [N, C, H*W] (copies by tensor.extract, not reshapes, so elementwise fusion
// cannot reshape the contraction), columns [N, F*KH*KW, H*W] from one
// linalg.contract over C (K = 16), then the col2im gather over the 4x4 taps,
// starting from the bias.
// CHECK-LABEL: func.func @conv_transpose
// CHECK-NOT:   nn.conv_transpose
// CHECK:       linalg.generic {{.*}} outs(%{{.*}} : tensor<16x128xf32>)
// CHECK:         tensor.extract %arg1
// CHECK:       linalg.generic {{.*}} outs(%{{.*}} : tensor<2x16x16xf32>)
// CHECK:         tensor.extract %arg0
// CHECK:       %[[COLS:.*]] = linalg.contract {{.*}} -> tensor<2x128x16xf32>
// CHECK:       linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]
// CHECK:         tensor.extract %[[COLS]]{{.*}} : tensor<2x128x16xf32>
// CHECK:       } -> tensor<2x8x8x8xf32>
// TILED-LABEL: func.func @conv_transpose
// TILED:       vector.fma
func.func @conv_transpose(%x: tensor<2x16x4x4xf32>, %w: tensor<16x8x4x4xf32>,
                          %b: tensor<8xf32>) -> tensor<2x8x8x8xf32> {
  %0 = nn.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}
      : (tensor<2x16x4x4xf32>, tensor<16x8x4x4xf32>, tensor<8xf32>) -> tensor<2x8x8x8xf32>
  return %0 : tensor<2x8x8x8xf32>
}

// -----

// The weight gradient: im2col of the padded input copied with affine maps
// as [N, OH, OW, C, KH, KW] and collapsed to [N*OH*OW, C*KH*KW], dY copied
// as [F, N, OH, OW] and collapsed to [F, N*OH*OW], one linalg.contract with
// K = N*OH*OW, and dW gathered back to [F, C, KH, KW].
// CHECK-LABEL: func.func @weight_grad
// CHECK-NOT:   nn.conv_weight_grad
// CHECK:       linalg.generic {{.*}} ins(%{{.*}} : tensor<4x3x8x8xf32>) outs(%{{.*}} : tensor<4x6x6x3x3x3xf32>)
// CHECK-NOT:     tensor.extract
// CHECK:       tensor.collapse_shape {{.*}} into tensor<144x27xf32>
// CHECK:       linalg.generic {{.*}} ins(%arg1 : tensor<4x5x6x6xf32>) outs(%{{.*}} : tensor<5x4x6x6xf32>)
// CHECK-NOT:     tensor.extract
// CHECK:       tensor.collapse_shape {{.*}} into tensor<5x144xf32>
// CHECK:       %[[DW:.*]] = linalg.contract {{.*}} ins(%{{.*}}, %{{.*}} : tensor<5x144xf32>, tensor<144x27xf32>) {{.*}} -> tensor<5x27xf32>
// CHECK:       linalg.generic {{.*}} outs(%{{.*}} : tensor<5x3x3x3xf32>)
// CHECK:         tensor.extract %[[DW]]
// TILED-LABEL: func.func @weight_grad
// TILED:       vector.fma
func.func @weight_grad(%x: tensor<4x3x6x6xf32>, %dy: tensor<4x5x6x6xf32>) -> tensor<5x3x3x3xf32> {
  %0 = nn.conv_weight_grad %x, %dy {pads = array<i64: 1, 1, 1, 1>}
      : (tensor<4x3x6x6xf32>, tensor<4x5x6x6xf32>) -> tensor<5x3x3x3xf32>
  return %0 : tensor<5x3x3x3xf32>
}

// -----

// Inside an epilogue fusion group: rewritten in front of the group, which
// keeps the relu.
// CHECK-LABEL: func.func @in_group
// CHECK:       linalg.contract
// CHECK:       %[[CT:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]
// CHECK:       nn.fusion_group
// CHECK-NEXT:    nn.relu %[[CT]]
func.func @in_group(%x: tensor<1x8x3x3xf32>, %w: tensor<8x4x3x3xf32>) -> tensor<1x4x7x7xf32> {
  %0 = nn.fusion_group "epilogue" : tensor<1x4x7x7xf32> {
    %1 = nn.conv_transpose %x, %w {strides = array<i64: 2, 2>} : (tensor<1x8x3x3xf32>, tensor<8x4x3x3xf32>) -> tensor<1x4x7x7xf32>
    %2 = nn.relu %1 : tensor<1x4x7x7xf32>
    nn.yield %2 : tensor<1x4x7x7xf32>
  }
  return %0 : tensor<1x4x7x7xf32>
}

// -----

// Stride 1: the plain convolution of x padded by K - 1 - pad (3 - 1 - 1 = 1
// and 3 - 1 - 0 = 2) with the filter's channel axes swapped and its taps
// flipped; the flip runs in front of the group, the conv stays in it with
// the relu (and later takes the im2col path).
// CHECK-LABEL: func.func @stride1_as_conv
// CHECK:       %[[WF:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<4x8x3x3xf32>)
// CHECK:         tensor.extract %arg1
// CHECK:       nn.fusion_group
// CHECK-NEXT:    %[[C:.*]] = nn.conv %arg0, %[[WF]], %arg2 {pads = array<i64: 1, 2, 1, 1>}
// CHECK-NEXT:    nn.relu %[[C]]
// CHECK-NOT:   nn.conv_transpose
// CHECK-NOT:   linalg.contract
func.func @stride1_as_conv(%x: tensor<1x8x3x3xf32>, %w: tensor<8x4x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x3x4xf32> {
  %0 = nn.fusion_group "epilogue" : tensor<1x4x3x4xf32> {
    %1 = nn.conv_transpose %x, %w, %b {pads = array<i64: 1, 0, 1, 1>} : (tensor<1x8x3x3xf32>, tensor<8x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x3x4xf32>
    %2 = nn.relu %1 : tensor<1x4x3x4xf32>
    nn.yield %2 : tensor<1x4x3x4xf32>
  }
  return %0 : tensor<1x4x3x4xf32>
}

// -----

// Not handled (left for convert-nn-to-linalg): groups, 1-D, dynamic batch.
// CHECK-LABEL: func.func @not_handled
// CHECK:       nn.conv_transpose {{.*}}group = 2
// CHECK:       nn.conv_transpose {{.*}} -> tensor<1x4x11xf32>
// CHECK:       nn.conv_weight_grad {{.*}}group = 2
// CHECK:       nn.conv_transpose {{.*}} -> tensor<?x2x6x6xf32>
func.func @not_handled(%x: tensor<1x4x5x5xf32>, %w: tensor<4x3x3x3xf32>,
                       %x1: tensor<1x2x7xf32>, %w1: tensor<2x4x3xf32>,
                       %xg: tensor<8x4x5x5xf32>, %dy: tensor<8x6x5x5xf32>,
                       %xd: tensor<?x2x4x4xf32>, %wd: tensor<2x2x3x3xf32>)
    -> (tensor<1x6x9x9xf32>, tensor<1x4x11xf32>, tensor<6x2x3x3xf32>, tensor<?x2x6x6xf32>) {
  %0 = nn.conv_transpose %x, %w {group = 2 : i64, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}
      : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>) -> tensor<1x6x9x9xf32>
  %1 = nn.conv_transpose %x1, %w1 {dilations = array<i64: 2>}
      : (tensor<1x2x7xf32>, tensor<2x4x3xf32>) -> tensor<1x4x11xf32>
  %2 = nn.conv_weight_grad %xg, %dy {group = 2 : i64, pads = array<i64: 1, 1, 1, 1>}
      : (tensor<8x4x5x5xf32>, tensor<8x6x5x5xf32>) -> tensor<6x2x3x3xf32>
  %3 = nn.conv_transpose %xd, %wd
      : (tensor<?x2x4x4xf32>, tensor<2x2x3x3xf32>) -> tensor<?x2x6x6xf32>
  return %0, %1, %2, %3 : tensor<1x6x9x9xf32>, tensor<1x4x11xf32>, tensor<6x2x3x3xf32>, tensor<?x2x6x6xf32>
}
