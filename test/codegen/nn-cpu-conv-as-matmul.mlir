// RUN: %nn-opt %s -split-input-file -nn-cpu-conv-as-matmul | FileCheck %s
// RUN: %nn-opt %s -split-input-file -nn-cpu-conv-as-matmul -convert-nn-to-linalg -nn-cpu-tile-contractions | FileCheck %s --check-prefix=TILED

// A DCGAN-style stride-2 transposed convolution, by sub-pixel phases: the
// output starts as the bias broadcast; x is padded once (4x4 -> 6x6); each
// of the 4 phases (oh + 1, ow + 1) mod 2 is an im2col copy [C*2*2, N*4*4],
// its 2x2 taps of the flipped kernel [F, C*2*2] (copies, W is an argument)
// and one linalg.contract with K = C*2*2 = 64 (no taps that are multiplied
// by zeros, no col2im), added into the strided output slice in place.
// CHECK-LABEL: func.func @conv_transpose
// CHECK-NOT:   nn.conv_transpose
// CHECK:       %[[B:.*]] = linalg.generic {{.*}} ins(%arg2 : tensor<8xf32>) outs(%{{.*}} : tensor<2x8x8x8xf32>)
// CHECK:       %[[XP:.*]] = tensor.insert_slice %arg0 into %{{.*}}[0, 0, 1, 1] [2, 16, 4, 4] [1, 1, 1, 1] {{.*}} into tensor<2x16x6x6xf32>
// CHECK:       linalg.generic {{.*}} ins(%[[XP]] : tensor<2x16x6x6xf32>) outs(%{{.*}} : tensor<16x2x2x2x4x4xf32>)
// CHECK:       tensor.collapse_shape {{.*}} into tensor<64x32xf32>
// CHECK:       linalg.generic {{.*}} ins(%arg1 : tensor<16x8x4x4xf32>) outs(%{{.*}} : tensor<8x16x2x2xf32>)
// CHECK:       %[[P0:.*]] = linalg.contract {{.*}} ins(%{{.*}}, %{{.*}} : tensor<8x64xf32>, tensor<64x32xf32>) {{.*}} -> tensor<8x32xf32>
// CHECK:       %[[S0:.*]] = tensor.extract_slice %[[B]][0, 0, 1, 1] [2, 8, 4, 4] [1, 1, 2, 2]
// CHECK:       %[[A0:.*]] = linalg.generic {{.*}} ins(%[[P0]] : tensor<8x32xf32>) outs(%[[S0]] : tensor<2x8x4x4xf32>)
// CHECK:         arith.addf
// CHECK:       %[[Y0:.*]] = tensor.insert_slice %[[A0]] into %[[B]][0, 0, 1, 1] [2, 8, 4, 4] [1, 1, 2, 2]
// CHECK:       linalg.contract {{.*}} -> tensor<8x32xf32>
// CHECK:       %[[Y1:.*]] = tensor.insert_slice %{{.*}} into %[[Y0]][0, 0, 1, 0] [2, 8, 4, 4] [1, 1, 2, 2]
// CHECK:       linalg.contract {{.*}} -> tensor<8x32xf32>
// CHECK:       %[[Y2:.*]] = tensor.insert_slice %{{.*}} into %[[Y1]][0, 0, 0, 1] [2, 8, 4, 4] [1, 1, 2, 2]
// CHECK:       linalg.contract {{.*}} -> tensor<8x32xf32>
// CHECK:       %[[Y3:.*]] = tensor.insert_slice %{{.*}} into %[[Y2]][0, 0, 0, 0] [2, 8, 4, 4] [1, 1, 2, 2]
// CHECK-NOT:   tensor.extract %
// CHECK:       return %[[Y3]]
// TILED-LABEL: func.func @conv_transpose
// TILED:       vector.fma
func.func @conv_transpose(%x: tensor<2x16x4x4xf32>, %w: tensor<16x8x4x4xf32>,
                          %b: tensor<8xf32>) -> tensor<2x8x8x8xf32> {
  %0 = nn.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}
      : (tensor<2x16x4x4xf32>, tensor<16x8x4x4xf32>, tensor<8xf32>) -> tensor<2x8x8x8xf32>
  return %0 : tensor<2x8x8x8xf32>
}

