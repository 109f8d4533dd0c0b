// Gradient check of the data-movement rules against central finite differences in
// double precision (nn-gradcheck; see tools/nn-gradcheck).
// RUN: %nn-gradcheck %s | FileCheck %s
// CHECK: 13 passed, 0 failed

func.func @reshape(%x: tensor<2x3x4xf64>) -> tensor<6x4xf64> {
  %y = nn.reshape %x : tensor<2x3x4xf64> -> tensor<6x4xf64>
  %z = nn.mul %y, %y : (tensor<6x4xf64>, tensor<6x4xf64>) -> tensor<6x4xf64>
  return %z : tensor<6x4xf64>
}

func.func @squeeze_unsqueeze(%x: tensor<2x1x3xf64>) -> tensor<1x2x3xf64> {
  %y = nn.squeeze %x {axes = array<i64: 1>} : tensor<2x1x3xf64> -> tensor<2x3xf64>
  %z = nn.unsqueeze %y {axes = array<i64: 0>} : tensor<2x3xf64> -> tensor<1x2x3xf64>
  %w = nn.exp %z : tensor<1x2x3xf64>
  return %w : tensor<1x2x3xf64>
}

func.func @transpose(%x: tensor<2x3x4xf64>) -> tensor<4x2x3xf64> {
  %y = nn.transpose %x {perm = array<i64: 2, 0, 1>} : tensor<2x3x4xf64> -> tensor<4x2x3xf64>
  return %y : tensor<4x2x3xf64>
}

func.func @concat(%a: tensor<2x1xf64>, %b: tensor<2x3xf64>) -> tensor<2x5xf64> {
  %y = nn.concat %a, %b, %a {axis = -1 : i64} : (tensor<2x1xf64>, tensor<2x3xf64>, tensor<2x1xf64>) -> tensor<2x5xf64>
  return %y : tensor<2x5xf64>
}

func.func @split_one_used(%x: tensor<2x5xf64>) -> tensor<2x3xf64> {
  %a, %b = nn.split %x {axis = 1 : i64, sizes = array<i64: 2, 3>} : tensor<2x5xf64> -> tensor<2x2xf64>, tensor<2x3xf64>
  return %b : tensor<2x3xf64>
}

func.func @split_both(%x: tensor<2x5xf64>) -> (tensor<2x2xf64>, tensor<2x3xf64>) {
  %a, %b = nn.split %x {axis = 1 : i64, sizes = array<i64: 2, 3>} : tensor<2x5xf64> -> tensor<2x2xf64>, tensor<2x3xf64>
  return %a, %b : tensor<2x2xf64>, tensor<2x3xf64>
}

func.func @slice(%x: tensor<4x5xf64>) -> tensor<2x4xf64> {
  %y = nn.slice %x {starts = array<i64: 1, -4>, ends = array<i64: 3, 100>} : tensor<4x5xf64> -> tensor<2x4xf64>
  return %y : tensor<2x4xf64>
}

func.func @slice_steps(%x: tensor<4x7xf64>) -> tensor<2x3xf64> {
  %y = nn.slice %x {starts = array<i64: 1, 0>, ends = array<i64: 7, 4>, axes = array<i64: 1, 0>, steps = array<i64: 2, 3>} : tensor<4x7xf64> -> tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @slice_negative_step(%x: tensor<3x6xf64>) -> tensor<3x2xf64> {
  %y = nn.slice %x {starts = array<i64: -2>, ends = array<i64: 0>, axes = array<i64: 1>, steps = array<i64: -2>} : tensor<3x6xf64> -> tensor<3x2xf64>
  return %y : tensor<3x2xf64>
}

func.func @pad(%x: tensor<3x4xf64>) -> tensor<6x4xf64> {
  %y = nn.pad %x {pads = array<i64: 1, -1, 2, 1>, value = 3.0 : f64} : tensor<3x4xf64> -> tensor<6x4xf64>
  return %y : tensor<6x4xf64>
}

func.func @broadcast(%x: tensor<3x1xf64>) -> tensor<2x3x4xf64> {
  %y = nn.broadcast %x : tensor<3x1xf64> -> tensor<2x3x4xf64>
  return %y : tensor<2x3x4xf64>
}

func.func @tile(%x: tensor<2x3xf64>) -> tensor<4x9xf64> {
  %y = nn.tile %x {repeats = array<i64: 2, 3>} : tensor<2x3xf64> -> tensor<4x9xf64>
  return %y : tensor<4x9xf64>
}

func.func @trilu(%x: tensor<2x3x3xf64>) -> tensor<2x3x3xf64> {
  %y = nn.trilu %x {upper = false, k = 1 : i64} : tensor<2x3x3xf64> -> tensor<2x3x3xf64>
  return %y : tensor<2x3x3xf64>
}
