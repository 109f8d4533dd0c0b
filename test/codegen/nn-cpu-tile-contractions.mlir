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

// M = 32 (4 register tiles, one cache tile): B is read in place, not packed
// per (K, N) tile; a copy (and its heap buffer) costs more than the strided
// reads of so few M tiles.
// CHECK-LABEL: func.func @matmul_few_rows
// CHECK:       scf.forall
// CHECK-NOT:   linalg.copy
// CHECK:       vector.fma {{.*}} : vector<32xf32>
// CHECK-NOT:   linalg.copy
// CHECK:       return
func.func @matmul_few_rows(%a: tensor<32x256xf32>, %b: tensor<256x512xf32>) -> tensor<32x512xf32> {
  %c = nn.matmul %a, %b : (tensor<32x256xf32>, tensor<256x512xf32>) -> tensor<32x512xf32>
  return %c : tensor<32x512xf32>
}

// -----

// M = 64 and N = 192 each fit one cache tile, so no tile loop is left for
// threads: the product (2.4M multiply-adds) is halved along N instead of
// running on one thread. A small one (64 x 64 x 32) is not.
// CHECK-LABEL: func.func @split_for_threads
// CHECK:       scf.forall (%{{.*}}) = (0) to (192) step (96)
// CHECK:       vector.fma {{.*}} : vector<32xf32>
// CHECK-LABEL: func.func @too_small_to_split
// CHECK-NOT:   scf.forall
// CHECK:       return
func.func @split_for_threads(%a: tensor<64x384xf32>, %b: tensor<384x192xf32>) -> tensor<64x192xf32> {
  %c = nn.matmul %a, %b : (tensor<64x384xf32>, tensor<384x192xf32>) -> tensor<64x192xf32>
  return %c : tensor<64x192xf32>
}
func.func @too_small_to_split(%a: tensor<64x32xf32>, %b: tensor<32x64xf32>) -> tensor<64x64xf32> {
  %c = nn.matmul %a, %b : (tensor<64x32xf32>, tensor<32x64xf32>) -> tensor<64x64xf32>
  return %c : tensor<64x64xf32>
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

// A 1x1 convolution at unit stride needs no im2col copy: its columns are the
// input, collapsed to [C, H*W]. A strided 1x1 convolution still gathers.
// CHECK-LABEL: func.func @conv1x1
// CHECK-NOT:   tensor<1x16x1x1x8x8xf32>
// CHECK:       tensor.collapse_shape %{{.*}} {{\[}}[0], [1], [2, 3]] : tensor<1x16x8x8xf32> into tensor<1x16x64xf32>
// CHECK:       vector.fma
func.func @conv1x1(%x: tensor<1x16x8x8xf32>, %w: tensor<32x16x1x1xf32>) -> tensor<1x32x8x8xf32> {
  %y = nn.conv %x, %w : (tensor<1x16x8x8xf32>, tensor<32x16x1x1xf32>) -> tensor<1x32x8x8xf32>
  return %y : tensor<1x32x8x8xf32>
}
// At stride 2 the input's even and odd columns are split first (read in
// order), so that the gather reads each window column contiguously from
// phase kw mod 2 at ow + kw floordiv 2.
// CHECK-LABEL: func.func @conv1x1_strided
// CHECK:       %[[PH:.*]] = linalg.generic {{.*}} ins(%arg0 : tensor<1x16x8x8xf32>) outs(%{{.*}} : tensor<1x16x8x2x4xf32>)
// CHECK:       linalg.generic {{.*}} ins(%[[PH]] : tensor<1x16x8x2x4xf32>) outs(%{{.*}} : tensor<1x16x1x1x4x4xf32>)
func.func @conv1x1_strided(%x: tensor<1x16x8x8xf32>, %w: tensor<32x16x1x1xf32>) -> tensor<1x32x4x4xf32> {
  %y = nn.conv %x, %w {strides = array<i64: 2, 2>} : (tensor<1x16x8x8xf32>, tensor<32x16x1x1xf32>) -> tensor<1x32x4x4xf32>
  return %y : tensor<1x32x4x4xf32>
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

// -----

// A conv's elementwise consumer that reads the conv's result as its init (a
// conv group's residual add + relu, written in place by
// nn-lower-fusion-groups) runs inside the conv's image loop, on each image's
// output right after its contraction: no second loop over the output.
// CHECK-LABEL: func.func @conv_epilogue_images
// CHECK:       scf.forall (%[[I:.*]]) in (2) shared_outs
// CHECK:         vector.fma
// CHECK:         tensor.extract_slice %{{.*}}[%[[I]], 0, 0] [1, 32, 64] [1, 1, 1]
// CHECK:         arith.addf %{{.*}} : vector<1x1x64xf32>
// CHECK:         arith.maximumf %{{.*}} : vector<1x1x64xf32>
// CHECK:         tensor.parallel_insert_slice %{{.*}} into %{{.*}}[%[[I]], 0, 0] [1, 32, 64] [1, 1, 1]
// CHECK:       } {nn.image_loop}
// CHECK-NOT:   linalg.generic
// CHECK:       return
func.func @conv_epilogue_images(%x: tensor<2x16x10x10xf32>, %w: tensor<32x16x3x3xf32>, %r: tensor<2x32x8x8xf32>) -> tensor<2x32x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x32x8x8xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<2x32x8x8xf32>) -> tensor<2x32x8x8xf32>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<2x16x10x10xf32>, tensor<32x16x3x3xf32>) outs(%init : tensor<2x32x8x8xf32>) -> tensor<2x32x8x8xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%r : tensor<2x32x8x8xf32>) outs(%c : tensor<2x32x8x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %out, %in : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<2x32x8x8xf32>
  return %y : tensor<2x32x8x8xf32>
}

