// RUN: %nn-opt %s -split-input-file -nn-cpu-vectorize-pooling | FileCheck %s

// 2x2 stride 2 over a 28x28 plane (a CNN's pool): one task per (image,
// channel), a loop over the 14 output rows, two 8-wide blocks per row (the
// second masked: outputs 8..13): each of the 4 taps reads 16 input elements
// contiguously, keeps the even lanes and takes a vector maximum. The -inf
// init is not read.
// CHECK-LABEL: func.func @pool2x2
// CHECK:       scf.forall (%{{.*}}, %{{.*}}) in (2, 8) shared_outs(%{{.*}} = %{{.*}})
// CHECK-NOT:     vector.broadcast
// CHECK:         scf.for
// CHECK-NOT:       vector.transfer_read {{.*}} : tensor<14x14xf32>
// CHECK:           vector.transfer_read {{.*}} {in_bounds = [true]} : tensor<28x28xf32>, vector<16xf32>
// CHECK:           vector.shuffle {{.*}} [0, 2, 4, 6, 8, 10, 12, 14] : vector<16xf32>, vector<16xf32>
// CHECK-COUNT-3:   arith.maximumf {{.*}} : vector<8xf32>
// CHECK:           vector.transfer_write {{.*}} {in_bounds = [true]} : vector<8xf32>, tensor<14x14xf32>
// CHECK-COUNT-3:   arith.maximumf {{.*}} : vector<8xf32>
// CHECK:           vector.transfer_write
// CHECK-NOT:         in_bounds
// CHECK-SAME:        : vector<8xf32>, tensor<14x14xf32>
// CHECK:       tensor.parallel_insert_slice
// CHECK-NOT:   linalg.pooling_nchw_max
func.func @pool2x2(%x: tensor<2x8x28x28xf32>, %o: tensor<2x8x14x14xf32>) -> tensor<2x8x14x14xf32> {
  %w = tensor.empty() : tensor<2x2xf32>
  %0 = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%x, %w : tensor<2x8x28x28xf32>, tensor<2x2xf32>) outs(%o : tensor<2x8x14x14xf32>) -> tensor<2x8x14x14xf32>
  return %0 : tensor<2x8x14x14xf32>
}

// -----

// Stride 3 (3x3 taps, each read 3x as wide, every third lane kept), in
// bounds: the last tap of a row reads columns 2..25 of the 27.
// CHECK-LABEL: func.func @stride3
// CHECK:       vector.transfer_read {{.*}} {in_bounds = [true]} : tensor<27x27xf32>, vector<24xf32>
// CHECK:       vector.shuffle {{.*}} [0, 3, 6, 9, 12, 15, 18, 21] : vector<24xf32>, vector<24xf32>
// CHECK-COUNT-8: arith.maximumf {{.*}} : vector<8xf32>
func.func @stride3(%x: tensor<1x2x27x27xf32>, %o: tensor<1x2x9x8xf32>) -> tensor<1x2x9x8xf32> {
  %w = tensor.empty() : tensor<3x3xf32>
  %0 = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<3> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x27x27xf32>, tensor<3x3xf32>) outs(%o : tensor<1x2x9x8xf32>) -> tensor<1x2x9x8xf32>
  return %0 : tensor<1x2x9x8xf32>
}

// -----

// Must not fire: a W stride of 5, dynamic shapes, and an average (sum) pool.
// CHECK-LABEL: func.func @not_vectorized
// CHECK-NOT:   scf.forall
// CHECK:       linalg.pooling_nchw_max
// CHECK:       linalg.pooling_nchw_max
// CHECK:       linalg.pooling_nchw_sum
func.func @not_vectorized(%x: tensor<1x2x20x20xf32>, %o: tensor<1x2x4x4xf32>,
                          %d: tensor<?x2x8x8xf32>, %od: tensor<?x2x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<?x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %w = tensor.empty() : tensor<2x2xf32>
  %0 = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<5> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x20x20xf32>, tensor<2x2xf32>) outs(%o : tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %1 = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%d, %w : tensor<?x2x8x8xf32>, tensor<2x2xf32>) outs(%od : tensor<?x2x4x4xf32>) -> tensor<?x2x4x4xf32>
  %2 = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<5> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x20x20xf32>, tensor<2x2xf32>) outs(%o : tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %0, %1, %2 : tensor<1x2x4x4xf32>, tensor<?x2x4x4xf32>, tensor<1x2x4x4xf32>
}

// -----

// ResNet's stem pool: 3x3 stride 2 over an input padded by one with -inf.
// The kernel reads the unpadded 8x8 plane: output row 0 takes window rows 1
// and 2 only (6 maxima of 6 taps: 5 plus the first), the left tap's lane 0
// is the padding (-inf) by a shuffle.
// CHECK-LABEL: func.func @pool_padded
// CHECK:       scf.forall
// CHECK:         tensor.extract_slice %arg0{{.*}} : tensor<1x2x8x8xf32> to tensor<8x8xf32>
// CHECK:         %[[NEG:.*]] = arith.constant 0xFF800000 : f32
// CHECK:         vector.transfer_read {{.*}}, %[[NEG]]{{.*}} : tensor<8x8xf32>, vector<16xf32>
// CHECK:         vector.shuffle {{.*}} [16, 1, 3, 5, 7, 9, 11, 13] : vector<16xf32>, vector<16xf32>
// CHECK-COUNT-5: arith.maximumf {{.*}} : vector<8xf32>
// CHECK-NOT:     arith.maximumf
// CHECK:         vector.transfer_write
// CHECK:         scf.for
// CHECK-COUNT-8:   arith.maximumf {{.*}} : vector<8xf32>
func.func @pool_padded(%x: tensor<1x2x8x8xf32>, %o: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<1x2x10x10xf32>
  %fill = linalg.fill ins(%ninf : f32) outs(%e : tensor<1x2x10x10xf32>) -> tensor<1x2x10x10xf32>
  %xp = tensor.insert_slice %x into %fill[0, 0, 1, 1] [1, 2, 8, 8] [1, 1, 1, 1] : tensor<1x2x8x8xf32> into tensor<1x2x10x10xf32>
  %w = tensor.empty() : tensor<3x3xf32>
  %0 = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%xp, %w : tensor<1x2x10x10xf32>, tensor<3x3xf32>) outs(%o : tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}
