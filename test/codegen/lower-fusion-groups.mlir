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

// softmax over the last axis: one loop over rows; the max and sum
// reductions are computed per row inside it.
// CHECK-LABEL: func.func @softmax
// CHECK: scf.forall (%{{.*}}, %{{.*}}) in (2, 4)
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
