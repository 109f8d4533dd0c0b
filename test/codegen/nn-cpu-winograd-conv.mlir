// RUN: %nn-opt %s -nn-cpu-winograd-conv="min-channels=1 min-pixels=1" --mlir-print-local-scope | FileCheck %s
// RUN: %nn-opt %s -nn-cpu-winograd-conv --mlir-print-local-scope | FileCheck %s --check-prefix=DEFAULT

// Stride-1 3x3 convs with a constant filter become Winograd: 8x8 outputs
// take F(4x4,3x3) (6x6 tiles: 36 GEMMs over the 2x2 tiles), 6x6 outputs
// F(2x2,3x3) (4x4 tiles: 16 GEMMs over 3x3 tiles). The filter is transformed
// at compile time ([36, F, C] constant); the input transform reads 6 rows,
// then 6 columns (stride 4), the output transform accumulates into the
// conv's init through a [N, F, TH, 4, TW, 4] view. Every other case
// (stride 2, 1x1 and 5x5 filters, a runtime filter, an odd output, dilation
// 2) is left alone, and with the default options so are convs with fewer
// than 16 channels.
// CHECK-LABEL: func.func @f4
// CHECK-DAG:   %[[U:.*]] = arith.constant dense_resource<winograd_filter{{.*}}> : tensor<36x3x2xf32>
// CHECK:       %[[R:.*]] = linalg.generic {{.*}}affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2 * 4 + 5, d3)>
// CHECK-SAME:      ins(%arg0, %arg0, %arg0, %arg0, %arg0, %arg0, {{.*}} : tensor<1x2x10x10xf32>
// CHECK-SAME:      outs({{.*}} : tensor<1x2x2x6x10xf32>)
// CHECK:       %[[V6:.*]] = linalg.generic {{.*}}(d2, d1, d3, d0, d4 * 4 + 5)
// CHECK-SAME:      outs({{.*}} : tensor<6x6x2x1x2x2xf32>)
// CHECK:       %[[V:.*]] = tensor.collapse_shape %[[V6]] {{\[\[}}0, 1], [2], [3, 4, 5]] : tensor<6x6x2x1x2x2xf32> into tensor<36x2x4xf32>
// CHECK:       %[[M:.*]] = linalg.batch_matmul ins(%[[U]], %[[V]] : tensor<36x3x2xf32>, tensor<36x2x4xf32>) outs({{.*}} : tensor<36x3x4xf32>)
// CHECK:       %[[M6:.*]] = tensor.expand_shape %[[M]] {{.*}} into tensor<6x6x3x1x2x2xf32>
// CHECK:       %[[S:.*]] = linalg.generic {{.*}} ins(%[[M6]], {{.*}} outs({{.*}} : tensor<4x6x3x1x2x2xf32>)
// CHECK:       %[[I6:.*]] = tensor.expand_shape %arg1 {{\[\[}}0], [1], [2, 3], [4, 5]] {{.*}} into tensor<1x3x2x4x2x4xf32>
// CHECK:       %[[Y6:.*]] = linalg.generic {{.*}} ins(%[[S]], {{.*}} outs(%[[I6]] : tensor<1x3x2x4x2x4xf32>)
// CHECK:         math.fma {{.*}}, %out
// CHECK:       %[[Y:.*]] = tensor.collapse_shape %[[Y6]] {{.*}} into tensor<1x3x8x8xf32>
// CHECK:       return %[[Y]]
// DEFAULT-LABEL: func.func @f4
// DEFAULT:       linalg.conv_2d_nchw_fchw
func.func @f4(%x: tensor<1x2x10x10xf32>, %init: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %w = arith.constant dense<[[[[-1.0, 0.0, 1.0], [2.0, 3.0, -3.0], [-2.0, -1.0, 0.0]], [[1.0, 2.0, 3.0], [-3.0, -2.0, -1.0], [0.0, 1.0, 2.0]]], [[[3.0, -3.0, -2.0], [-1.0, 0.0, 1.0], [2.0, 3.0, -3.0]], [[-2.0, -1.0, 0.0], [1.0, 2.0, 3.0], [-3.0, -2.0, -1.0]]], [[[0.0, 1.0, 2.0], [3.0, -3.0, -2.0], [-1.0, 0.0, 1.0]], [[2.0, 3.0, -3.0], [-2.0, -1.0, 0.0], [1.0, 2.0, 3.0]]]]> : tensor<3x2x3x3xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[1, 1]> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x10x10xf32>, tensor<3x2x3x3xf32>) outs(%init : tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}

