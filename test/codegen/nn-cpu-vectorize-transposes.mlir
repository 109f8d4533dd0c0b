// RUN: %nn-opt %s -split-input-file -nn-cpu-vectorize-transposes | FileCheck %s

// Attention's K^T ([seq, heads, d] -> [heads, d, seq]): 16x16 blocks in an
// scf.forall, each 16 input rows read (d contiguous), transposed by
// shuffles, 16 output rows written (seq contiguous).
// CHECK:       #[[READ:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @k_transposed
// CHECK:       scf.forall (%[[H:.*]], %[[D:.*]], %[[S:.*]]) = (0, 0, 0) to (4, 64, 128) step (1, 16, 16)
// CHECK:         tensor.extract_slice %{{.*}}[%[[S]], %[[H]], %[[D]]] [16, 1, 16]
// CHECK:         vector.transfer_read {{.*}} permutation_map = #[[READ]]} : tensor<16x1x16xf32>, vector<16x16xf32>
// CHECK:         vector.shuffle {{.*}} [0, 16, 1, 17, 4, 20, 5, 21, 8, 24, 9, 25, 12, 28, 13, 29]
// CHECK-NOT:     vector.transpose
// CHECK:         vector.transfer_write {{.*}} {in_bounds = [true, true]} : vector<16x16xf32>, tensor<1x16x16xf32>
// CHECK-NOT:   linalg.transpose
func.func @k_transposed(%k: tensor<128x4x64xf32>) -> tensor<4x64x128xf32> {
  %e = tensor.empty() : tensor<4x64x128xf32>
  %t = linalg.transpose ins(%k : tensor<128x4x64xf32>) outs(%e : tensor<4x64x128xf32>) permutation = [1, 2, 0]
  return %t : tensor<4x64x128xf32>
}

// -----

// A 2-D transpose inside a loop: the blocks are a sequential scf.for nest.
// CHECK-LABEL: func.func @in_loop
// CHECK:       scf.forall
// CHECK:         scf.for {{.*}} step %c16
// CHECK:           scf.for {{.*}} step %c16
// CHECK:             vector.transfer_read {{.*}} : tensor<16x16xf32>, vector<16x16xf32>
// CHECK:             vector.shuffle
// CHECK:             vector.transfer_write {{.*}} : vector<16x16xf32>, tensor<16x16xf32>
func.func @in_loop(%x: tensor<2x32x48xf32>) -> tensor<2x48x32xf32> {
  %e = tensor.empty() : tensor<2x48x32xf32>
  %r = scf.forall (%i) in (2) shared_outs(%o = %e) -> (tensor<2x48x32xf32>) {
    %xs = tensor.extract_slice %x[%i, 0, 0] [1, 32, 48] [1, 1, 1] : tensor<2x32x48xf32> to tensor<32x48xf32>
    %os = tensor.extract_slice %o[%i, 0, 0] [1, 48, 32] [1, 1, 1] : tensor<2x48x32xf32> to tensor<48x32xf32>
    %t = linalg.transpose ins(%xs : tensor<32x48xf32>) outs(%os : tensor<48x32xf32>) permutation = [1, 0]
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %t into %o[%i, 0, 0] [1, 48, 32] [1, 1, 1] : tensor<48x32xf32> into tensor<2x48x32xf32>
    }
  }
  return %r : tensor<2x48x32xf32>
}

// -----

// Must not fire: the innermost dim kept (rows already contiguous), a side
// shorter than one block (12), f64, and a dynamic shape.
// CHECK-LABEL: func.func @not_block_transposes
// CHECK-NOT:   vector.
// CHECK-COUNT-4: linalg.transpose
func.func @not_block_transposes(%a: tensor<128x4x64xf32>, %b: tensor<12x32xf32>, %c: tensor<32x32xf64>, %d: tensor<?x32xf32>, %n: index) -> (tensor<4x128x64xf32>, tensor<32x12xf32>, tensor<32x32xf64>, tensor<32x?xf32>) {
  %ea = tensor.empty() : tensor<4x128x64xf32>
  %0 = linalg.transpose ins(%a : tensor<128x4x64xf32>) outs(%ea : tensor<4x128x64xf32>) permutation = [1, 0, 2]
  %eb = tensor.empty() : tensor<32x12xf32>
  %1 = linalg.transpose ins(%b : tensor<12x32xf32>) outs(%eb : tensor<32x12xf32>) permutation = [1, 0]
  %ec = tensor.empty() : tensor<32x32xf64>
  %2 = linalg.transpose ins(%c : tensor<32x32xf64>) outs(%ec : tensor<32x32xf64>) permutation = [1, 0]
  %ed = tensor.empty(%n) : tensor<32x?xf32>
  %3 = linalg.transpose ins(%d : tensor<?x32xf32>) outs(%ed : tensor<32x?xf32>) permutation = [1, 0]
  return %0, %1, %2, %3 : tensor<4x128x64xf32>, tensor<32x12xf32>, tensor<32x32xf64>, tensor<32x?xf32>
}

// -----

// MobileNetV2's [160, 49] activation before a transposed 7x7 product: 49 is
// no multiple of 16, so the blocks along it (the last one 1 wide) are read
// and written with masks (in_bounds false on that dimension); the 16x16
// transpose is still shuffles.
// CHECK-LABEL: func.func @partial_blocks
// CHECK:       scf.forall
// CHECK:         vector.transfer_read {{.*}} {in_bounds = [true, false]{{.*}}} : tensor<1x16x?xf32>, vector<16x16xf32>
// CHECK:         vector.shuffle
// CHECK:         vector.transfer_write {{.*}} {in_bounds = [false, true]{{.*}}} : vector<16x16xf32>, tensor<1x?x16xf32>
func.func @partial_blocks(%a: tensor<1x160x49xf32>) -> tensor<1x49x160xf32> {
  %e = tensor.empty() : tensor<1x49x160xf32>
  %0 = linalg.transpose ins(%a : tensor<1x160x49xf32>) outs(%e : tensor<1x49x160xf32>) permutation = [0, 2, 1]
  return %0 : tensor<1x49x160xf32>
}

// -----

// Must not fire: vector.transpose ops the pass did not create (a row
// broadcast's, which folds away later) are not lowered.
// CHECK-LABEL: func.func @other_vector_transpose
// CHECK:       vector.transpose %{{.*}}, [1, 2, 0] : vector<128x1x1xf32> to vector<1x1x128xf32>
// CHECK-NOT:   vector.shuffle
func.func @other_vector_transpose(%s: vector<1x1xf32>) -> vector<1x1x128xf32> {
  %b = vector.broadcast %s : vector<1x1xf32> to vector<128x1x1xf32>
  %t = vector.transpose %b, [1, 2, 0] : vector<128x1x1xf32> to vector<1x1x128xf32>
  return %t : vector<1x1x128xf32>
}