// -----

// One image with 32x32 outputs: the threads share tiles of 256 output
// pixels, and each finishes its tile with the epilogue.
// CHECK-LABEL: func.func @conv_epilogue_thread_tiles
// CHECK:       scf.forall (%[[P:.*]]) = (0) to (1024) step (256) shared_outs
// CHECK:         vector.fma
// CHECK:         math.tanh %{{.*}} : vector<1x1x256xf32>
// CHECK:         tensor.parallel_insert_slice %{{.*}} into %{{.*}}[0, 0, %[[P]]] [1, 16, 256] [1, 1, 1]
// CHECK-NOT:   linalg.generic
// CHECK:       return
func.func @conv_epilogue_thread_tiles(%x: tensor<1x32x34x34xf32>, %w: tensor<16x32x3x3xf32>) -> tensor<1x16x32x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x16x32x32xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<1x16x32x32xf32>) -> tensor<1x16x32x32xf32>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x32x34x34xf32>, tensor<16x32x3x3xf32>) outs(%init : tensor<1x16x32x32xf32>) -> tensor<1x16x32x32xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      outs(%c : tensor<1x16x32x32xf32>) {
  ^bb0(%out: f32):
    %t = math.tanh %out : f32
    linalg.yield %t : f32
  } -> tensor<1x16x32x32xf32>
  return %y : tensor<1x16x32x32xf32>
}

// -----

// Must not fire: the residual is computed after the conv's loop (the
// epilogue stays a loop of its own after it), and a consumer that reads the
// conv's result as an input into a fresh tensor is not an in-place epilogue.
// CHECK-LABEL: func.func @conv_epilogue_not_fused
// CHECK:       } {nn.image_loop}
// CHECK:       linalg.generic
// CHECK:       arith.addf
// CHECK:       } {nn.image_loop}
// CHECK:       linalg.generic
// CHECK:       arith.mulf
func.func @conv_epilogue_not_fused(%x: tensor<2x16x10x10xf32>, %w: tensor<32x16x3x3xf32>, %r: tensor<2x32x8x8xf32>) -> (tensor<2x32x8x8xf32>, tensor<2x32x8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x32x8x8xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<2x32x8x8xf32>) -> tensor<2x32x8x8xf32>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<2x16x10x10xf32>, tensor<32x16x3x3xf32>) outs(%init : tensor<2x32x8x8xf32>) -> tensor<2x32x8x8xf32>
  %late = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                          iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%r : tensor<2x32x8x8xf32>) outs(%e : tensor<2x32x8x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<2x32x8x8xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%late : tensor<2x32x8x8xf32>) outs(%c : tensor<2x32x8x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %out, %in : f32
    linalg.yield %s : f32
  } -> tensor<2x32x8x8xf32>
  %c2 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<2x16x10x10xf32>, tensor<32x16x3x3xf32>) outs(%init : tensor<2x32x8x8xf32>) -> tensor<2x32x8x8xf32>
  %z = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c2 : tensor<2x32x8x8xf32>) outs(%e : tensor<2x32x8x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.mulf %in, %in : f32
    linalg.yield %s : f32
  } -> tensor<2x32x8x8xf32>
  return %y, %z : tensor<2x32x8x8xf32>, tensor<2x32x8x8xf32>
}

// -----

