// RUN: %nn-opt %s -nn-cpu-winograd-conv="min-channels=1 min-pixels=1" --mlir-print-local-scope | FileCheck %s
// RUN: %nn-opt %s -nn-cpu-winograd-conv --mlir-print-local-scope | FileCheck %s --check-prefix=DEFAULT
// RUN: %nn-opt %s -nn-cpu-winograd-conv="min-channels=1 min-pixels=1 pad-tiles=true" --mlir-print-local-scope | FileCheck %s --check-prefix=PAD
// RUN: %nn-opt %s -nn-cpu-winograd-conv="min-channels=1 min-pixels=1 max-f2-filter-kib=0" --mlir-print-local-scope | FileCheck %s --check-prefix=NOF2

// Stride-1 3x3 convs with a constant filter become Winograd: 8x8 outputs
// take F(4x4,3x3) (6x6 tiles: 36 GEMMs over the 2x2 tiles), 6x6 outputs
// F(2x2,3x3) (4x4 tiles: 16 GEMMs over 3x3 tiles). The filter is transformed
// at compile time ([36, F, C] constant). The input transform runs per
// (image, channel): each of the 6 rows of a tile row is read once (4*W + 2
// floats for W tiles) and split into its 6 taps by stride-4 shuffles; per
// row a of the transformed tile, the 6 columns are written as one 6 x W
// block of v[a, b, c, t]. The output transform runs per (image, filter):
// 6 x W blocks of the products, the 4 output columns interleaved into one
// run of 4*W outputs added to the conv's init (bias or zeros). Every other
// case (stride 2, 1x1 and 5x5 filters, a runtime filter, an odd output,
// dilation 2) is left alone, and with the default options so are convs
// with fewer than 16 channels.
// CHECK-LABEL: func.func @f4
// CHECK-DAG:   %[[U:.*]] = arith.constant dense_resource<winograd_filter{{.*}}> : tensor<36x3x2xf32>
// CHECK:       %[[V4:.*]] = scf.forall (%[[N:.*]], %[[C:.*]]) in (1, 2) shared_outs(%{{.*}} = %{{.*}}) -> (tensor<6x6x2x4xf32>)
// CHECK:         %[[X:.*]] = tensor.extract_slice %arg0[%[[N]], %[[C]], 0, 0] [1, 1, 10, 10]
// CHECK:         scf.for
// CHECK-COUNT-6:   vector.transfer_read %[[X]]{{.*}} : tensor<10x10xf32>, vector<10xf32>
// CHECK:           vector.shuffle %{{.*}}, %{{.*}} [0, 4] : vector<10xf32>, vector<10xf32>
// CHECK:           vector.shuffle %{{.*}}, %{{.*}} [5, 9] : vector<10xf32>, vector<10xf32>
// CHECK-COUNT-6:   vector.transfer_write {{.*}} : vector<6x2xf32>, tensor<6x6x4xf32>
// CHECK:       %[[V:.*]] = tensor.collapse_shape %[[V4]] {{\[\[}}0, 1], [2], [3]] : tensor<6x6x2x4xf32> into tensor<36x2x4xf32>
// CHECK:       %[[M:.*]] = linalg.batch_matmul ins(%[[U]], %[[V]] : tensor<36x3x2xf32>, tensor<36x2x4xf32>) outs({{.*}} : tensor<36x3x4xf32>)
// CHECK:       %[[Y:.*]] = scf.forall (%{{.*}}, %[[F:.*]]) in (1, 3) shared_outs(%{{.*}} = %arg1) -> (tensor<1x3x8x8xf32>)
// CHECK:         tensor.extract_slice %[[M]][0, %[[F]], 0] [36, 1, 4] [1, 1, 1] : tensor<36x3x4xf32> to tensor<36x4xf32>
// CHECK:         scf.for
// CHECK-COUNT-6:   vector.transfer_read {{.*}} : tensor<36x4xf32>, vector<6x2xf32>
// CHECK:           vector.shuffle %{{.*}}, %{{.*}} [0, 2, 4, 6, 1, 3, 5, 7] : vector<8xf32>, vector<8xf32>
// CHECK:           %[[OLD:.*]] = vector.transfer_read {{.*}} : tensor<8x8xf32>, vector<8xf32>
// CHECK:           arith.addf %[[OLD]]
// CHECK:           vector.transfer_write {{.*}} : vector<8xf32>, tensor<8x8xf32>
// CHECK-NOT:   linalg.conv_2d_nchw_fchw
// CHECK:       return %[[Y]]
// DEFAULT-LABEL: func.func @f4
// DEFAULT:       linalg.conv_2d_nchw_fchw
func.func @f4(%x: tensor<1x2x10x10xf32>, %init: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %w = arith.constant dense<[[[[-1.0, 0.0, 1.0], [2.0, 3.0, -3.0], [-2.0, -1.0, 0.0]], [[1.0, 2.0, 3.0], [-3.0, -2.0, -1.0], [0.0, 1.0, 2.0]]], [[[3.0, -3.0, -2.0], [-1.0, 0.0, 1.0], [2.0, 3.0, -3.0]], [[-2.0, -1.0, 0.0], [1.0, 2.0, 3.0], [-3.0, -2.0, -1.0]]], [[[0.0, 1.0, 2.0], [3.0, -3.0, -2.0], [-1.0, 0.0, 1.0]], [[2.0, 3.0, -3.0], [-2.0, -1.0, 0.0], [1.0, 2.0, 3.0]]]]> : tensor<3x2x3x3xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[1, 1]> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x10x10xf32>, tensor<3x2x3x3xf32>) outs(%init : tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}

