// RUN: %nn-opt %s -split-input-file -convert-nn-to-linalg -nn-cpu-tile-contractions | FileCheck %s
// RUN: %nn-opt %s -split-input-file -convert-nn-to-linalg -nn-cpu-tile-contractions=fold-init=false | FileCheck %s --check-prefix=OFF

// fold-init: a 1x1 conv with a bias over 28x28 = 784 columns, split after
// the last whole 32-column tile (768 + 16). Each C register tile of both
// parts starts from the bias rows it covers, read from the bias vector and
// broadcast along the columns, instead of from an output a separate pass
// filled with the broadcast; that pass is gone (no linalg.generic left).
// Thread tiles are 192 and 48 wide, not 256 and 64: 4 of each, which two
// threads share evenly (3 left one idle a third of the time).
// CHECK-LABEL: func.func @conv_bias_split
// CHECK-NOT:   linalg.generic
// CHECK:       scf.forall (%{{.*}}) = (0) to (768) step (192)
// CHECK:         vector.transfer_read %arg2[%{{.*}}], %{{.*}} {in_bounds = [true, true, true], permutation_map = #[[BCAST:.*]]} : tensor<192xf32>, vector<1x8x32xf32>
// CHECK:       scf.forall (%{{.*}}) = (0) to (192) step (48)
// CHECK:         vector.transfer_read %arg2[%{{.*}}], %{{.*}} {in_bounds = [true, true, true], permutation_map = #[[BCAST]]} : tensor<192xf32>, vector<1x8x16xf32>
// CHECK-NOT:   linalg.generic
// OFF-LABEL:   func.func @conv_bias_split
// OFF:         linalg.generic
// OFF-NOT:     tensor<192xf32>, vector
func.func @conv_bias_split(%x: tensor<1x32x28x28xf32>, %w: tensor<192x32x1x1xf32>, %b: tensor<192xf32>) -> tensor<1x192x28x28xf32> {
  %y = nn.conv %x, %w, %b : (tensor<1x32x28x28xf32>, tensor<192x32x1x1xf32>, tensor<192xf32>) -> tensor<1x192x28x28xf32>
  return %y : tensor<1x192x28x28xf32>
}

// -----

// A zero fill as init: each tile starts from a broadcast zero, the fill
// dies.
// CHECK-LABEL: func.func @zeros
// CHECK-NOT:   linalg.fill
// CHECK:       %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:       vector.broadcast %[[Z]] : f32 to vector<8x32xf32>
// CHECK-NEXT:  scf.for
func.func @zeros(%a: tensor<64x96xf32>, %b: tensor<96x256xf32>) -> tensor<64x256xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x256xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<64x256xf32>) -> tensor<64x256xf32>
  %c = linalg.matmul ins(%a, %b : tensor<64x96xf32>, tensor<96x256xf32>) outs(%init : tensor<64x256xf32>) -> tensor<64x256xf32>
  return %c : tensor<64x256xf32>
}

// -----

// K = 512 is tiled by 128 and every K tile re-reads the partial sums of C
// (the tile's slice does not move with the K loop): the first K tile takes
// the bias rows, the later ones the sums, by a branch on the K index. The
// broadcast pass is gone.
// CHECK-LABEL: func.func @k_tiled
// CHECK-NOT:   linalg.generic
// CHECK:       scf.for %[[K:.*]] = %c0 to %c512 step %c128
// CHECK:         %[[FIRST:.*]] = arith.cmpi eq, %[[K]], %c0
// CHECK:         scf.if %[[FIRST]] -> (vector<8x32xf32>)
// CHECK:           vector.transfer_read %arg2[%{{.*}}], %{{.*}} : tensor<64xf32>, vector<8x32xf32>
// CHECK:         } else {
// CHECK:           vector.transfer_read %{{.*}} : tensor<8x32xf32>, vector<8x32xf32>
func.func @k_tiled(%a: tensor<64x512xf32>, %b: tensor<512x256xf32>, %bias: tensor<64xf32>) -> tensor<64x256xf32> {
  %e = tensor.empty() : tensor<64x256xf32>
  %init = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%bias : tensor<64xf32>) outs(%e : tensor<64x256xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<64x256xf32>
  %c = linalg.matmul ins(%a, %b : tensor<64x512xf32>, tensor<512x256xf32>) outs(%init : tensor<64x256xf32>) -> tensor<64x256xf32>
  return %c : tensor<64x256xf32>
}

