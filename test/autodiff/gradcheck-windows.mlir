// Gradient check of the convolution, windowed pooling and gather rules (and
// so of nn.conv_weight_grad, nn.max_pool_grad, nn.avg_pool_grad and
// nn.gather_grad) against central finite differences in double precision.
// RUN: %nn-gradcheck %s | FileCheck %s
// CHECK: 18 passed, 0 failed

func.func @conv2d(%x: tensor<2x2x5x5xf64>, %w: tensor<3x2x3x3xf64>, %b: tensor<3xf64>) -> tensor<2x3x5x5xf64> {
  %y = nn.conv %x, %w, %b {pads = array<i64: 1, 1, 1, 1>} : (tensor<2x2x5x5xf64>, tensor<3x2x3x3xf64>, tensor<3xf64>) -> tensor<2x3x5x5xf64>
  return %y : tensor<2x3x5x5xf64>
}

func.func @conv2d_strided_dilated_uneven(%x: tensor<1x2x7x6xf64>, %w: tensor<2x2x2x3xf64>) -> tensor<1x2x3x3xf64> {
  %y = nn.conv %x, %w {strides = array<i64: 2, 2>, dilations = array<i64: 2, 1>, pads = array<i64: 1, 0, 0, 1>} : (tensor<1x2x7x6xf64>, tensor<2x2x2x3xf64>) -> tensor<1x2x3x3xf64>
  return %y : tensor<1x2x3x3xf64>
}

func.func @conv2d_grouped(%x: tensor<1x4x4x4xf64>, %w: tensor<6x2x3x3xf64>) -> tensor<1x6x4x4xf64> {
  %y = nn.conv %x, %w {group = 2 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x4xf64>, tensor<6x2x3x3xf64>) -> tensor<1x6x4x4xf64>
  return %y : tensor<1x6x4x4xf64>
}

func.func @conv2d_depthwise(%x: tensor<1x3x4x4xf64>, %w: tensor<3x1x3x3xf64>) -> tensor<1x3x2x2xf64> {
  %y = nn.conv %x, %w {group = 3 : i64, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x4x4xf64>, tensor<3x1x3x3xf64>) -> tensor<1x3x2x2xf64>
  return %y : tensor<1x3x2x2xf64>
}

func.func @conv1d(%x: tensor<2x2x6xf64>, %w: tensor<3x2x3xf64>, %b: tensor<3xf64>) -> tensor<2x3x2xf64> {
  %y = nn.conv %x, %w, %b {strides = array<i64: 2>} : (tensor<2x2x6xf64>, tensor<3x2x3xf64>, tensor<3xf64>) -> tensor<2x3x2xf64>
  return %y : tensor<2x3x2xf64>
}

func.func @conv_transpose2d(%x: tensor<1x2x3x3xf64>, %w: tensor<2x3x3x3xf64>, %b: tensor<3xf64>) -> tensor<1x3x6x6xf64> {
  %y = nn.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>} : (tensor<1x2x3x3xf64>, tensor<2x3x3x3xf64>, tensor<3xf64>) -> tensor<1x3x6x6xf64>
  return %y : tensor<1x3x6x6xf64>
}

func.func @conv_transpose2d_grouped(%x: tensor<1x4x3x3xf64>, %w: tensor<4x1x2x2xf64>) -> tensor<1x2x4x4xf64> {
  %y = nn.conv_transpose %x, %w {group = 2 : i64} : (tensor<1x4x3x3xf64>, tensor<4x1x2x2xf64>) -> tensor<1x2x4x4xf64>
  return %y : tensor<1x2x4x4xf64>
}

func.func @max_pool2d(%x: tensor<2x2x4x4xf64>) -> tensor<2x2x2x2xf64> {
  %y = nn.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x2x4x4xf64> -> tensor<2x2x2x2xf64>
  return %y : tensor<2x2x2x2xf64>
}

// Non-overlapping windows that leave a last row/column outside every window
// (its gradient is zero): the tiled max/avg_pool_grad lowering plus padding.
func.func @max_pool2d_floor_leftover(%x: tensor<1x2x5x7xf64>) -> tensor<1x2x2x3xf64> {
  %y = nn.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x2x5x7xf64> -> tensor<1x2x2x3xf64>
  return %y : tensor<1x2x2x3xf64>
}

func.func @avg_pool2d_floor_leftover(%x: tensor<1x2x7x5xf64>) -> tensor<1x2x2x2xf64> {
  %y = nn.avg_pool %x {kernel_shape = array<i64: 3, 2>, strides = array<i64: 3, 2>} : tensor<1x2x7x5xf64> -> tensor<1x2x2x2xf64>
  return %y : tensor<1x2x2x2xf64>
}

func.func @max_pool1d_tiled(%x: tensor<2x3x9xf64>) -> tensor<2x3x3xf64> {
  %y = nn.max_pool %x {kernel_shape = array<i64: 3>, strides = array<i64: 3>} : tensor<2x3x9xf64> -> tensor<2x3x3xf64>
  return %y : tensor<2x3x3xf64>
}

func.func @max_pool2d_overlap_pad_ceil(%x: tensor<1x2x5x5xf64>) -> tensor<1x2x3x3xf64> {
  %y = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = true} : tensor<1x2x5x5xf64> -> tensor<1x2x3x3xf64>
  return %y : tensor<1x2x3x3xf64>
}

func.func @max_pool1d_dilated(%x: tensor<1x2x7xf64>) -> tensor<1x2x5xf64> {
  %y = nn.max_pool %x {kernel_shape = array<i64: 2>, dilations = array<i64: 2>} : tensor<1x2x7xf64> -> tensor<1x2x5xf64>
  return %y : tensor<1x2x5xf64>
}

func.func @avg_pool2d(%x: tensor<2x2x4x4xf64>) -> tensor<2x2x2x2xf64> {
  %y = nn.avg_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x2x4x4xf64> -> tensor<2x2x2x2xf64>
  return %y : tensor<2x2x2x2xf64>
}

func.func @avg_pool2d_pad_exclude(%x: tensor<1x2x5x5xf64>) -> tensor<1x2x3x3xf64> {
  %y = nn.avg_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = true} : tensor<1x2x5x5xf64> -> tensor<1x2x3x3xf64>
  return %y : tensor<1x2x3x3xf64>
}

func.func @avg_pool2d_pad_include(%x: tensor<1x1x5x4xf64>) -> tensor<1x1x3x4xf64> {
  %y = nn.avg_pool %x {kernel_shape = array<i64: 3, 2>, strides = array<i64: 2, 1>, pads = array<i64: 1, 0, 1, 1>, count_include_pad = true} : tensor<1x1x5x4xf64> -> tensor<1x1x3x4xf64>
  return %y : tensor<1x1x3x4xf64>
}

func.func @gather_rows(%t: tensor<5x3xf64>, %i: tensor<2x3xi64> {gc.lo = -5.0 : f64, gc.hi = 5.0 : f64}) -> tensor<2x3x3xf64> {
  %y = nn.gather %t, %i {axis = 0 : i64} : (tensor<5x3xf64>, tensor<2x3xi64>) -> tensor<2x3x3xf64>
  return %y : tensor<2x3x3xf64>
}

func.func @gather_middle_axis(%t: tensor<2x4x3xf64>, %i: tensor<3xi32> {gc.lo = 0.0 : f64, gc.hi = 4.0 : f64}) -> tensor<2x3x3xf64> {
  %y = nn.gather %t, %i {axis = 1 : i64} : (tensor<2x4x3xf64>, tensor<3xi32>) -> tensor<2x3x3xf64>
  return %y : tensor<2x3x3xf64>
}