// F(2x2,3x3) with a batch of 2: taps at stride 2, T = 2 images x 3 x 3.
// With pad-tiles, its 18 tiles (a 2-column GEMM tail) become 32, the
// columns past 18 zero-filled.
// PAD-LABEL: func.func @f2
// PAD:       %[[Z:.*]] = linalg.fill {{.*}} -> tensor<4x4x3x14xf32>
// PAD:       tensor.insert_slice %[[Z]] into %{{.*}}[0, 0, 0, 18] [4, 4, 3, 14] [1, 1, 1, 1] : tensor<4x4x3x14xf32> into tensor<4x4x3x32xf32>
// PAD:       linalg.batch_matmul {{.*}} : tensor<16x4x3xf32>, tensor<16x3x32xf32>) outs({{.*}} : tensor<16x4x32xf32>)
// Its transformed filter (16 x 4 x 3 floats) above max-f2-filter-kib: kept.
// NOF2-LABEL: func.func @f2
// NOF2:       linalg.conv_2d_nchw_fchw
// CHECK-LABEL: func.func @f2
// CHECK:       arith.constant dense_resource<winograd_filter{{.*}}> : tensor<16x4x3xf32>
// CHECK:       scf.forall (%{{.*}}, %{{.*}}) in (2, 3) {{.*}} -> (tensor<4x4x3x18xf32>)
// CHECK-COUNT-4: vector.transfer_read {{.*}} : tensor<8x8xf32>, vector<8xf32>
// CHECK:         vector.shuffle %{{.*}}, %{{.*}} [1, 3, 5] : vector<8xf32>, vector<8xf32>
// CHECK:       linalg.batch_matmul {{.*}} : tensor<16x4x3xf32>, tensor<16x3x18xf32>) outs({{.*}} : tensor<16x4x18xf32>)
// CHECK:       scf.forall (%{{.*}}, %{{.*}}) in (2, 4) shared_outs(%{{.*}} = %arg1) -> (tensor<2x4x6x6xf32>)
// CHECK:         vector.shuffle %{{.*}}, %{{.*}} [0, 3, 1, 4, 2, 5] : vector<6xf32>, vector<6xf32>
// CHECK-NOT:   linalg.conv_2d_nchw_fchw
// CHECK:       return
func.func @f2(%x: tensor<2x3x8x8xf32>, %init: tensor<2x4x6x6xf32>) -> tensor<2x4x6x6xf32> {
  %w = arith.constant dense<[[[[-1.0, 0.0, 1.0], [2.0, 3.0, -3.0], [-2.0, -1.0, 0.0]], [[1.0, 2.0, 3.0], [-3.0, -2.0, -1.0], [0.0, 1.0, 2.0]], [[3.0, -3.0, -2.0], [-1.0, 0.0, 1.0], [2.0, 3.0, -3.0]]], [[[-2.0, -1.0, 0.0], [1.0, 2.0, 3.0], [-3.0, -2.0, -1.0]], [[0.0, 1.0, 2.0], [3.0, -3.0, -2.0], [-1.0, 0.0, 1.0]], [[2.0, 3.0, -3.0], [-2.0, -1.0, 0.0], [1.0, 2.0, 3.0]]], [[[-3.0, -2.0, -1.0], [0.0, 1.0, 2.0], [3.0, -3.0, -2.0]], [[-1.0, 0.0, 1.0], [2.0, 3.0, -3.0], [-2.0, -1.0, 0.0]], [[1.0, 2.0, 3.0], [-3.0, -2.0, -1.0], [0.0, 1.0, 2.0]]], [[[3.0, -3.0, -2.0], [-1.0, 0.0, 1.0], [2.0, 3.0, -3.0]], [[-2.0, -1.0, 0.0], [1.0, 2.0, 3.0], [-3.0, -2.0, -1.0]], [[0.0, 1.0, 2.0], [3.0, -3.0, -2.0], [-1.0, 0.0, 1.0]]]]> : tensor<4x3x3x3xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[1, 1]> : tensor<2xi64>}
      ins(%x, %w : tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>) outs(%init : tensor<2x4x6x6xf32>) -> tensor<2x4x6x6xf32>
  return %y : tensor<2x4x6x6xf32>
}

