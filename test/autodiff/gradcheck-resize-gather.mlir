// Gradient check of the resize rule (the transposed interpolation matrix per
// resized axis) and the gather_elements rule (a one-hot scatter-add) against
// central finite differences in double precision.
// RUN: %nn-gradcheck %s | FileCheck %s
// CHECK: 11 passed, 0 failed

// Repeated indices accumulate; negative ones count from the end.
func.func @gather_elements_axis1(%x: tensor<3x8xf64>, %i: tensor<3x5xi64> {gc.lo = -8.0 : f64, gc.hi = 8.0 : f64}) -> tensor<3x5xf64> {
  %y = nn.gather_elements %x, %i {axis = 1 : i64} : (tensor<3x8xf64>, tensor<3x5xi64>) -> tensor<3x5xf64>
  return %y : tensor<3x5xf64>
}

// Indices smaller than the data off the axis: the rest gets no gradient.
func.func @gather_elements_axis0_partial(%x: tensor<4x3x2xf64>, %i: tensor<6x2x1xi32> {gc.lo = 0.0 : f64, gc.hi = 4.0 : f64}) -> tensor<6x2x1xf64> {
  %y = nn.gather_elements %x, %i {axis = -3 : i64} : (tensor<4x3x2xf64>, tensor<6x2x1xi32>) -> tensor<6x2x1xf64>
  %z = nn.mul %y, %y : (tensor<6x2x1xf64>, tensor<6x2x1xf64>) -> tensor<6x2x1xf64>
  return %z : tensor<6x2x1xf64>
}

func.func @resize_nearest_up(%x: tensor<1x2x3x3xf64>) -> tensor<1x2x6x6xf64> {
  %y = nn.resize %x {mode = #nn<resize nearest>, scales = array<f64: 1.0, 1.0, 2.0, 2.0>} : tensor<1x2x3x3xf64> -> tensor<1x2x6x6xf64>
  return %y : tensor<1x2x6x6xf64>
}

func.func @resize_nearest_down_floor(%x: tensor<2x7xf64>) -> tensor<2x3xf64> {
  %y = nn.resize %x {mode = #nn<resize nearest>, coordinate_transformation = #nn<coord asymmetric>, nearest_mode = #nn<nearest floor>} : tensor<2x7xf64> -> tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @resize_nearest_tf_ceil(%x: tensor<1x1x5x5xf64>) -> tensor<1x1x3x4xf64> {
  %y = nn.resize %x {mode = #nn<resize nearest>, coordinate_transformation = #nn<coord tf_half_pixel_for_nn>, nearest_mode = #nn<nearest ceil>} : tensor<1x1x5x5xf64> -> tensor<1x1x3x4xf64>
  return %y : tensor<1x1x3x4xf64>
}

func.func @resize_nearest_prefer_ceil(%x: tensor<1x1x4x4xf64>) -> tensor<1x1x6x6xf64> {
  %y = nn.resize %x {mode = #nn<resize nearest>, nearest_mode = #nn<nearest round_prefer_ceil>} : tensor<1x1x4x4xf64> -> tensor<1x1x6x6xf64>
  return %y : tensor<1x1x6x6xf64>
}

func.func @resize_linear_half_pixel(%x: tensor<1x2x4x5xf64>) -> tensor<1x2x8x3xf64> {
  %y = nn.resize %x {mode = #nn<resize linear>} : tensor<1x2x4x5xf64> -> tensor<1x2x8x3xf64>
  %z = nn.mul %y, %y : (tensor<1x2x8x3xf64>, tensor<1x2x8x3xf64>) -> tensor<1x2x8x3xf64>
  return %z : tensor<1x2x8x3xf64>
}

func.func @resize_linear_align_corners(%x: tensor<1x1x5x5xf64>) -> tensor<1x1x7x2xf64> {
  %y = nn.resize %x {mode = #nn<resize linear>, coordinate_transformation = #nn<coord align_corners>} : tensor<1x1x5x5xf64> -> tensor<1x1x7x2xf64>
  return %y : tensor<1x1x7x2xf64>
}

func.func @resize_linear_pytorch_scales(%x: tensor<1x1x3x4xf64>) -> tensor<1x1x1x10xf64> {
  %y = nn.resize %x {mode = #nn<resize linear>, coordinate_transformation = #nn<coord pytorch_half_pixel>, scales = array<f64: 1.0, 1.0, 0.4, 2.5>} : tensor<1x1x3x4xf64> -> tensor<1x1x1x10xf64>
  return %y : tensor<1x1x1x10xf64>
}

func.func @resize_linear_asymmetric_3d(%x: tensor<2x3x4xf64>) -> tensor<4x5x2xf64> {
  %y = nn.resize %x {mode = #nn<resize linear>, coordinate_transformation = #nn<coord asymmetric>} : tensor<2x3x4xf64> -> tensor<4x5x2xf64>
  return %y : tensor<4x5x2xf64>
}

// f32 through the f32 weight matrix.
func.func @resize_linear_f32(%x: tensor<1x1x3x3xf32>) -> tensor<1x1x5x5xf32> {
  %y = nn.resize %x {mode = #nn<resize linear>} : tensor<1x1x3x3xf32> -> tensor<1x1x5x5xf32>
  return %y : tensor<1x1x5x5xf32>
}
