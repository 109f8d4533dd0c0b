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

// -----

// MobileNetV2's block: the input zero-padded by one (insert_slice into a
// zero fill), the bias broadcast as init, ReLU6 in place after. The kernel
// reads the unpadded 7x7 planes (the padded copy is left dead), starts its
// accumulators from the channel's bias, and clamps each row block before
// writing it: one kernel, no broadcast or activation pass. Row 0 and row 6
// keep the two window rows inside the source (6 taps), rows 1..5 all three
// (a loop); the left tap reads column 0 shifted right by one lane, with the
// padding in lane 0.
// CHECK-LABEL: func.func @padded_bias_relu6
// CHECK:       linalg.generic
// CHECK:       %[[E:.*]] = tensor.empty() : tensor<1x2x7x7xf32>
// CHECK:       scf.forall (%{{.*}}, %[[C:.*]]) in (1, 2) shared_outs(%{{.*}} = %[[E]])
// CHECK:         tensor.extract_slice %arg0{{.*}} [1, 1, 7, 7] [1, 1, 1, 1] : tensor<1x2x7x7xf32> to tensor<7x7xf32>
// CHECK:         %[[B:.*]] = tensor.extract %arg2[%[[C]]] : tensor<2xf32>
// CHECK:         vector.broadcast %[[B]] : f32 to vector<8xf32>
// CHECK:         vector.shuffle {{.*}} [8, 0, 1, 2, 3, 4, 5, 6] : vector<8xf32>, vector<8xf32>
// CHECK-COUNT-6: vector.fma
// CHECK:         arith.maximumf {{.*}} : vector<8xf32>
// CHECK:         arith.minimumf {{.*}} : vector<8xf32>
// CHECK:         vector.transfer_write
// CHECK:         scf.for %{{.*}} = %c1{{.*}} to %c6
// CHECK-COUNT-9:   vector.fma
// CHECK:           arith.minimumf {{.*}} : vector<8xf32>
// CHECK:         scf.yield
// CHECK-COUNT-6: vector.fma
// CHECK:         tensor.parallel_insert_slice
// CHECK-NOT:   linalg.generic
// CHECK:       return
func.func @padded_bias_relu6(%x: tensor<1x2x7x7xf32>, %w: tensor<2x3x3xf32>, %bias: tensor<2xf32>) -> tensor<1x2x7x7xf32> {
  %zero = arith.constant 0.0 : f32
  %six = arith.constant 6.0 : f32
  %e = tensor.empty() : tensor<1x2x9x9xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x9x9xf32>) -> tensor<1x2x9x9xf32>
  %xp = tensor.insert_slice %x into %fill[0, 0, 1, 1] [1, 2, 7, 7] [1, 1, 1, 1] : tensor<1x2x7x7xf32> into tensor<1x2x9x9xf32>
  %o = tensor.empty() : tensor<1x2x7x7xf32>
  %init = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                          iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%bias : tensor<2xf32>) outs(%o : tensor<1x2x7x7xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x2x7x7xf32>
  %0 = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%xp, %w : tensor<1x2x9x9xf32>, tensor<2x3x3xf32>) outs(%init : tensor<1x2x7x7xf32>) -> tensor<1x2x7x7xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%0 : tensor<1x2x7x7xf32>) {
  ^bb0(%out: f32):
    %2 = arith.maximumf %out, %zero : f32
    %3 = arith.minimumf %2, %six : f32
    linalg.yield %3 : f32
  } -> tensor<1x2x7x7xf32>
  return %1 : tensor<1x2x7x7xf32>
}

// Stride 2 with a one-element left pad: output column l reads source column
// 2l - 1 + j; for the first tap lane 0 is padding, the rest the odd columns.
// CHECK-LABEL: func.func @padded_stride2
// CHECK:         vector.transfer_read {{.*}} : tensor<14x14xf32>, vector<16xf32>
// CHECK:         vector.shuffle {{.*}} [16, 1, 3, 5, 7, 9, 11, 13] : vector<16xf32>, vector<16xf32>
func.func @padded_stride2(%x: tensor<1x1x14x14xf32>, %w: tensor<1x3x3xf32>, %o: tensor<1x1x7x7xf32>) -> tensor<1x1x7x7xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x1x16x16xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%e : tensor<1x1x16x16xf32>) -> tensor<1x1x16x16xf32>
  %xp = tensor.insert_slice %x into %fill[0, 0, 1, 1] [1, 1, 14, 14] [1, 1, 1, 1] : tensor<1x1x14x14xf32> into tensor<1x1x16x16xf32>
  %0 = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%xp, %w : tensor<1x1x16x16xf32>, tensor<1x3x3xf32>) outs(%o : tensor<1x1x7x7xf32>) -> tensor<1x1x7x7xf32>
  return %0 : tensor<1x1x7x7xf32>
}

// Must not fire on the padding or the epilogue: a pad of ones is not the
// convolution's zero (the padded tensor is read as is), and an activation
// whose input has a second use stays a separate loop nest.
// CHECK-LABEL: func.func @pad_of_ones_shared_result
// CHECK:       tensor.insert_slice
// CHECK:       scf.forall
// CHECK:         tensor.extract_slice %{{.*}} [1, 1, 9, 9] [1, 1, 1, 1] : tensor<1x2x9x9xf32> to tensor<9x9xf32>
// CHECK-NOT:     arith.maximumf
// CHECK:       linalg.generic
// CHECK:         arith.maximumf
func.func @pad_of_ones_shared_result(%x: tensor<1x2x7x7xf32>, %w: tensor<2x3x3xf32>, %o: tensor<1x2x7x7xf32>) -> (tensor<1x2x7x7xf32>, tensor<1x2x7x7xf32>) {
  %one = arith.constant 1.0 : f32
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2x9x9xf32>
  %fill = linalg.fill ins(%one : f32) outs(%e : tensor<1x2x9x9xf32>) -> tensor<1x2x9x9xf32>
  %xp = tensor.insert_slice %x into %fill[0, 0, 1, 1] [1, 2, 7, 7] [1, 1, 1, 1] : tensor<1x2x7x7xf32> into tensor<1x2x9x9xf32>
  %0 = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%xp, %w : tensor<1x2x9x9xf32>, tensor<2x3x3xf32>) outs(%o : tensor<1x2x7x7xf32>) -> tensor<1x2x7x7xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%0 : tensor<1x2x7x7xf32>) {
  ^bb0(%out: f32):
    %2 = arith.maximumf %out, %zero : f32
    linalg.yield %2 : f32
  } -> tensor<1x2x7x7xf32>
  return %0, %1 : tensor<1x2x7x7xf32>, tensor<1x2x7x7xf32>
}