// -----

// Constant weights: each phase's kernel is computed at compile time (here
// the single tap W[phase_h, phase_w] of a 2x2 kernel with stride 2), so the
// tiler packs it once.
// CHECK-LABEL: func.func @constant_kernels
// CHECK:       nn.constant dense<1.000000e+00> : tensor<1x1xf32>
// CHECK:       tensor.insert_slice {{.*}}[0, 0, 0, 0] [1, 1, 2, 2] [1, 1, 2, 2]
// CHECK:       nn.constant dense<2.000000e+00> : tensor<1x1xf32>
// CHECK:       tensor.insert_slice {{.*}}[0, 0, 0, 1] [1, 1, 2, 2] [1, 1, 2, 2]
// CHECK:       nn.constant dense<3.000000e+00> : tensor<1x1xf32>
// CHECK:       tensor.insert_slice {{.*}}[0, 0, 1, 0] [1, 1, 2, 2] [1, 1, 2, 2]
// CHECK:       nn.constant dense<4.000000e+00> : tensor<1x1xf32>
// CHECK:       tensor.insert_slice {{.*}}[0, 0, 1, 1] [1, 1, 2, 2] [1, 1, 2, 2]
func.func @constant_kernels(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32> {
  %w = nn.constant dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %0 = nn.conv_transpose %x, %w {strides = array<i64: 2, 2>}
      : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

// A 1x1 input (a DCGAN's first layer): one matmul [N, C] x [C, F*KH*KW],
// each output pixel one of its columns; no padded im2col.
// CHECK-LABEL: func.func @one_by_one
// CHECK:       %[[X:.*]] = tensor.collapse_shape %arg0 {{.*}} into tensor<2x5xf32>
// CHECK:       %[[W:.*]] = tensor.collapse_shape %arg1 {{.*}} into tensor<5x48xf32>
// CHECK:       %[[P:.*]] = linalg.contract {{.*}} ins(%[[X]], %[[W]] : tensor<2x5xf32>, tensor<5x48xf32>)
// CHECK:       linalg.generic {{.*}} ins(%[[P]] : tensor<2x48xf32>) outs(%{{.*}} : tensor<2x3x4x4xf32>)
// CHECK-NOT:   nn.conv
func.func @one_by_one(%x: tensor<2x5x1x1xf32>, %w: tensor<5x3x4x4xf32>) -> tensor<2x3x4x4xf32> {
  %0 = nn.conv_transpose %x, %w : (tensor<2x5x1x1xf32>, tensor<5x3x4x4xf32>) -> tensor<2x3x4x4xf32>
  return %0 : tensor<2x3x4x4xf32>
}

// -----

// One output channel, many input channels: col2im by phases. One
// contraction for all taps, transposed (324 pixels): x padded and copied as
// [N*18*18, C] times W [C, F*4*4]; then each phase sums its 2x2 taps of the
// product (innermost reduction loops) into its output slice.
// CHECK-LABEL: func.func @col2im
// CHECK:       tensor.collapse_shape {{.*}} into tensor<324x8xf32>
// CHECK:       %[[P:.*]] = linalg.contract {{.*}} ins(%{{.*}}, %{{.*}} : tensor<324x8xf32>, tensor<8x16xf32>) {{.*}} -> tensor<324x16xf32>
// CHECK-COUNT-4: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[P]], %{{.*}} : tensor<324x16xf32>, tensor<2x2xf32>)
// CHECK-NOT:   linalg.contract
func.func @col2im(%x: tensor<1x8x16x16xf32>, %w: tensor<8x1x4x4xf32>) -> tensor<1x1x32x32xf32> {
  %0 = nn.conv_transpose %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}
      : (tensor<1x8x16x16xf32>, tensor<8x1x4x4xf32>) -> tensor<1x1x32x32xf32>
  return %0 : tensor<1x1x32x32xf32>
}

// -----

// im2col by phases with F = 16 output channels: transposed, x copied once
// to NHWC, the columns [N*16*16, 2*2*C] (channels innermost) as the
// micro-kernel's A operand and the phase kernel [2*2*C, F] as its B.
// CHECK-LABEL: func.func @im2col_transposed
// CHECK:       linalg.generic {{.*}} outs(%{{.*}} : tensor<2x18x18x32xf32>)
// CHECK:       linalg.generic {{.*}} ins(%{{.*}} : tensor<2x18x18x32xf32>) outs(%{{.*}} : tensor<2x16x16x2x2x32xf32>)
// CHECK-COUNT-4: linalg.contract {{.*}} : tensor<512x128xf32>, tensor<128x16xf32>) {{.*}} -> tensor<512x16xf32>
func.func @im2col_transposed(%x: tensor<2x32x16x16xf32>, %w: tensor<32x16x4x4xf32>) -> tensor<2x16x32x32xf32> {
  %0 = nn.conv_transpose %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}
      : (tensor<2x32x16x16xf32>, tensor<32x16x4x4xf32>) -> tensor<2x16x32x32xf32>
  return %0 : tensor<2x16x32x32xf32>
}