// 14x14 outputs: the contraction's 196 columns are split after its last
// whole register tile (192 + 4), each part in its own thread loop over
// filters; the epilogue is applied to each part inside that part's loop.
// CHECK-LABEL: func.func @conv_epilogue_split
// CHECK:       scf.forall (%[[F:.*]]) = (0) to (128) step (64) shared_outs(%{{.*}}) -> (tensor<1x128x192xf32>)
// CHECK:         vector.fma
// CHECK:         arith.maximumf %{{.*}} : vector<1x1x192xf32>
// CHECK:         tensor.parallel_insert_slice %{{.*}}[0, %[[F]], 0] [1, 64, 192] [1, 1, 1]
// CHECK:       scf.forall (%[[G:.*]]) = (0) to (128) step (64) shared_outs(%{{.*}}) -> (tensor<1x128x4xf32>)
// CHECK:         vector.fma
// CHECK:         arith.maximumf
// CHECK:         tensor.parallel_insert_slice %{{.*}}[0, %[[G]], 0] [1, 64, 4] [1, 1, 1]
// CHECK-NOT:   linalg.generic
// CHECK:       return
func.func @conv_epilogue_split(%x: tensor<1x32x16x16xf32>, %w: tensor<128x32x3x3xf32>) -> tensor<1x128x14x14xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x128x14x14xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<1x128x14x14xf32>) -> tensor<1x128x14x14xf32>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x32x16x16xf32>, tensor<128x32x3x3xf32>) outs(%init : tensor<1x128x14x14xf32>) -> tensor<1x128x14x14xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      outs(%c : tensor<1x128x14x14xf32>) {
  ^bb0(%out: f32):
    %m = arith.maximumf %out, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x128x14x14xf32>
  return %y : tensor<1x128x14x14xf32>
}

// -----

// Constant filters (A, 64 x 8) times a narrow N (49 = 7x7 output pixels):
// computed transposed, the filters packed at compile time into two 8 x 32
// panels that are the micro-kernel's B (32 lanes), the 49 pixels its rows
// (7 x 7 register tiles, no padding to 64); the threads share the panels.
// CHECK-LABEL: func.func @narrow_constant_a
// CHECK-NOT:   tensor.pad
// CHECK:       %[[P:.*]] = arith.constant dense_resource<panels> : tensor<2x8x32xf32>
// CHECK:       linalg.transpose ins(%{{.*}} : tensor<64x49xf32>) outs(%{{.*}} : tensor<49x64xf32>) permutation = [1, 0]
// CHECK:       tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2]] output_shape [49, 2, 32]
// CHECK:       scf.forall (%[[T:.*]]) in (2) shared_outs
// CHECK:         tensor.extract_slice %[[P]][%[[T]], 0, 0] [1, 8, 32]
// CHECK:         vector.fma {{.*}} : vector<32xf32>
// CHECK:       tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2]] : tensor<49x2x32xf32> into tensor<49x64xf32>
// CHECK:       linalg.transpose ins(%{{.*}} : tensor<49x64xf32>) outs(%{{.*}} : tensor<64x49xf32>) permutation = [1, 0]
func.func @narrow_constant_a(%b: tensor<8x49xf32>, %c: tensor<64x49xf32>) -> tensor<64x49xf32> {
  %a = arith.constant dense_resource<filters> : tensor<64x8xf32>
  %y = linalg.matmul ins(%a, %b : tensor<64x8xf32>, tensor<8x49xf32>) outs(%c : tensor<64x49xf32>) -> tensor<64x49xf32>
  return %y : tensor<64x49xf32>
}

// A bias broadcast as C's init (a conv's bias): the transposed product's
// init is the same broadcast of the transposed shape, so fold-init starts
// each register tile from the bias in registers (32 lanes across the split
// M) and no pass over C writes it first.
// CHECK-LABEL: func.func @narrow_bias_init
// CHECK-SAME:    (%{{.*}}: tensor<8x49xf32>, %[[BIAS:.*]]: tensor<64xf32>)
// CHECK-NOT:   linalg.generic
// CHECK-NOT:   linalg.transpose ins(%{{.*}} : tensor<64x49xf32>)
// CHECK:       tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2]] output_shape [49, 2, 32]
// CHECK:       vector.transfer_read %[[BIAS]][%{{.*}}], %{{.*}} : tensor<64xf32>, vector<7x1x32xf32>
// CHECK:       vector.fma {{.*}} : vector<32xf32>
// CHECK:       linalg.transpose ins(%{{.*}} : tensor<49x64xf32>) outs(%{{.*}} : tensor<64x49xf32>) permutation = [1, 0]
func.func @narrow_bias_init(%b: tensor<8x49xf32>, %bias: tensor<64xf32>) -> tensor<64x49xf32> {
  %a = arith.constant dense_resource<filters> : tensor<64x8xf32>
  %e = tensor.empty() : tensor<64x49xf32>
  %c = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%bias : tensor<64xf32>) outs(%e : tensor<64x49xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<64x49xf32>
  %y = linalg.matmul ins(%a, %b : tensor<64x8xf32>, tensor<8x49xf32>) outs(%c : tensor<64x49xf32>) -> tensor<64x49xf32>
  return %y : tensor<64x49xf32>
}

