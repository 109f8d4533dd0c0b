// RUN: %nn-opt %s -split-input-file -convert-nn-to-linalg -nn-cpu-tile-contractions | FileCheck %s

// A 128x512x256 matmul: threads take N tiles (scf.forall), then cache tiles
// (K 128, M 64: M innermost so the packed B panel is reused), 8x32 register
// tiles, FMAs on vector<32xf32>, and the C tile carried by the K loop.
// CHECK-LABEL: func.func @matmul
// CHECK:       scf.forall ({{.*}}) = (0) to (512) step (256)
// CHECK:         tensor.extract_slice %arg1{{.*}} [256, 256] [1, 1]
// CHECK:         scf.for {{.*}} step %c128
// CHECK:           tensor.extract_slice {{.*}} [128, 256] [1, 1]
// CHECK:           linalg.copy {{.*}} -> tensor<128x256xf32>
// CHECK:           scf.for {{.*}} step %c64
// CHECK:             scf.for {{.*}} step %c8
// CHECK:               scf.for {{.*}} step %c32
// CHECK:                 vector.transfer_read {{.*}} : tensor<8x32xf32>, vector<8x32xf32>
// CHECK:                 scf.for {{.*}} iter_args({{.*}}) -> ({{.*}}vector<8x32xf32>)
// CHECK-COUNT-8:           vector.fma {{.*}} : vector<32xf32>
// CHECK-NOT:               vector.transfer_write
// CHECK:                 scf.yield
// CHECK:               vector.transfer_write {{.*}} : vector<8x32xf32>, tensor<8x32xf32>
func.func @matmul(%a: tensor<128x256xf32>, %b: tensor<256x512xf32>) -> tensor<128x512xf32> {
  %c = nn.matmul %a, %b : (tensor<128x256xf32>, tensor<256x512xf32>) -> tensor<128x512xf32>
  return %c : tensor<128x512xf32>
}

// -----