// CHECK-LABEL: func.func @f2
// CHECK:       arith.constant dense_resource<winograd_filter{{.*}}> : tensor<16x4x3xf32>
// CHECK:       outs({{.*}} : tensor<2x3x3x4x8xf32>)
// CHECK:       outs({{.*}} : tensor<4x4x3x2x3x3xf32>)
// CHECK:       linalg.batch_matmul {{.*}} : tensor<16x4x3xf32>, tensor<16x3x18xf32>) outs({{.*}} : tensor<16x4x18xf32>)
// CHECK:       tensor.expand_shape %arg1 {{.*}} into tensor<2x4x3x2x3x2xf32>
// CHECK-NOT:   linalg.conv_2d_nchw_fchw
// CHECK:       return
func.func @f2(%x: tensor<2x3x8x8xf32>, %init: tensor<2x4x6x6xf32>) -> tensor<2x4x6x6xf32> {
  %w = arith.constant dense<[[[[-1.0, 0.0, 1.0], [2.0, 3.0, -3.0], [-2.0, -1.0, 0.0]], [[1.0, 2.0, 3.0], [-3.0, -2.0, -1.0], [0.0, 1.0, 2.0]], [[3.0, -3.0, -2.0], [-1.0, 0.0, 1.0], [2.0, 3.0, -3.0]]], [[[-2.0, -1.0, 0.0], [1.0, 2.0, 3.0], [-3.0, -2.0, -1.0]], [[0.0, 1.0, 2.0], [3.0, -3.0, -2.0], [-1.0, 0.0, 1.0]], [[2.0, 3.0, -3.0], [-2.0, -1.0, 0.0], [1.0, 2.0, 3.0]]], [[[-3.0, -2.0, -1.0], [0.0, 1.0, 2.0], [3.0, -3.0, -2.0]], [[-1.0, 0.0, 1.0], [2.0, 3.0, -3.0], [-2.0, -1.0, 0.0]], [[1.0, 2.0, 3.0], [-3.0, -2.0, -1.0], [0.0, 1.0, 2.0]]], [[[3.0, -3.0, -2.0], [-1.0, 0.0, 1.0], [2.0, 3.0, -3.0]], [[-2.0, -1.0, 0.0], [1.0, 2.0, 3.0], [-3.0, -2.0, -1.0]], [[0.0, 1.0, 2.0], [3.0, -3.0, -2.0], [-1.0, 0.0, 1.0]]]]> : tensor<4x3x3x3xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[1, 1]> : tensor<2xi64>}
      ins(%x, %w : tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>) outs(%init : tensor<2x4x6x6xf32>) -> tensor<2x4x6x6xf32>
  return %y : tensor<2x4x6x6xf32>
}

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

// CHECK-LABEL: func.func @runtime_filter
// CHECK-NOT:   linalg.batch_matmul
// CHECK:       linalg.conv_2d_nchw_fchw
// CHECK-NOT:   linalg.batch_matmul
func.func @runtime_filter(%x: tensor<1x2x10x10xf32>, %init: tensor<1x3x8x8xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x3x8x8xf32> {
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[1, 1]> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x10x10xf32>, tensor<3x2x3x3xf32>) outs(%init : tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}

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