// N = 68: a 64-column head and a 4-column tail (MobileNetV2's 14x14 = 196 =
// 192 + 4). The tail's filters are a whole-tensor slice of the constant
// (linalg::splitOp slices every operand), still known at compile time: the
// tail runs transposed on packed panels with 32-lane vectors, not as 4-lane
// ones, and starts from the bias too (its init is the region of the bias
// broadcast the head did not write).
// CHECK-LABEL: func.func @split_tail_transposed
// CHECK-SAME:    (%{{.*}}: tensor<8x68xf32>, %[[BIAS:.*]]: tensor<64xf32>)
// CHECK:       arith.constant dense_resource<panels{{.*}}> : tensor<2x8x32xf32>
// CHECK-NOT:   linalg.generic
// CHECK:       vector.transfer_read %[[BIAS]][%{{.*}}], %{{.*}} : tensor<64xf32>, vector<8x32xf32>
// CHECK:       tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2]] output_shape [4, 2, 32]
// CHECK:       vector.transfer_read %[[BIAS]][%{{.*}}], %{{.*}} : tensor<64xf32>, vector<4x1x32xf32>
// CHECK-NOT:   vector<4xf32>
// CHECK:       return
func.func @split_tail_transposed(%b: tensor<8x68xf32>, %bias: tensor<64xf32>) -> tensor<64x68xf32> {
  %a = arith.constant dense_resource<filters> : tensor<64x8xf32>
  %e = tensor.empty() : tensor<64x68xf32>
  %c = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%bias : tensor<64xf32>) outs(%e : tensor<64x68xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<64x68xf32>
  %y = linalg.matmul ins(%a, %b : tensor<64x8xf32>, tensor<8x68xf32>) outs(%c : tensor<64x68xf32>) -> tensor<64x68xf32>
  return %y : tensor<64x68xf32>
}

// Must not fire (same split chunk, for the resources below): N = 48 is a multiple of 8 (it tiles as is), and a
// non-constant A (nothing to pack at compile time).
// CHECK-LABEL: func.func @narrow_not_transposed
// CHECK-NOT:   dense_resource<panels>
// CHECK-NOT:   linalg.transpose
// CHECK:       return
func.func @narrow_not_transposed(%b: tensor<8x48xf32>, %c: tensor<64x48xf32>, %a2: tensor<64x8xf32>, %b2: tensor<8x49xf32>, %c2: tensor<64x49xf32>) -> (tensor<64x48xf32>, tensor<64x49xf32>) {
  %a = arith.constant dense_resource<filters2> : tensor<64x8xf32>
  %y = linalg.matmul ins(%a, %b : tensor<64x8xf32>, tensor<8x48xf32>) outs(%c : tensor<64x48xf32>) -> tensor<64x48xf32>
  %z = linalg.matmul ins(%a2, %b2 : tensor<64x8xf32>, tensor<8x49xf32>) outs(%c2 : tensor<64x49xf32>) -> tensor<64x49xf32>
  return %y, %z : tensor<64x48xf32>, tensor<64x49xf32>
}

