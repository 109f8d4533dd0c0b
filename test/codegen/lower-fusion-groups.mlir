// RUN: %nn-opt %s --split-input-file --convert-nn-to-linalg --nn-lower-fusion-groups | FileCheck %s

// matmul + bias + relu: one scf.forall over 64x256 tiles of the result
// holding the fill, the tiled matmul (K whole) and the epilogue; no group
// remains and no untiled matmul is left.
// CHECK-LABEL: func.func @epilogue
// CHECK-NOT: nn.fusion_group
// CHECK: %[[L:.*]] = scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (128, 512) step (64, 256)
// CHECK: linalg.fill
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<64x32xf32>, tensor<32x256xf32>) outs(%{{.*}} : tensor<64x256xf32>)
// CHECK: linalg.generic
// CHECK: scf.forall.in_parallel
// CHECK: } {nn.fused_kernel}
// CHECK: return %[[L]]
func.func @epilogue(%x: tensor<128x32xf32>, %w: tensor<32x512xf32>, %b: tensor<512xf32>) -> tensor<128x512xf32> {
  %0 = nn.fusion_group "epilogue" : tensor<128x512xf32> {
    %m = nn.matmul %x, %w : (tensor<128x32xf32>, tensor<32x512xf32>) -> tensor<128x512xf32>
    %a = nn.add %m, %b : (tensor<128x512xf32>, tensor<512xf32>) -> tensor<128x512xf32>
    %r = nn.relu %a : tensor<128x512xf32>
    nn.yield %r : tensor<128x512xf32>
  }
  return %0 : tensor<128x512xf32>
}

// -----

// softmax over the last axis: one loop over tiles of whole rows; the max
// and sum reductions are computed per tile inside it. All 8 rows of 16 fit
// one tile of 4096 elements, so the widest row dim is halved instead (two
// iterations; one would fold away).
// CHECK-LABEL: func.func @softmax
// CHECK: scf.forall (%{{.*}}) = (0) to (4) step (2)
// CHECK-COUNT-3: linalg.generic
// CHECK: } {nn.fused_kernel}
func.func @softmax(%x: tensor<2x4x16xf32>) -> tensor<2x4x16xf32> {
  %0 = nn.fusion_group "reduction" : tensor<2x4x16xf32> {
    %s = nn.softmax %x {axis = -1 : i64} : tensor<2x4x16xf32> -> tensor<2x4x16xf32>
    nn.yield %s : tensor<2x4x16xf32>
  }
  return %0 : tensor<2x4x16xf32>
}

// -----

// Rows of 64: 64 rows (4096 elements) per tile, the outer dim by 1.
// CHECK-LABEL: func.func @softmax_rows
// CHECK: scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (4, 256) step (1, 64)
// CHECK-COUNT-3: linalg.generic {{.*}} tensor<1x64x64xf32>
// CHECK: } {nn.fused_kernel}
func.func @softmax_rows(%x: tensor<4x256x64xf32>) -> tensor<4x256x64xf32> {
  %0 = nn.fusion_group "reduction" : tensor<4x256x64xf32> {
    %s = nn.softmax %x {axis = -1 : i64} : tensor<4x256x64xf32> -> tensor<4x256x64xf32>
    nn.yield %s : tensor<4x256x64xf32>
  }
  return %0 : tensor<4x256x64xf32>
}

// -----

// Must not tile: a group that lowers to a single structured op is only
// unwrapped.
// CHECK-LABEL: func.func @single
// CHECK-NOT: scf.forall
// CHECK-NOT: nn.fusion_group
// CHECK: linalg.generic
// CHECK-NOT: scf.forall
func.func @single(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = nn.fusion_group "elementwise" : tensor<4x8xf32> {
    %r = nn.relu %x : tensor<4x8xf32>
    nn.yield %r : tensor<4x8xf32>
  }
  return %0 : tensor<4x8xf32>
}

// -----

// A 4x128 result fits one 64x256 tile: a loop of one iteration would fold
// away, so the widest tiled extent is halved (N by 64, two iterations).
// CHECK-LABEL: func.func @small
// CHECK: scf.forall (%{{.*}}) = (0) to (128) step (64)
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x16xf32>, tensor<16x64xf32>)
// CHECK: } {nn.fused_kernel}
func.func @small(%x: tensor<4x16xf32>, %w: tensor<16x128xf32>) -> tensor<4x128xf32> {
  %0 = nn.fusion_group "epilogue" : tensor<4x128xf32> {
    %m = nn.matmul %x, %w : (tensor<4x16xf32>, tensor<16x128xf32>) -> tensor<4x128xf32>
    %r = nn.relu %m : tensor<4x128xf32>
    nn.yield %r : tensor<4x128xf32>
  }
  return %0 : tensor<4x128xf32>
}