// -----

// Must not remove the broadcast when something else reads it: the bias
// output is also returned. The tiles still start in registers.
// CHECK-LABEL: func.func @init_also_returned
// CHECK:       %[[INIT:.*]] = linalg.generic
// CHECK:       vector.transfer_read %arg2
// CHECK:       return %[[INIT]], %{{.*}}
func.func @init_also_returned(%a: tensor<64x96xf32>, %b: tensor<96x256xf32>, %bias: tensor<64xf32>) -> (tensor<64x256xf32>, tensor<64x256xf32>) {
  %e = tensor.empty() : tensor<64x256xf32>
  %init = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%bias : tensor<64xf32>) outs(%e : tensor<64x256xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<64x256xf32>
  %c = linalg.matmul ins(%a, %b : tensor<64x96xf32>, tensor<96x256xf32>) outs(%init : tensor<64x256xf32>) -> tensor<64x256xf32>
  return %init, %c : tensor<64x256xf32>, tensor<64x256xf32>
}

// -----

// Must not fire: an init computed from data (not a broadcast of a row
// vector or a fill) is read as it is.
// CHECK-LABEL: func.func @computed_init
// CHECK:       linalg.generic
// CHECK:       vector.transfer_read %{{.*}} : tensor<8x32xf32>, vector<8x32xf32>
// CHECK-NOT:   scf.if
func.func @computed_init(%a: tensor<64x96xf32>, %b: tensor<96x256xf32>, %r: tensor<64x256xf32>) -> tensor<64x256xf32> {
  %e = tensor.empty() : tensor<64x256xf32>
  %init = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%r : tensor<64x256xf32>) outs(%e : tensor<64x256xf32>) {
  ^bb0(%in: f32, %out: f32):
    %t = arith.mulf %in, %in : f32
    linalg.yield %t : f32
  } -> tensor<64x256xf32>
  %c = linalg.matmul ins(%a, %b : tensor<64x96xf32>, tensor<96x256xf32>) outs(%init : tensor<64x256xf32>) -> tensor<64x256xf32>
  return %c : tensor<64x256xf32>
}

// -----

// A zero-initialized batched product over 196 columns (Winograd's 36
// products on 14x14 tiles) is split into 192 + 4; its result is then read
// through a slice. The two inserts already cover every element, so what
// reads the slice cannot see the init: the fill dies (it used to stay,
// written and copied into a fresh buffer at every inference).
// CHECK-LABEL: func.func @split_then_sliced
// CHECK-NOT:   linalg.fill
// CHECK:       scf.forall
// CHECK:       scf.forall
// CHECK-NOT:   linalg.fill
// CHECK:       tensor.extract_slice %{{.*}}[0, 0, 100] [4, 64, 8]
// OFF-LABEL:   func.func @split_then_sliced
// OFF:         linalg.fill
func.func @split_then_sliced(%a: tensor<4x64x64xf32>, %b: tensor<4x64x196xf32>) -> tensor<4x64x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x64x196xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<4x64x196xf32>) -> tensor<4x64x196xf32>
  %c = linalg.batch_matmul ins(%a, %b : tensor<4x64x64xf32>, tensor<4x64x196xf32>) outs(%init : tensor<4x64x196xf32>) -> tensor<4x64x196xf32>
  %s = tensor.extract_slice %c[0, 0, 100] [4, 64, 8] [1, 1, 1] : tensor<4x64x196xf32> to tensor<4x64x8xf32>
  return %s : tensor<4x64x8xf32>
}
