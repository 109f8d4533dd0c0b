// RUN: %nn-opt %s -convert-nn-to-linalg -split-input-file | FileCheck %s

// 2-D: linalg.matmul into a zero-filled init whose dynamic M comes from lhs.
// CHECK-LABEL: func.func @matmul_2d
// CHECK: %[[M:.*]] = tensor.dim %{{.*}}, %{{.*}} : tensor<?x8xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[M]]) : tensor<?x16xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : tensor<?x16xf32>)
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<?x8xf32>, tensor<8x16xf32>) outs(%[[F]] : tensor<?x16xf32>)
func.func @matmul_2d(%a: tensor<?x8xf32>, %b: tensor<8x16xf32>) -> tensor<?x16xf32> {
  %0 = nn.matmul %a, %b : (tensor<?x8xf32>, tensor<8x16xf32>) -> tensor<?x16xf32>
  return %0 : tensor<?x16xf32>
}

// -----

// Batched with broadcasting: loops (b0, b1, m, n, k); the size-1 batch dim
// of lhs reads 0, rhs lacks the leading batch dim.
// CHECK-DAG: #[[L:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, 0, d2, d4)>
// CHECK-DAG: #[[R:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d4, d3)>
// CHECK-DAG: #[[O:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @matmul_batched
// CHECK: linalg.fill
// CHECK: linalg.generic {indexing_maps = [#[[L]], #[[R]], #[[O]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @matmul_batched(%c: tensor<2x1x4x8xf32>, %d: tensor<3x8x5xf32>) -> tensor<2x3x4x5xf32> {
  %0 = nn.matmul %c, %d : (tensor<2x1x4x8xf32>, tensor<3x8x5xf32>) -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// -----

// 1-D operands have no m (or n) loop: NumPy's promote-then-squeeze.
// CHECK-DAG: #[[V:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-DAG: #[[B:.*]] = affine_map<(d0, d1, d2) -> (d0, d2, d1)>
// CHECK-DAG: #[[MK:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[K:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[DOT:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[SCALAR:.*]] = affine_map<(d0) -> ()>
// CHECK-LABEL: func.func @matmul_vectors
// CHECK: linalg.generic {indexing_maps = [#[[V]], #[[B]], #{{.*}}], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK: linalg.generic {indexing_maps = [#[[MK]], #[[K]], #{{.*}}], iterator_types = ["parallel", "reduction"]}
// CHECK: linalg.generic {indexing_maps = [#[[DOT]], #[[DOT]], #[[SCALAR]]], iterator_types = ["reduction"]}
// CHECK-SAME: outs(%{{.*}} : tensor<f32>)
func.func @matmul_vectors(%v: tensor<8xf32>, %b: tensor<2x8x16xf32>, %m: tensor<4x8xf32>) -> (tensor<2x16xf32>, tensor<4xf32>, tensor<f32>) {
  %0 = nn.matmul %v, %b : (tensor<8xf32>, tensor<2x8x16xf32>) -> tensor<2x16xf32>
  %1 = nn.matmul %m, %v : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4xf32>
  %2 = nn.matmul %v, %v : (tensor<8xf32>, tensor<8xf32>) -> tensor<f32>
  return %0, %1, %2 : tensor<2x16xf32>, tensor<4xf32>, tensor<f32>
}

// -----

// trans_b is in the map (n, k); alpha * AB + beta * C follows as an
// elementwise generic broadcasting C along rows.
// CHECK-DAG: #[[A:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[BT:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[C:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @gemm
// CHECK: %[[MM:.*]] = linalg.generic {indexing_maps = [#[[A]], #[[BT]], #{{.*}}], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[C]], #{{.*}}], iterator_types = ["parallel", "parallel"]} ins(%[[MM]], %{{.*}} : tensor<?x128xf32>, tensor<128xf32>)
// CHECK: arith.constant 5.000000e-01
// CHECK: arith.constant 2.000000e+00
// CHECK: arith.addf
func.func @gemm(%x: tensor<?x64xf32>, %wt: tensor<128x64xf32>, %bias: tensor<128xf32>) -> tensor<?x128xf32> {
  %0 = nn.gemm %x, %wt, %bias {trans_b = true, alpha = 0.5, beta = 2.0}
      : (tensor<?x64xf32>, tensor<128x64xf32>, tensor<128xf32>) -> tensor<?x128xf32>
  return %0 : tensor<?x128xf32>
}

// -----