// Must not fire: Stride 2.
// CHECK-LABEL: func.func @stride2
// CHECK-NOT:   linalg.batch_matmul
// CHECK:       linalg.conv_2d_nchw_fchw
// CHECK-NOT:   linalg.batch_matmul
func.func @stride2(%x: tensor<1x2x9x9xf32>, %init: tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32> {
  %w = arith.constant dense<[[[[-1.0, 0.0, 1.0], [2.0, 3.0, -3.0], [-2.0, -1.0, 0.0]], [[1.0, 2.0, 3.0], [-3.0, -2.0, -1.0], [0.0, 1.0, 2.0]]], [[[3.0, -3.0, -2.0], [-1.0, 0.0, 1.0], [2.0, 3.0, -3.0]], [[-2.0, -1.0, 0.0], [1.0, 2.0, 3.0], [-3.0, -2.0, -1.0]]], [[[0.0, 1.0, 2.0], [3.0, -3.0, -2.0], [-1.0, 0.0, 1.0]], [[2.0, 3.0, -3.0], [-2.0, -1.0, 0.0], [1.0, 2.0, 3.0]]]]> : tensor<3x2x3x3xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[2, 2]> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x9x9xf32>, tensor<3x2x3x3xf32>) outs(%init : tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// Must not fire: A 1x1 filter.
// CHECK-LABEL: func.func @one_by_one
// CHECK-NOT:   linalg.batch_matmul
// CHECK:       linalg.conv_2d_nchw_fchw
// CHECK-NOT:   linalg.batch_matmul
func.func @one_by_one(%x: tensor<1x2x8x8xf32>, %init: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %w = arith.constant dense<[[[[-1.0]], [[0.0]]], [[[1.0]], [[2.0]]], [[[3.0]], [[-3.0]]]]> : tensor<3x2x1x1xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[1, 1]> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x8x8xf32>, tensor<3x2x1x1xf32>) outs(%init : tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}

// Must not fire: A 5x5 filter.
// CHECK-LABEL: func.func @five_by_five
// CHECK-NOT:   linalg.batch_matmul
// CHECK:       linalg.conv_2d_nchw_fchw
// CHECK-NOT:   linalg.batch_matmul
func.func @five_by_five(%x: tensor<1x2x12x12xf32>, %init: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %w = arith.constant dense<[[[[-1.0, 0.0, 1.0, 2.0, 3.0], [-3.0, -2.0, -1.0, 0.0, 1.0], [2.0, 3.0, -3.0, -2.0, -1.0], [0.0, 1.0, 2.0, 3.0, -3.0], [-2.0, -1.0, 0.0, 1.0, 2.0]], [[3.0, -3.0, -2.0, -1.0, 0.0], [1.0, 2.0, 3.0, -3.0, -2.0], [-1.0, 0.0, 1.0, 2.0, 3.0], [-3.0, -2.0, -1.0, 0.0, 1.0], [2.0, 3.0, -3.0, -2.0, -1.0]]], [[[0.0, 1.0, 2.0, 3.0, -3.0], [-2.0, -1.0, 0.0, 1.0, 2.0], [3.0, -3.0, -2.0, -1.0, 0.0], [1.0, 2.0, 3.0, -3.0, -2.0], [-1.0, 0.0, 1.0, 2.0, 3.0]], [[-3.0, -2.0, -1.0, 0.0, 1.0], [2.0, 3.0, -3.0, -2.0, -1.0], [0.0, 1.0, 2.0, 3.0, -3.0], [-2.0, -1.0, 0.0, 1.0, 2.0], [3.0, -3.0, -2.0, -1.0, 0.0]]], [[[1.0, 2.0, 3.0, -3.0, -2.0], [-1.0, 0.0, 1.0, 2.0, 3.0], [-3.0, -2.0, -1.0, 0.0, 1.0], [2.0, 3.0, -3.0, -2.0, -1.0], [0.0, 1.0, 2.0, 3.0, -3.0]], [[-2.0, -1.0, 0.0, 1.0, 2.0], [3.0, -3.0, -2.0, -1.0, 0.0], [1.0, 2.0, 3.0, -3.0, -2.0], [-1.0, 0.0, 1.0, 2.0, 3.0], [-3.0, -2.0, -1.0, 0.0, 1.0]]]]> : tensor<3x2x5x5xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[1, 1]> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x12x12xf32>, tensor<3x2x5x5xf32>) outs(%init : tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}

// Must not fire: A filter that is no constant.
// CHECK-LABEL: func.func @runtime_filter
// CHECK-NOT:   linalg.batch_matmul
// CHECK:       linalg.conv_2d_nchw_fchw
// CHECK-NOT:   linalg.batch_matmul
func.func @runtime_filter(%x: tensor<1x2x10x10xf32>, %init: tensor<1x3x8x8xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x3x8x8xf32> {
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[1, 1]> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x10x10xf32>, tensor<3x2x3x3xf32>) outs(%init : tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}

// Must not fire: An odd output size (ResNet's 7x7 layer 4).
// CHECK-LABEL: func.func @odd_output
// CHECK-NOT:   linalg.batch_matmul
// CHECK:       linalg.conv_2d_nchw_fchw
// CHECK-NOT:   linalg.batch_matmul
func.func @odd_output(%x: tensor<1x2x9x9xf32>, %init: tensor<1x3x7x7xf32>) -> tensor<1x3x7x7xf32> {
  %w = arith.constant dense<[[[[-1.0, 0.0, 1.0], [2.0, 3.0, -3.0], [-2.0, -1.0, 0.0]], [[1.0, 2.0, 3.0], [-3.0, -2.0, -1.0], [0.0, 1.0, 2.0]]], [[[3.0, -3.0, -2.0], [-1.0, 0.0, 1.0], [2.0, 3.0, -3.0]], [[-2.0, -1.0, 0.0], [1.0, 2.0, 3.0], [-3.0, -2.0, -1.0]]], [[[0.0, 1.0, 2.0], [3.0, -3.0, -2.0], [-1.0, 0.0, 1.0]], [[2.0, 3.0, -3.0], [-2.0, -1.0, 0.0], [1.0, 2.0, 3.0]]]]> : tensor<3x2x3x3xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[1, 1]> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x9x9xf32>, tensor<3x2x3x3xf32>) outs(%init : tensor<1x3x7x7xf32>) -> tensor<1x3x7x7xf32>
  return %y : tensor<1x3x7x7xf32>
}

// Must not fire: Dilation 2.
// CHECK-LABEL: func.func @dilation2
// CHECK-NOT:   linalg.batch_matmul
// CHECK:       linalg.conv_2d_nchw_fchw
// CHECK-NOT:   linalg.batch_matmul
func.func @dilation2(%x: tensor<1x2x12x12xf32>, %init: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %w = arith.constant dense<[[[[-1.0, 0.0, 1.0], [2.0, 3.0, -3.0], [-2.0, -1.0, 0.0]], [[1.0, 2.0, 3.0], [-3.0, -2.0, -1.0], [0.0, 1.0, 2.0]]], [[[3.0, -3.0, -2.0], [-1.0, 0.0, 1.0], [2.0, 3.0, -3.0]], [[-2.0, -1.0, 0.0], [1.0, 2.0, 3.0], [-3.0, -2.0, -1.0]]], [[[0.0, 1.0, 2.0], [3.0, -3.0, -2.0], [-1.0, 0.0, 1.0]], [[2.0, 3.0, -3.0], [-2.0, -1.0, 0.0], [1.0, 2.0, 3.0]]]]> : tensor<3x2x3x3xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<[2, 2]> : tensor<2xi64>, strides = dense<[1, 1]> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x12x12xf32>, tensor<3x2x3x3xf32>) outs(%init : tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}

// A bias broadcast along the filters as init: the output transform adds
// each filter's bias from a register (one extract per plane) instead of
// reading the init, which becomes an empty tensor (the broadcast dies).
// CHECK-LABEL: func.func @bias_init
// CHECK:       scf.forall (%{{.*}}, %[[F:.*]]) in (1, 3) shared_outs(%{{.*}} = %{{.*}}) -> (tensor<1x3x8x8xf32>)
// CHECK:         %[[B:.*]] = tensor.extract %arg1[%[[F]]] : tensor<3xf32>
// CHECK:         %[[START:.*]] = vector.broadcast %[[B]] : f32 to vector<8xf32>
// CHECK:         scf.for
// CHECK-NOT:       vector.transfer_read {{.*}} : tensor<8x8xf32>
// CHECK:           arith.addf %[[START]]
func.func @bias_init(%x: tensor<1x2x10x10xf32>, %bias: tensor<3xf32>) -> tensor<1x3x8x8xf32> {
  %w = arith.constant dense<[[[[-1.0, 0.0, 1.0], [2.0, 3.0, -3.0], [-2.0, -1.0, 0.0]], [[1.0, 2.0, 3.0], [-3.0, -2.0, -1.0], [0.0, 1.0, 2.0]]], [[[3.0, -3.0, -2.0], [-1.0, 0.0, 1.0], [2.0, 3.0, -3.0]], [[-2.0, -1.0, 0.0], [1.0, 2.0, 3.0], [-3.0, -2.0, -1.0]]], [[[0.0, 1.0, 2.0], [3.0, -3.0, -2.0], [-1.0, 0.0, 1.0]], [[2.0, 3.0, -3.0], [-2.0, -1.0, 0.0], [1.0, 2.0, 3.0]]]]> : tensor<3x2x3x3xf32>
  %e = tensor.empty() : tensor<1x3x8x8xf32>
  %init = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                          iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%bias : tensor<3xf32>) outs(%e : tensor<1x3x8x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x3x8x8xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[1, 1]> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x10x10xf32>, tensor<3x2x3x3xf32>) outs(%init : tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}