// -----

// Must not take the phases: dilation 2 (a phase's taps would not be
// contiguous). W gathered to [C, F*KH*KW] and X to [N, C, H*W] (copies by
// tensor.extract, not reshapes, so elementwise fusion cannot reshape the
// contraction), columns [N, F*KH*KW, H*W] from one linalg.contract over C
// (K = 16), then the col2im gather over the 4x4 taps, starting from the
// bias.
// CHECK-LABEL: func.func @dilated
// CHECK-NOT:   nn.conv_transpose
// CHECK:       linalg.generic {{.*}} outs(%{{.*}} : tensor<16x128xf32>)
// CHECK:         tensor.extract %arg1
// CHECK:       linalg.generic {{.*}} outs(%{{.*}} : tensor<2x16x16xf32>)
// CHECK:         tensor.extract %arg0
// CHECK:       %[[COLS:.*]] = linalg.contract {{.*}} -> tensor<2x128x16xf32>
// CHECK:       linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]
// CHECK:         tensor.extract %[[COLS]]{{.*}} : tensor<2x128x16xf32>
// CHECK:       } -> tensor<2x8x11x11xf32>
func.func @dilated(%x: tensor<2x16x4x4xf32>, %w: tensor<16x8x4x4xf32>,
                   %b: tensor<8xf32>) -> tensor<2x8x11x11xf32> {
  %0 = nn.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, dilations = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}
      : (tensor<2x16x4x4xf32>, tensor<16x8x4x4xf32>, tensor<8xf32>) -> tensor<2x8x11x11xf32>
  return %0 : tensor<2x8x11x11xf32>
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
// keeps the relu. Kernel 3 with stride 2 gives phases of 2 and 1 taps per
// axis: contractions with K = C*2*2, C*2*1, C*1*2 and C*1*1.
// CHECK-LABEL: func.func @in_group
// CHECK:       linalg.contract {{.*}} : tensor<4x32xf32>, tensor<32x16xf32>)
// CHECK:       linalg.contract {{.*}} : tensor<4x16xf32>, tensor<16x12xf32>)
// CHECK:       linalg.contract {{.*}} : tensor<4x16xf32>, tensor<16x12xf32>)
// CHECK:       linalg.contract {{.*}} : tensor<4x8xf32>, tensor<8x9xf32>)
// CHECK:       %[[CT:.*]] = tensor.insert_slice %{{.*}}[0, 0, 1, 1] [1, 4, 3, 3] [1, 1, 2, 2]
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