// trans_a reads A as (k, m); no epilogue with alpha = 1 and no C.
// CHECK-DAG: #[[AT:.*]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-LABEL: func.func @gemm_trans_a
// CHECK: linalg.generic {indexing_maps = [#[[AT]],
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @gemm_trans_a(%xt: tensor<64x4xf32>, %w: tensor<64x128xf32>) -> tensor<4x128xf32> {
  %0 = nn.gemm %xt, %w {trans_a = true} : (tensor<64x4xf32>, tensor<64x128xf32>) -> tensor<4x128xf32>
  return %0 : tensor<4x128xf32>
}

// -----

// group 1, 2-D: pad by insert_slice into a zero tensor, init = bias
// broadcast along channels, linalg.conv_2d_nchw_fchw.
// CHECK-DAG: #[[BIAS:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @conv_2d
// CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x3x230x230xf32>)
// CHECK: %[[P:.*]] = tensor.insert_slice %{{.*}} into %[[Z]][0, 0, 3, 3] [%{{.*}}, 3, 224, 224] [1, 1, 1, 1]
// CHECK: %[[I:.*]] = linalg.generic {indexing_maps = [#[[BIAS]], #{{.*}}]
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[P]], %{{.*}} : tensor<?x3x230x230xf32>, tensor<64x3x7x7xf32>) outs(%[[I]] : tensor<?x64x112x112xf32>)
func.func @conv_2d(%x: tensor<?x3x224x224xf32>, %w: tensor<64x3x7x7xf32>, %b: tensor<64xf32>) -> tensor<?x64x112x112xf32> {
  %0 = nn.conv %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 3, 3, 3, 3>}
      : (tensor<?x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<?x64x112x112xf32>
  return %0 : tensor<?x64x112x112xf32>
}

// -----

// group = C with one filter per channel: depthwise on the collapsed weight.
// CHECK-LABEL: func.func @conv_depthwise
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2], [3]] : tensor<32x1x3x3xf32> into tensor<32x3x3xf32>
// CHECK: linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%{{.*}}, %{{.*}} : tensor<?x32x58x58xf32>, tensor<32x3x3xf32>)
func.func @conv_depthwise(%x: tensor<?x32x56x56xf32>, %dw: tensor<32x1x3x3xf32>) -> tensor<?x32x56x56xf32> {
  %0 = nn.conv %x, %dw {group = 32 : i64, pads = array<i64: 1, 1, 1, 1>}
      : (tensor<?x32x56x56xf32>, tensor<32x1x3x3xf32>) -> tensor<?x32x56x56xf32>
  return %0 : tensor<?x32x56x56xf32>
}

// -----

// General grouped conv: channels split into [G, C/G], loops
// (n, g, m, oh, ow, c, kh, kw), dilation 2 in the input map.
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d5, d3 + d6 * 2, d4 + d7 * 2)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d1, d2, d5, d6, d7)>
// CHECK-DAG: #[[O:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
// CHECK-LABEL: func.func @conv_grouped
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 4, 2, 32, 32]
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2], [3], [4]] output_shape [4, 4, 2, 3, 3]
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 4, 4, 28, 28]
// CHECK: linalg.generic {indexing_maps = [#[[X]], #[[W]], #[[O]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2], [3], [4]] : tensor<1x4x4x28x28xf32> into tensor<1x16x28x28xf32>
func.func @conv_grouped(%y: tensor<1x8x32x32xf32>, %gw: tensor<16x2x3x3xf32>, %b: tensor<16xf32>) -> tensor<1x16x28x28xf32> {
  %0 = nn.conv %y, %gw, %b {group = 4 : i64, dilations = array<i64: 2, 2>}
      : (tensor<1x8x32x32xf32>, tensor<16x2x3x3xf32>, tensor<16xf32>) -> tensor<1x16x28x28xf32>
  return %0 : tensor<1x16x28x28xf32>
}

// -----

// 1-D goes through the generic grouped conv with one group.
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d4, d3 + d5)>
// CHECK-LABEL: func.func @conv_1d
// CHECK: linalg.generic {indexing_maps = [#[[X]], #{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
func.func @conv_1d(%x1: tensor<1x4x10xf32>, %w1: tensor<8x4x3xf32>) -> tensor<1x8x8xf32> {
  %0 = nn.conv %x1, %w1 : (tensor<1x4x10xf32>, tensor<8x4x3xf32>) -> tensor<1x8x8xf32>
  return %0 : tensor<1x8x8xf32>
}

// -----

