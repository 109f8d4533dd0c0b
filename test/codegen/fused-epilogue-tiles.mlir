// RUN: %nn-opt %s --split-input-file --convert-nn-to-linalg --linalg-fuse-elementwise-ops --nn-lower-fusion-groups --cse --canonicalize --nn-cpu-tile-contractions | FileCheck %s

// The CPU path of an epilogue group (nn-lower-fusion-groups, then
// nn-cpu-tile-contractions): each output tile of the group's loop is
// accumulated by the FMA micro-kernel and finished by the epilogue right
// after it, inside the same scf.forall, while the tile is in cache.

// conv + bias + residual + relu: the conv is im2col (a gather, run once in
// front of the loop) + a contraction over 1 x 32 x (16*16); the loop tiles
// the 256 output pixels by 128 and holds the bias broadcast, the vectorized
// contraction and the epilogue, which reads its tile of the residual and
// writes the tile the contraction accumulated in place; bias and epilogue
// run as vectors, one row of the tile at a time.
// CHECK-LABEL: func.func @conv
// CHECK-NOT: linalg.conv_2d
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<1x32x18x18xf32>) outs(%{{.*}} : tensor<1x288x256xf32>)
// CHECK: scf.forall (%{{.*}}) = (0) to (256) step (128)
// CHECK: vector.transfer_write {{.*}} : vector<1x1x128xf32>, tensor<1x1x128xf32>
// CHECK: vector.fma
// CHECK: vector.transfer_write {{.*}} : vector<1x8x32xf32>, tensor<1x8x32xf32>
// CHECK-NOT: scf.forall.in_parallel
// CHECK: %[[E:.*]] = arith.addf {{.*}} : vector<1x1x128xf32>
// CHECK: %[[R:.*]] = arith.maximumf %[[E]], {{.*}} : vector<1x1x128xf32>
// CHECK: vector.transfer_write %[[R]]
// CHECK: scf.forall.in_parallel
// CHECK: } {nn.fused_kernel}
// CHECK: tensor.expand_shape
func.func @conv(%x: tensor<1x32x16x16xf32>, %w: tensor<32x32x3x3xf32>, %b: tensor<32xf32>, %r: tensor<1x32x16x16xf32>) -> tensor<1x32x16x16xf32> {
  %0 = nn.fusion_group "epilogue" : tensor<1x32x16x16xf32> {
    %c = nn.conv %x, %w, %b {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x32x16x16xf32>, tensor<32x32x3x3xf32>, tensor<32xf32>) -> tensor<1x32x16x16xf32>
    %a = nn.add %c, %r : (tensor<1x32x16x16xf32>, tensor<1x32x16x16xf32>) -> tensor<1x32x16x16xf32>
    %y = nn.relu %a : tensor<1x32x16x16xf32>
    nn.yield %y : tensor<1x32x16x16xf32>
  }
  return %0 : tensor<1x32x16x16xf32>
}

// -----

// matmul + bias + relu: 64 x 256 tiles; the epilogue (vectorized rows)
// follows the micro-kernel's loops inside the tile loop.
// CHECK-LABEL: func.func @matmul
// CHECK: scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (128, 512) step (64, 256)
// CHECK: vector.fma
// CHECK: vector.transfer_write {{.*}} : vector<8x32xf32>, tensor<8x32xf32>
// CHECK-NOT: scf.forall.in_parallel
// CHECK: %[[E:.*]] = arith.addf {{.*}} : vector<1x256xf32>
// CHECK: %[[R:.*]] = arith.maximumf %[[E]], {{.*}} : vector<1x256xf32>
// CHECK: vector.transfer_write %[[R]]
// CHECK: scf.forall.in_parallel
// CHECK: } {nn.fused_kernel}
func.func @matmul(%x: tensor<128x32xf32>, %w: tensor<32x512xf32>, %b: tensor<512xf32>) -> tensor<128x512xf32> {
  %0 = nn.fusion_group "epilogue" : tensor<128x512xf32> {
    %m = nn.matmul %x, %w : (tensor<128x32xf32>, tensor<32x512xf32>) -> tensor<128x512xf32>
    %a = nn.add %m, %b : (tensor<128x512xf32>, tensor<512xf32>) -> tensor<128x512xf32>
    %r = nn.relu %a : tensor<128x512xf32>
    nn.yield %r : tensor<128x512xf32>
  }
  return %0 : tensor<128x512xf32>
}