{-#
  dialect_resources: {
    builtin: {
      filters: "0x04000000000080400000803F00000040000080400000803F0000004000004040000000C0000080C0000000C0000000C00000404000008040000080C00000000000004040000040C000004040000040C00000000000004040000000C0000080BF000000C000000040000000C0000080400000000000000000000000000000803F0000000000000000000080400000404000004040000000400000803F000080BF0000804000000000000040C000004040000040C0000040400000803F000040C0000080C000000000000080C0000040C00000000000008040000000000000404000008040000040400000803F000080BF00000000000000C000000000000080BF000000C000008040000080C0000080C0000040C0000080400000004000004040000040C000000040000080BF00000000000080C00000803F000040400000803F000040C000000000000000C00000804000004040000040C0000000000000804000004040000000400000803F000080C00000004000000000000080C0000000C00000000000000040000000000000803F0000404000000040000080BF0000803F0000803F000080C0000080C00000803F000080BF0000803F000000C0000000C0000040C0000080BF00004040000080BF000080BF0000803F00008040000080BF0000803F000080BF0000803F000000000000803F000000000000004000008040000040C00000803F000080BF000080BF000000C0000080C0000080BF00004040000080C0000080BF0000804000008040000040C0000080C000000040000080C0000000C00000000000004040000080C00000803F00000000000040C0000040400000404000000000000080400000803F00008040000080400000803F000000C0000040C00000803F000040C00000004000008040000000C000000000000080C0000040C0000080BF00004040000080400000803F0000803F0000803F000080C0000080BF00008040000080BF000040C0000000C000000040000080C000008040000040400000803F00000000000000400000000000000000000000C00000000000000040000080C0000080C000000040000080BF00004040000080C000008040000040C0000080BF00008040000080C00000803F00000040000080BF000080C000000000000080BF0000404000000040000080BF000080C00000803F000000C00000004000004040000080BF00008040000000000000000000000040000040400000804000008040000040C0000080BF00008040000000C0000080C00000803F0000004000000040000040400000803F000040C000004040000080BF000040400000404000008040000080C0000040400000803F00000000000040400000804000000000000080C000000040000000C0000000C0000040C0000040C000008040000080BF000080C0000040C0000080BF000080BF000000C000008040000040400000803F00008040000080BF000040C0000000C0000080C000008040000040C000000000000040C000008040000040C0000000000000804000000000000080400000804000000040000000400000803F0000803F00004040000080BF0000804000004040000080BF000080BF0000004000008040000080C0000080C0000000C0000080BF000040C000000000000000000000804000000040000000C000004040000040400000004000000040000000C000000040000040C00000803F0000804000008040000000C0000000C00000803F000080BF00000040000040C0000040C0000080C000000000000040C0000000C00000804000004040000040400000803F000040C0000000400000803F0000804000000000000040C00000803F000000000000803F000080BF000000C0000040C0000080400000004000000000000000C00000803F000080BF0000803F000080C0000040C000000040000080C000000040000080BF000080C0000000400000004000004040000080400000004000004040000040C000008040000080400000004000004040000000400000404000008040000000000000404000008040000000C0000080C0000040C0000080C0000080BF000080C0000000C0000000C000000040000000C000008040000040C0000080400000803F000000C0000080C0000000C00000803F000080C0000040C0000040C000000040000080C0000080C000000000000000C00000803F0000804000004040000000000000803F00004040000080BF0000803F000040C00000803F000000C0000040C0000000400000803F000080BF000080C0000000C00000404000000000000080400000804000004040000080C0000080C00000803F000080BF00004040000000C0000040C0000040C0000000C00000803F000040C000004040000000C0000000C00000803F00004040000080BF00004040000000C0000040C00000404000000040000000400000404000000000000040C00000803F0000803F000080BF0000803F000000C00000803F00004040000080C0000000000000803F000080C00000803F00008040000040400000004000004040000080BF000000C0000080C000000040000000C0000040400000000000008040000040C0000040C0000080BF000080C0000000000000803F0000803F000040C0000040C00000803F0000803F0000804000008040000080BF000040C0000000C00000404000000000000080400000803F0000803F000080C00000803F000080BF00004040000040C0000040C00000803F000000400000404000000000000080BF000000C0000080BF0000803F00000000000000C0000040C000000040000000C0000040C0000000C00000404000000000",
      filters2: "0x04000000000080400000803F00000040000080400000803F0000004000004040000000C0000080C0000000C0000000C00000404000008040000080C00000000000004040000040C000004040000040C00000000000004040000000C0000080BF000000C000000040000000C0000080400000000000000000000000000000803F0000000000000000000080400000404000004040000000400000803F000080BF0000804000000000000040C000004040000040C0000040400000803F000040C0000080C000000000000080C0000040C00000000000008040000000000000404000008040000040400000803F000080BF00000000000000C000000000000080BF000000C000008040000080C0000080C0000040C0000080400000004000004040000040C000000040000080BF00000000000080C00000803F000040400000803F000040C000000000000000C00000804000004040000040C0000000000000804000004040000000400000803F000080C00000004000000000000080C0000000C00000000000000040000000000000803F0000404000000040000080BF0000803F0000803F000080C0000080C00000803F000080BF0000803F000000C0000000C0000040C0000080BF00004040000080BF000080BF0000803F00008040000080BF0000803F000080BF0000803F000000000000803F000000000000004000008040000040C00000803F000080BF000080BF000000C0000080C0000080BF00004040000080C0000080BF0000804000008040000040C0000080C000000040000080C0000000C00000000000004040000080C00000803F00000000000040C0000040400000404000000000000080400000803F00008040000080400000803F000000C0000040C00000803F000040C00000004000008040000000C000000000000080C0000040C0000080BF00004040000080400000803F0000803F0000803F000080C0000080BF00008040000080BF000040C0000000C000000040000080C000008040000040400000803F00000000000000400000000000000000000000C00000000000000040000080C0000080C000000040000080BF00004040000080C000008040000040C0000080BF00008040000080C00000803F00000040000080BF000080C000000000000080BF0000404000000040000080BF000080C00000803F000000C00000004000004040000080BF00008040000000000000000000000040000040400000804000008040000040C0000080BF00008040000000C0000080C00000803F0000004000000040000040400000803F000040C000004040000080BF000040400000404000008040000080C0000040400000803F00000000000040400000804000000000000080C000000040000000C0000000C0000040C0000040C000008040000080BF000080C0000040C0000080BF000080BF000000C000008040000040400000803F00008040000080BF000040C0000000C0000080C000008040000040C000000000000040C000008040000040C0000000000000804000000000000080400000804000000040000000400000803F0000803F00004040000080BF0000804000004040000080BF000080BF0000004000008040000080C0000080C0000000C0000080BF000040C000000000000000000000804000000040000000C000004040000040400000004000000040000000C000000040000040C00000803F0000804000008040000000C0000000C00000803F000080BF00000040000040C0000040C0000080C000000000000040C0000000C00000804000004040000040400000803F000040C0000000400000803F0000804000000000000040C00000803F000000000000803F000080BF000000C0000040C0000080400000004000000000000000C00000803F000080BF0000803F000080C0000040C000000040000080C000000040000080BF000080C0000000400000004000004040000080400000004000004040000040C000008040000080400000004000004040000000400000404000008040000000000000404000008040000000C0000080C0000040C0000080C0000080BF000080C0000000C0000000C000000040000000C000008040000040C0000080400000803F000000C0000080C0000000C00000803F000080C0000040C0000040C000000040000080C0000080C000000000000000C00000803F0000804000004040000000000000803F00004040000080BF0000803F000040C00000803F000000C0000040C0000000400000803F000080BF000080C0000000C00000404000000000000080400000804000004040000080C0000080C00000803F000080BF00004040000000C0000040C0000040C0000000C00000803F000040C000004040000000C0000000C00000803F00004040000080BF00004040000000C0000040C00000404000000040000000400000404000000000000040C00000803F0000803F000080BF0000803F000000C00000803F00004040000080C0000000000000803F000080C00000803F00008040000040400000004000004040000080BF000000C0000080C000000040000000C0000040400000000000008040000040C0000040C0000080BF000080C0000000000000803F0000803F000040C0000040C00000803F0000803F0000804000008040000080BF000040C0000000C00000404000000000000080400000803F0000803F000080C00000803F000080BF00004040000040C0000040C00000803F000000400000404000000000000080BF000000C0000080BF0000803F00000000000000C0000040C000000040000000C0000040C0000000C00000404000000000"
    }
  }
#-}

// -----

// Batched constant filters (Winograd's per-tap transformed filters, A
// [taps, F, C]) times 49 tile columns (a 28x28 output in 4x4 tiles): each
// tap's filters packed into 32-lane panels at compile time, the product
// computed transposed with the 49 tiles as rows (ResNet-18's layer 2 ran
// its 49 = 48 + 1 columns as 8x16 tiles and a one-column tail re-reading
// the filters).
// CHECK-LABEL: func.func @narrow_batched_a
// CHECK:       %[[P:.*]] = arith.constant dense_resource<panels> : tensor<2x2x8x32xf32>
// CHECK:       linalg.transpose ins(%{{.*}} : tensor<2x64x49xf32>) outs(%{{.*}} : tensor<2x49x64xf32>) permutation = [0, 2, 1]
// CHECK:       scf.forall (%[[B:.*]]) in (2)
// CHECK:         tensor.extract_slice %[[P]][%[[B]], 0, 0, 0] [1, 2, 8, 32]
// CHECK:       vector.fma {{.*}} : vector<32xf32>
// CHECK:       linalg.transpose ins(%{{.*}} : tensor<2x49x64xf32>) outs(%{{.*}} : tensor<2x64x49xf32>) permutation = [0, 2, 1]
func.func @narrow_batched_a(%b: tensor<2x8x49xf32>, %c: tensor<2x64x49xf32>) -> tensor<2x64x49xf32> {
  %a = arith.constant dense_resource<taps> : tensor<2x64x8xf32>
  %y = linalg.batch_matmul ins(%a, %b : tensor<2x64x8xf32>, tensor<2x8x49xf32>) outs(%c : tensor<2x64x49xf32>) -> tensor<2x64x49xf32>
  return %y : tensor<2x64x49xf32>
}

{-#
  dialect_resources: {
    builtin: {
      taps: "0x04000000000080BF0000803F000000C000000000000000C00000003F0000003F0000003F000000400000003F000080BF000000C00000003F000000C00000003F0000003F0000803F000000C0000000400000003F0000000000000040000080BF0000803F000000C000000000000000C0000000C0000000C0000000400000803F000000C00000003F00000040000080BF0000003F00000040000000C00000803F000080BF0000003F0000003F0000803F000080BF00000000000080BF00000040000080BF0000003F00000000000000C00000003F0000803F00000040000000C0000080BF000000400000004000000000000000C0000000400000000000000040000000400000803F0000003F0000803F00000040000080BF00000000000000000000803F0000003F0000803F0000003F0000803F000000C00000003F000080BF000000400000003F0000003F00000040000080BF000000000000803F00000040000000400000004000000000000000C00000003F000000400000803F000000C0000080BF0000803F0000003F000000000000003F00000040000000C00000003F000000C000000000000000400000803F0000803F0000803F0000003F00000040000080BF000080BF0000803F000080BF000000C0000080BF0000803F0000803F000080BF0000003F0000803F000000000000803F000000000000003F00000000000000400000803F0000803F00000040000000C00000003F000000400000803F000080BF0000803F0000803F000080BF0000003F000000C00000003F000000000000803F0000803F000080BF0000803F0000003F0000003F000000000000003F00000000000000C00000803F0000803F0000803F0000803F000000000000003F0000803F000000C0000080BF00000040000080BF0000803F0000803F000080BF000000C00000803F00000000000000C000000040000000C0000000C0000000C00000003F000000C000000000000080BF00000000000000C00000803F000080BF0000000000000000000000C0000080BF000080BF000000000000803F000080BF00000040000000000000004000000040000000000000003F00000040000000000000003F0000003F000000C0000000C0000000000000003F000000000000003F000080BF00000000000000C000000000000000400000803F000080BF0000803F0000003F000000C0000080BF000000C00000003F000080BF000000C000000040000080BF0000003F000000400000803F000000400000003F0000803F000080BF00000040000000400000803F0000003F000080BF0000803F00000040000000C00000003F000000400000803F0000000000000040000000400000003F000000C00000004000000000000080BF000080BF000000C000000000000000C0000000C0000000000000000000000040000080BF0000003F0000803F00000000000080BF000000C00000803F000000C00000803F000080BF0000803F0000003F000080BF000000400000803F0000803F000000C00000003F000080BF00000000000000C0000080BF0000803F000000400000003F0000803F000080BF0000003F000000C0000000400000003F000000000000803F0000003F000000C0000000000000803F0000003F00000000000000C0000080BF000080BF000000000000803F000080BF000000000000003F000080BF0000000000000040000000C00000003F0000803F00000000000000400000803F0000003F0000803F000080BF000000C000000040000000C0000000C0000080BF000080BF000080BF0000803F000080BF00000000000000000000803F0000803F00000000000000000000000000000000000000C000000000000080BF0000803F000000400000003F000080BF0000803F0000803F000000C000000000000000C00000003F000000C00000003F000080BF000080BF00000000000000C00000803F0000803F0000003F000000C00000803F0000803F000080BF0000803F000000C00000000000000000000000000000803F0000803F000000C00000003F00000000000000C0000000C000000000000000C00000803F00000040000000C0000000C00000003F000000C0000000C0000080BF000080BF0000803F0000003F000080BF000000C00000003F000080BF00000040000080BF000080BF00000040000000C00000003F0000003F0000803F000000000000803F00000000000000400000003F00000000000000C0000080BF0000004000000000000000C0000000C0000000C000000000000000400000803F000000000000003F0000003F000000000000003F000000C0000000C0000000000000803F0000003F000000C000000000000080BF0000803F0000803F000000400000003F000000400000000000000000000080BF0000803F000080BF00000000000080BF000080BF00000000000000C000000000000000C00000003F000000C0000000400000803F0000004000000000000080BF0000003F00000000000000C000000000000080BF000000000000803F00000000000080BF00000000000000C00000803F0000803F0000803F0000803F000000C0000080BF000080BF000000C0000080BF0000003F000000C0000000000000803F000000C000000040000000C0000000C000000040000000C000000000000000000000003F0000003F000080BF000000C00000803F00000000000000C00000803F00000040000080BF000080BF000080BF000080BF0000000000000000000000C0000000400000803F0000803F00000000000080BF000080BF000080BF0000803F00000040000000C0000000000000803F000000400000803F0000004000000040000080BF000080BF000000000000003F0000803F000080BF000000C00000004000000040000080BF00000000000000C0000000400000003F0000003F0000803F000000000000803F0000003F0000803F0000003F000000C00000003F00000000000080BF000000000000003F000000C0000000400000003F0000803F000000C0000000C000000040000000000000803F000080BF0000803F000080BF000080BF00000000000000000000003F0000803F0000003F000080BF0000803F000000C0000080BF0000003F000000C0000080BF0000803F000000000000803F000000400000003F000000400000004000000040000080BF000080BF000000000000003F000000400000003F000080BF000000400000003F000000000000803F0000803F00000040000000400000000000000040000080BF000000C0000000C00000803F0000004000000000000080BF0000803F000080BF000000000000000000000040000000000000803F00000000000080BF0000004000000040000000400000003F0000803F000000C0000000C00000803F0000803F0000803F0000003F000080BF000080BF000000000000003F000080BF0000803F00000040000000C00000003F000000400000003F0000004000000040000000000000003F0000803F000080BF0000803F00000040000000C00000803F000000C00000000000000040000000C00000000000000040000000C0000080BF0000803F000000400000004000000040000000C00000003F000080BF0000003F0000003F0000003F000080BF000000000000003F000080BF0000803F0000003F000080BF000000C00000003F0000803F0000803F0000003F000000C0000000400000000000000000000080BF0000003F000000400000803F000000C0000080BF0000803F0000003F0000803F000000C0000000C0000000400000803F000080BF00000000000080BF000080BF00000000000080BF0000803F000080BF00000000000000000000803F00000000000000400000003F000080BF0000803F000000000000003F0000003F000000C0000080BF0000803F0000003F000080BF00000000000000C0000000C0000000C00000803F00000040000000C00000803F00000000000000400000004000000040000080BF000000C00000803F000000000000803F000000000000003F0000803F00000040000000000000803F00000000000000C0000000C00000003F000000400000003F00000000000000000000803F0000003F0000000000000040000000400000803F0000003F000000C0000000400000003F0000003F000080BF0000803F000000C000000000000000400000803F0000004000000040000000400000803F000080BF0000003F0000803F0000803F0000003F00000040000000400000000000000040000080BF0000003F0000803F000000400000803F000080BF000000000000803F000000C0000000400000003F0000803F0000003F0000003F000000000000803F0000803F000000400000004000000040000000C00000003F00000040000080BF00000040000000400000000000000040000000C00000003F0000004000000040000080BF000000400000003F00000000000080BF000000C00000803F000000C00000000000000000000000400000003F000000400000803F00000000000080BF0000003F000000000000003F000080BF0000003F0000803F000000C0000000000000803F000000C0000000400000803F0000003F000000C000000000000000C0000000400000003F000000C0000080BF0000803F00000040000080BF00000040000000C00000003F0000004000000040000000000000803F00000000000080BF0000803F000080BF000080BF0000000000000000000000C0000000C0000000400000803F00000040000000000000003F0000803F0000803F00000040000000C0000080BF000000000000004000000040000000400000803F00000000000000000000803F00000040000080BF0000003F0000803F0000003F000080BF0000003F000000000000803F0000000000000040000080BF000000000000803F00000040000080BF00000040000000C00000803F0000003F000000000000003F000080BF00000000000080BF000000C00000004000000040000080BF0000803F0000003F0000803F00000040000080BF0000803F000000000000003F0000803F000080BF000080BF000080BF000000400000003F00000000000000000000003F000080BF000000C000000040000080BF000000400000004000000000000000C0000000C0000080BF0000003F000000000000003F000000C0000080BF000000C0000000C00000803F000000C0000080BF00000040000000C00000003F000000400000803F000000400000803F0000003F000000000000004000000000000000C00000803F00000040000080BF000000C0000080BF0000003F000080BF0000003F0000003F0000003F000080BF000080BF000080BF000000000000003F0000803F0000803F0000003F000080BF0000003F0000004000000000000000000000003F0000803F000000C0000080BF000000C0000000C0000000C0000000C00000003F000000000000003F0000803F00000000000080BF0000003F000080BF00000040000080BF000000C0000000C00000003F000080BF000000400000803F000000C00000803F0000003F00000000000080BF000000C00000003F0000004000000000000000C0000000C00000803F000000C00000803F000080BF000000C000000000000000C00000003F000000C0000080BF000000C00000003F00000040"
    }
  }
#-}

// -----

// A GEMV over constant weights with N = 500 (a classifier's outputs): padded
// to 512 columns (the weights at compile time, C per call) and run as 2
// thread tiles of 256, instead of 384 + a 116-column tail on one thread.
// CHECK-LABEL: func.func @gemv_padded
// CHECK:       arith.constant dense_resource<{{.*}}> : tensor<2x512xf32>
// CHECK-NOT:   tensor<1x116xf32>
// CHECK:       scf.forall (%{{.*}}) = (0) to (512) step (256) shared_outs(%{{.*}} = %{{.*}}) -> (tensor<1x512xf32>)
// CHECK:         vector.fma
// CHECK:       tensor.extract_slice %{{.*}}[0, 0] [1, 500] [1, 1] : tensor<1x512xf32> to tensor<1x500xf32>
func.func @gemv_padded(%x: tensor<1x2xf32>, %c: tensor<1x500xf32>) -> tensor<1x500xf32> {
  %w = arith.constant dense_resource<classifier> : tensor<2x500xf32>
  %y = linalg.matmul ins(%x, %w : tensor<1x2xf32>, tensor<2x500xf32>) outs(%c : tensor<1x500xf32>) -> tensor<1x500xf32>
  return %y : tensor<1x500xf32>
}

{-#
  dialect_resources: {
    builtin: {
      classifier: "0x040000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F000000000000C0BF0000803E0000A0BF0000003F000080BF0000403F000040BF0000803F000000BF0000A03F000080BE0000C03F"
    }
  }
#-}

// -----

// Thread tiles over M = 576 rows: 12 of 48 (an even count, 6 per thread on 2
// threads), not 9 of 64 (5 against 4).
// CHECK-LABEL: func.func @even_thread_tiles
// CHECK:       scf.forall (%{{.*}}) = (0) to (576) step (48)
func.func @even_thread_tiles(%a: tensor<576x8xf32>, %b: tensor<8x32xf32>, %c: tensor<576x32xf32>) -> tensor<576x32xf32> {
  %y = linalg.matmul ins(%a, %b : tensor<576x8xf32>, tensor<8x32xf32>) outs(%c : tensor<576x32xf32>) -> tensor<576x32xf32>
  return %y : tensor<576x32xf32>
}