// 3-D with stride 2 and pad 1.
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9) -> (d0, d1, d6, d3 * 2 + d7, d4 * 2 + d8, d5 * 2 + d9)>
// CHECK-LABEL: func.func @conv_3d
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 1, 1, 1] [2, 4, 8, 8, 8] [1, 1, 1, 1, 1] : tensor<2x4x8x8x8xf16> into tensor<2x4x10x10x10xf16>
// CHECK: linalg.generic {indexing_maps = [#[[X]],
// CHECK-SAME: tensor<2x1x16x4x4x4xf16>
func.func @conv_3d(%x3: tensor<2x4x8x8x8xf16>, %w3: tensor<16x4x3x3x3xf16>) -> tensor<2x16x4x4x4xf16> {
  %0 = nn.conv %x3, %w3 {strides = array<i64: 2, 2, 2>, pads = array<i64: 1, 1, 1, 1, 1, 1>}
      : (tensor<2x4x8x8x8xf16>, tensor<16x4x3x3x3xf16>) -> tensor<2x16x4x4x4xf16>
  return %0 : tensor<2x16x4x4x4xf16>
}

// -----

// Transposed conv: input dilated by stride 2 (insert_slice strides) and
// padded by dilation * (K - 1) = 2 in front, 2 + output_padding behind; a
// stride-1 conv with the flipped kernel (2 - r) reading weight [G, C/G, M/G].
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d5, d3 + d6, d4 + d7)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d1, d5, d2, -d6 + 2, -d7 + 2)>
// CHECK-DAG: #[[R:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d6, d7)>
// CHECK-LABEL: func.func @conv_transpose
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 2, 2] [1, 16, 8, 8] [1, 1, 2, 2] : tensor<1x16x8x8xf32> into tensor<1x16x20x20xf32>
// CHECK: linalg.generic {indexing_maps = [#[[X]], #[[W]], #[[R]], #{{.*}}]
// CHECK-SAME: outs(%{{.*}} : tensor<1x1x8x18x18xf32>)
func.func @conv_transpose(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x8x18x18xf32> {
  %0 = nn.conv_transpose %x, %w {strides = array<i64: 2, 2>, output_padding = array<i64: 1, 1>}
      : (tensor<1x16x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x8x18x18xf32>
  return %0 : tensor<1x8x18x18xf32>
}

// -----

// Grouped with bias: pads 1 leave a front pad of 1.
// CHECK-LABEL: func.func @conv_transpose_grouped
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 1, 1] [1, 4, 5, 5] [1, 1, 2, 2] : tensor<1x4x5x5xf32> into tensor<1x4x11x11xf32>
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2], [3], [4]] output_shape [2, 2, 3, 3, 3]
// CHECK: linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<1x2x3x9x9xf32>)
// CHECK: tensor.collapse_shape %{{.*}} : tensor<1x2x3x9x9xf32> into tensor<1x6x9x9xf32>
func.func @conv_transpose_grouped(%y: tensor<1x4x5x5xf32>, %gw: tensor<4x3x3x3xf32>, %b: tensor<6xf32>) -> tensor<1x6x9x9xf32> {
  %0 = nn.conv_transpose %y, %gw, %b {group = 2 : i64, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}
      : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, tensor<6xf32>) -> tensor<1x6x9x9xf32>
  return %0 : tensor<1x6x9x9xf32>
}

// -----

// Max pads with -inf; a 2-D max pool is linalg.pooling_nchw_max (the CPU
// pipeline vectorizes it by output rows, nn-cpu-vectorize-pooling).
// CHECK-LABEL: func.func @max_pool_2d
// CHECK: arith.constant 0xFF800000 : f32
// CHECK: %[[P:.*]] = tensor.insert_slice %{{.*}}[0, 0, 1, 1] [%{{.*}}, 64, 112, 112] [1, 1, 1, 1] : tensor<?x64x112x112xf32> into tensor<?x64x114x114xf32>
// CHECK: %[[WIN:.*]] = tensor.empty() : tensor<3x3xf32>
// CHECK: linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[P]], %[[WIN]] : tensor<?x64x114x114xf32>, tensor<3x3xf32>)
func.func @max_pool_2d(%x: tensor<?x64x112x112xf32>) -> tensor<?x64x56x56xf32> {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}
      : tensor<?x64x112x112xf32> -> tensor<?x64x56x56xf32>
  return %0 : tensor<?x64x56x56xf32>
}

// -----

// Other ranks: a generic window reduction (here 1-D, dilation 2) whose
// kernel loop runs before the output loop: the output row innermost, so the
// CPU loop vectorizes along it.
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3 + d2 * 2)>
// CHECK-LABEL: func.func @max_pool_1d
// CHECK: linalg.generic {indexing_maps = [#[[X]], #{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
// CHECK: arith.maximumf
func.func @max_pool_1d(%x: tensor<2x4x10xf32>) -> tensor<2x4x6xf32> {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3>, dilations = array<i64: 2>}
      : tensor<2x4x10xf32> -> tensor<2x4x6xf32>
  return %0 : tensor<2x4x6xf32>
}