// gemm with trans_b and a constant B: B is transposed at compile time into
// a new constant, so that does not run per inference; N = 3 (< 8 lanes) is
// one 3-wide register tile, nothing padded.
// CHECK-LABEL: func.func @gemm_const_weight
// CHECK-NOT:   linalg.transpose
// CHECK-NOT:   tensor.pad
// CHECK:       arith.constant dense_resource<{{.*}}> : tensor<4x3xf32>
// CHECK:       vector.fma {{.*}} : vector<3xf32>
func.func @gemm_const_weight(%x: tensor<2x4xf32>) -> tensor<2x3xf32> {
  %w = nn.constant dense<[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [9.0, 10.0, 11.0, 12.0]]> : tensor<3x4xf32>
  %y = nn.gemm %x, %w {trans_b = true} : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// N = 196 (a 14x14 conv's columns) is no multiple of the 16-wide tile: it is
// split after 192 columns (32-wide tiles) instead of padded to 208 (a
// zero-filled copy of B and C per call); the 4-column tail is its own 4-wide register tile.
// CHECK-LABEL: func.func @split_n
// CHECK-NOT:   tensor.pad
// CHECK:       tensor.extract_slice %arg1[0, 0] [72, 192] [1, 1]
// CHECK:       vector.fma {{.*}} : vector<32xf32>
// CHECK:       tensor.extract_slice %arg1[0, 192] [72, 4] [1, 1]
// CHECK:       vector.fma {{.*}} : vector<4xf32>
// CHECK-NOT:   tensor.pad
func.func @split_n(%a: tensor<16x72xf32>, %b: tensor<72x196xf32>) -> tensor<16x196xf32> {
  %c = nn.matmul %a, %b : (tensor<16x72xf32>, tensor<72x196xf32>) -> tensor<16x196xf32>
  return %c : tensor<16x196xf32>
}

// -----

// Must not fire: an f64 matmul, and a matmul with dynamic extents.
// CHECK-LABEL: func.func @not_f32
// CHECK-NOT:   vector.
// CHECK:       linalg.matmul
func.func @not_f32(%a: tensor<8x8xf64>, %b: tensor<8x8xf64>) -> tensor<8x8xf64> {
  %c = nn.matmul %a, %b : (tensor<8x8xf64>, tensor<8x8xf64>) -> tensor<8x8xf64>
  return %c : tensor<8x8xf64>
}

// CHECK-LABEL: func.func @dynamic
// CHECK-NOT:   vector.
// CHECK:       linalg.matmul
func.func @dynamic(%a: tensor<?x8xf32>, %b: tensor<8x8xf32>) -> tensor<?x8xf32> {
  %c = nn.matmul %a, %b : (tensor<?x8xf32>, tensor<8x8xf32>) -> tensor<?x8xf32>
  return %c : tensor<?x8xf32>
}

// -----

// A 3x3 convolution becomes im2col (columns [C*9, OH*OW], copied 6-D with
// affine reads and collapsed) and a contraction with the filter [F, C*9],
// per image inside one scf.forall over the batch (the loop threads share),
// so an image's columns stay in cache; the micro-kernel computes each
// [F, OH*OW] slab.
// CHECK-LABEL: func.func @conv
// CHECK-NOT:   linalg.conv_2d_nchw_fchw
// CHECK:       scf.forall (%[[I:.*]]) in (2) shared_outs
// CHECK:         tensor.extract_slice %{{.*}}[%[[I]], 0, 0, 0] [1, 16, 10, 10] [1, 1, 1, 1]
// CHECK:         linalg.generic {{.*}} outs(%{{.*}} : tensor<1x16x3x3x8x8xf32>)
// CHECK-NOT:       linalg.index
// CHECK:         tensor.collapse_shape {{.*}} into tensor<1x144x64xf32>
// CHECK-NOT:     scf.forall
// CHECK:         vector.fma {{.*}} : vector<32xf32>
// CHECK:         tensor.parallel_insert_slice %{{.*}} into %{{.*}}[%[[I]], 0, 0] [1, 32, 64] [1, 1, 1]
// CHECK:       } {nn.image_loop}
func.func @conv(%x: tensor<2x16x8x8xf32>, %w: tensor<32x16x3x3xf32>) -> tensor<2x32x8x8xf32> {
  %y = nn.conv %x, %w {pads = array<i64: 1, 1, 1, 1>} : (tensor<2x16x8x8xf32>, tensor<32x16x3x3xf32>) -> tensor<2x32x8x8xf32>
  return %y : tensor<2x32x8x8xf32>
}

// -----

// A tile of a constant weight inside a loop (a fusion group's tile loop) is
// read as the same tile of the weight transposed at compile time: no
// linalg.transpose per call.
// CHECK-LABEL: func.func @const_weight_tile
// CHECK-NOT:   linalg.transpose
// CHECK:       %[[T:.*]] = arith.constant dense_resource<transposed> : tensor<8x32xf32>
// CHECK:       scf.forall
// CHECK:         tensor.extract_slice %[[T]][0, %{{.*}}] [8, 16] [1, 1] : tensor<8x32xf32> to tensor<8x16xf32>
// CHECK-NOT:     linalg.transpose
// CHECK:         vector.fma
func.func @const_weight_tile(%x: tensor<4x8xf32>) -> tensor<4x32xf32> {
  %w = arith.constant dense<[[-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, -3.0], [-2.0, -1.0, 0.0, 1.0, 2.0, 3.0, -3.0, -2.0], [-1.0, 0.0, 1.0, 2.0, 3.0, -3.0, -2.0, -1.0], [0.0, 1.0, 2.0, 3.0, -3.0, -2.0, -1.0, 0.0], [1.0, 2.0, 3.0, -3.0, -2.0, -1.0, 0.0, 1.0], [2.0, 3.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0], [3.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0], [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, -3.0], [-2.0, -1.0, 0.0, 1.0, 2.0, 3.0, -3.0, -2.0], [-1.0, 0.0, 1.0, 2.0, 3.0, -3.0, -2.0, -1.0], [0.0, 1.0, 2.0, 3.0, -3.0, -2.0, -1.0, 0.0], [1.0, 2.0, 3.0, -3.0, -2.0, -1.0, 0.0, 1.0], [2.0, 3.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0], [3.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0], [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, -3.0], [-2.0, -1.0, 0.0, 1.0, 2.0, 3.0, -3.0, -2.0], [-1.0, 0.0, 1.0, 2.0, 3.0, -3.0, -2.0, -1.0], [0.0, 1.0, 2.0, 3.0, -3.0, -2.0, -1.0, 0.0], [1.0, 2.0, 3.0, -3.0, -2.0, -1.0, 0.0, 1.0], [2.0, 3.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0], [3.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0], [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, -3.0], [-2.0, -1.0, 0.0, 1.0, 2.0, 3.0, -3.0, -2.0], [-1.0, 0.0, 1.0, 2.0, 3.0, -3.0, -2.0, -1.0], [0.0, 1.0, 2.0, 3.0, -3.0, -2.0, -1.0, 0.0], [1.0, 2.0, 3.0, -3.0, -2.0, -1.0, 0.0, 1.0], [2.0, 3.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0], [3.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0], [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, -3.0], [-2.0, -1.0, 0.0, 1.0, 2.0, 3.0, -3.0, -2.0], [-1.0, 0.0, 1.0, 2.0, 3.0, -3.0, -2.0, -1.0], [0.0, 1.0, 2.0, 3.0, -3.0, -2.0, -1.0, 0.0]]> : tensor<32x8xf32>
  %init = tensor.empty() : tensor<4x32xf32>
  %r = scf.forall (%i) = (0) to (32) step (16) shared_outs(%o = %init) -> (tensor<4x32xf32>) {
    %wt = tensor.extract_slice %w[%i, 0] [16, 8] [1, 1] : tensor<32x8xf32> to tensor<16x8xf32>
    %ot = tensor.extract_slice %o[0, %i] [4, 16] [1, 1] : tensor<4x32xf32> to tensor<4x16xf32>
    %y = linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>]
        ins(%x, %wt : tensor<4x8xf32>, tensor<16x8xf32>) outs(%ot : tensor<4x16xf32>) -> tensor<4x16xf32>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %y into %o[0, %i] [4, 16] [1, 1] : tensor<4x16xf32> into tensor<4x32xf32>
    }
  }
  return %r : tensor<4x32xf32>
}