// -----

// conv + bias + relu (2 images, stride 2): the conv becomes an im2col
// gather (left in front of the loop: its mod/floordiv map cannot be tiled)
// and a contraction over 2 x 20 x (5*5); bias broadcast, contraction and
// epilogue are collapsed to that shape and tiled over the images, the
// epilogue accumulated into in place. The result is expanded back.
// CHECK-LABEL: func.func @conv
// CHECK-NOT: linalg.conv_2d
// CHECK: %[[COLS:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<2x288x25xf32>)
// CHECK: %[[L:.*]] = scf.forall (%[[N:.*]]) in (2)
// CHECK: tensor.extract_slice %[[COLS]][%[[N]], 0, 0] [1, 288, 25]
// CHECK: %[[BIAS:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x20x25xf32>)
// CHECK: %[[ACC:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "reduction"]{{.*}} outs(%[[BIAS]] : tensor<1x20x25xf32>)
// CHECK: linalg.generic {{.*}} outs(%[[ACC]] : tensor<1x20x25xf32>)
// CHECK: arith.maximumf
// CHECK: } {nn.fused_kernel}
// CHECK: tensor.expand_shape %[[L]] {{\[\[}}0], [1], [2, 3]] output_shape [2, 20, 5, 5]
func.func @conv(%x: tensor<2x32x9x9xf32>, %w: tensor<20x32x3x3xf32>, %b: tensor<20xf32>) -> tensor<2x20x5x5xf32> {
  %0 = nn.fusion_group "epilogue" : tensor<2x20x5x5xf32> {
    %c = nn.conv %x, %w, %b {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<2x32x9x9xf32>, tensor<20x32x3x3xf32>, tensor<20xf32>) -> tensor<2x20x5x5xf32>
    %r = nn.relu %c : tensor<2x20x5x5xf32>
    nn.yield %r : tensor<2x20x5x5xf32>
  }
  return %0 : tensor<2x20x5x5xf32>
}

// -----

// Must not fire: a reduction of C*KH*KW = 4*3*3 = 36 < 256 (measured slower
// tiled than conv then epilogue); the conv stays whole, the group unwrapped.
// CHECK-LABEL: func.func @conv_short_reduction
// CHECK-NOT: scf.forall
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK-NOT: scf.forall
func.func @conv_short_reduction(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>, %b: tensor<8xf32>) -> tensor<1x8x6x6xf32> {
  %0 = nn.fusion_group "epilogue" : tensor<1x8x6x6xf32> {
    %c = nn.conv %x, %w, %b : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, tensor<8xf32>) -> tensor<1x8x6x6xf32>
    %r = nn.relu %c : tensor<1x8x6x6xf32>
    nn.yield %r : tensor<1x8x6x6xf32>
  }
  return %0 : tensor<1x8x6x6xf32>
}

// -----

// Must not fire: the epilogue reads the conv's result transposed (its H and
// W loops cannot be collapsed into the contraction's OH*OW), so the conv is
// left whole (the CPU pipeline still turns it into im2col + micro-kernel)
// and the group is only unwrapped.
// CHECK-LABEL: func.func @conv_transposed_epilogue
// CHECK-NOT: scf.forall
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK: linalg.generic
// CHECK-NOT: scf.forall
func.func @conv_transposed_epilogue(%x: tensor<1x32x8x8xf32>, %w: tensor<8x32x3x3xf32>) -> tensor<1x8x6x6xf32> {
  %0 = nn.fusion_group "epilogue" : tensor<1x8x6x6xf32> {
    %cst = arith.constant 0.0 : f32
    %e = tensor.empty() : tensor<1x8x6x6xf32>
    %f = linalg.fill ins(%cst : f32) outs(%e : tensor<1x8x6x6xf32>) -> tensor<1x8x6x6xf32>
    %c = linalg.conv_2d_nchw_fchw ins(%x, %w : tensor<1x32x8x8xf32>, tensor<8x32x3x3xf32>) outs(%f : tensor<1x8x6x6xf32>) -> tensor<1x8x6x6xf32>
    %e2 = tensor.empty() : tensor<1x8x6x6xf32>
    %t = linalg.generic {indexing_maps = [affine_map<(n, f, h, w) -> (n, f, w, h)>, affine_map<(n, f, h, w) -> (n, f, h, w)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c : tensor<1x8x6x6xf32>) outs(%e2 : tensor<1x8x6x6xf32>) {
    ^bb0(%in: f32, %out: f32):
      %m = arith.maximumf %in, %cst : f32
      linalg.yield %m : f32
    } -> tensor<1x8x6x6xf32>
    nn.yield %t : tensor<1x8x6x6xf32>
  }
  return %0 : tensor<1x8x6x6xf32>
}