// -----

// ceil_mode: the last window needs 7 rows, one past the input's 6.
// CHECK-LABEL: func.func @max_pool_ceil
// CHECK: tensor.insert_slice %{{.*}}[0, 0, 0, 0] [1, 1, 6, 6] [1, 1, 1, 1] : tensor<1x1x6x6xf32> into tensor<1x1x7x7xf32>
// CHECK: linalg.pooling_nchw_max
// CHECK-SAME: outs(%{{.*}} : tensor<1x1x3x3xf32>)
func.func @max_pool_ceil(%x: tensor<1x1x6x6xf32>) -> tensor<1x1x3x3xf32> {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, ceil_mode = true}
      : tensor<1x1x6x6xf32> -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// Sum pooling over the zero-padded input, then a divide by the per-window
// count from linalg.index (padding excluded: clamp to [0, 8)).
// CHECK-LABEL: func.func @avg_pool
// CHECK: linalg.pooling_nchw_sum
// CHECK: linalg.generic
// CHECK: linalg.index 2
// CHECK: arith.minsi
// CHECK: arith.maxsi
// CHECK: linalg.index 3
// CHECK: arith.sitofp
// CHECK: arith.divf
func.func @avg_pool(%y: tensor<?x16x8x8xf32>) -> tensor<?x16x8x8xf32> {
  %0 = nn.avg_pool %y {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}
      : tensor<?x16x8x8xf32> -> tensor<?x16x8x8xf32>
  return %0 : tensor<?x16x8x8xf32>
}

// -----

// Global pools reduce into [N, C] and expand back to [N, C, 1..1].
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[NC:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
// CHECK-LABEL: func.func @global_pools
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[NC]]], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
// CHECK: arith.maximumf
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2, 3]] output_shape [%{{.*}}, 512, 1, 1] : tensor<?x512xf32> into tensor<?x512x1x1xf32>
// CHECK: arith.addf
// CHECK: arith.divf
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2]] output_shape [2, 8, 1] : tensor<2x8xf16> into tensor<2x8x1xf16>
// CHECK-NOT: nn.
func.func @global_pools(%x: tensor<?x512x7x7xf32>, %y: tensor<2x8x10xf16>) -> (tensor<?x512x1x1xf32>, tensor<2x8x1xf16>) {
  %0 = nn.global_max_pool %x : tensor<?x512x7x7xf32> -> tensor<?x512x1x1xf32>
  %1 = nn.global_avg_pool %y : tensor<2x8x10xf16> -> tensor<2x8x1xf16>
  return %0, %1 : tensor<?x512x1x1xf32>, tensor<2x8x1xf16>
}

// -----

// max_pool_indices: one generic with two outputs (running max, i64 position);
// a strict ogt keeps the first maximum.
// CHECK-LABEL: func.func @max_pool_indices
// CHECK: %[[R:.*]]:2 = linalg.generic
// CHECK-SAME: outs(%{{.*}}, %{{.*}} : tensor<1x2x5xf16>, tensor<1x2x5xi64>)
// CHECK: arith.cmpf ogt
// CHECK: return %[[R]]#1 : tensor<1x2x5xi64>
func.func @max_pool_indices(%y: tensor<1x2x5xf16>) -> tensor<1x2x5xi64> {
  %0 = nn.max_pool_indices %y {kernel_shape = array<i64: 3>, pads = array<i64: 1, 1>, column_major = true} : tensor<1x2x5xf16> -> tensor<1x2x5xi64>
  return %0 : tensor<1x2x5xi64>
}

// [seq, batch, d] x [d, e] (a transformer projection): the lhs batch
// dimensions become rows of one 2-D linalg.matmul, then the result is
// expanded back.
// CHECK-LABEL: func.func @matmul_rows
// CHECK:       %[[A:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2]] : tensor<128x2x16xf32> into tensor<256x16xf32>
// CHECK:       %[[M:.*]] = linalg.matmul ins(%[[A]], %{{.*}} : tensor<256x16xf32>, tensor<16x32xf32>)
// CHECK:       tensor.expand_shape %[[M]] {{\[}}[0, 1], [2]] output_shape [128, 2, 32]
func.func @matmul_rows(%a: tensor<128x2x16xf32>, %b: tensor<16x32xf32>) -> tensor<128x2x32xf32> {
  %0 = nn.matmul %a, %b : (tensor<128x2x16xf32>, tensor<16x32xf32>) -> tensor<128x2x32xf32>
  return %0 : tensor<128x2x32xf32>
}
