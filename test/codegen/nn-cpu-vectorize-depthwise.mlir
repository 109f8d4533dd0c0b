// RUN: %nn-opt %s -nn-cpu-vectorize-depthwise | FileCheck %s

// Stride 2 over a padded 18x18 plane: one task per (image, channel), the 9
// taps broadcast once per plane, a loop over the 8 output rows, and one
// 8-wide block per row: 9 reads of 16 input elements, each deinterleaved to
// the even lanes and multiply-added. Every read fits the plane (the last
// tap starts at column 2 and reads 16 of 18), so none is masked.
// CHECK-LABEL: func.func @stride2
// CHECK:       scf.forall (%[[N:.*]], %[[C:.*]]) in (1, 4) shared_outs(%[[O:.*]] = %{{.*}})
// CHECK-COUNT-9: vector.broadcast
// CHECK:       scf.for
// CHECK:         vector.transfer_read {{.*}} {in_bounds = [true]} : tensor<8x8xf32>, vector<8xf32>
// CHECK-COUNT-9: vector.fma
// CHECK:         vector.transfer_write {{.*}} {in_bounds = [true]} : vector<8xf32>, tensor<8x8xf32>
// CHECK:       tensor.parallel_insert_slice
// CHECK-NOT:   linalg.depthwise_conv_2d_nchw_chw
func.func @stride2(%x: tensor<1x4x18x18xf32>, %w: tensor<4x3x3xf32>, %o: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %0 = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%x, %w : tensor<1x4x18x18xf32>, tensor<4x3x3xf32>) outs(%o : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// The stride-2 reads: 16 elements, then the even lanes.
// CHECK-LABEL: func.func @stride2_reads
// CHECK:       vector.transfer_read {{.*}} : tensor<18x18xf32>, vector<16xf32>
// CHECK:       vector.shuffle {{.*}} [0, 2, 4, 6, 8, 10, 12, 14] : vector<16xf32>, vector<16xf32>
// A 7-wide output row (stride 1, 9x9 plane) is one masked 8-wide block: the
// accumulators are read and written without in_bounds, and so is the last
// tap of each input row (columns 2..9 of 0..8).
// CHECK-LABEL: func.func @masked_row
// CHECK:       vector.transfer_read %{{[^ ]*}}[%{{[^ ]*}}, %{{[^ ]*}}], %{{[^ ]*}} : tensor<7x7xf32>, vector<8xf32>
// CHECK:       vector.transfer_read %{{[^ ]*}}[%{{[^ ]*}}, %c2{{[^ ]*}}], %{{[^ ]*}} : tensor<9x9xf32>, vector<8xf32>
// CHECK:       vector.transfer_write %{{[^ ]*}}, %{{[^ ]*}}[%{{[^ ]*}}, %{{[^ ]*}}] : vector<8xf32>, tensor<7x7xf32>
func.func @stride2_reads(%x: tensor<1x1x18x18xf32>, %w: tensor<1x3x3xf32>, %o: tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32> {
  %0 = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%x, %w : tensor<1x1x18x18xf32>, tensor<1x3x3xf32>) outs(%o : tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32>
  return %0 : tensor<1x1x8x8xf32>
}
func.func @masked_row(%x: tensor<1x2x9x9xf32>, %w: tensor<2x3x3xf32>, %o: tensor<1x2x7x7xf32>) -> tensor<1x2x7x7xf32> {
  %0 = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x9x9xf32>, tensor<2x3x3xf32>) outs(%o : tensor<1x2x7x7xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// Must not fire: W stride 3 (no cheap vector read) keeps the named op.
// CHECK-LABEL: func.func @stride3
// CHECK:       linalg.depthwise_conv_2d_nchw_chw
// CHECK-NOT:   scf.forall
func.func @stride3(%x: tensor<1x4x18x18xf32>, %w: tensor<4x3x3xf32>, %o: tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32> {
  %0 = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<3> : tensor<2xi64>}
      ins(%x, %w : tensor<1x4x18x18xf32>, tensor<4x3x3xf32>) outs(%o : tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}
