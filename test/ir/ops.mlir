// RUN: %nn-opt %s | %nn-opt | FileCheck %s
// RUN: %nn-opt %s --nn-infer-shapes | FileCheck %s --check-prefix=INFER
// Round trip of every nn op: print, parse again, check. Sections follow the
// op families in ir/NN*Ops.td.

//===--- Elementwise ---===//

// CHECK-LABEL: func.func @unary
func.func @unary(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: nn.neg %{{.*}} : tensor<2x3xf32>
  %0 = nn.neg %x : tensor<2x3xf32>
  // CHECK: nn.abs
  %1 = nn.abs %0 : tensor<2x3xf32>
  // CHECK: nn.exp
  %2 = nn.exp %1 : tensor<2x3xf32>
  // CHECK: nn.log
  %3 = nn.log %2 : tensor<2x3xf32>
  // CHECK: nn.sqrt
  %4 = nn.sqrt %3 : tensor<2x3xf32>
  // CHECK: nn.rsqrt
  %5 = nn.rsqrt %4 : tensor<2x3xf32>
  // CHECK: nn.reciprocal
  %6 = nn.reciprocal %5 : tensor<2x3xf32>
  // CHECK: nn.tanh
  %7 = nn.tanh %6 : tensor<2x3xf32>
  // CHECK: nn.sigmoid
  %8 = nn.sigmoid %7 : tensor<2x3xf32>
  // CHECK: nn.relu
  %9 = nn.relu %8 : tensor<2x3xf32>
  // CHECK: nn.erf
  %10 = nn.erf %9 : tensor<2x3xf32>
  // CHECK: nn.softplus
  %11 = nn.softplus %10 : tensor<2x3xf32>
  // CHECK: nn.floor
  %12 = nn.floor %11 : tensor<2x3xf32>
  // CHECK: nn.ceil
  %13 = nn.ceil %12 : tensor<2x3xf32>
  return %13 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @unary_integer
func.func @unary_integer(%x: tensor<3xi64>) -> tensor<3xi64> {
  // CHECK: nn.neg %{{.*}} : tensor<3xi64>
  %0 = nn.neg %x : tensor<3xi64>
  // CHECK: nn.abs %{{.*}} : tensor<3xi64>
  %1 = nn.abs %0 : tensor<3xi64>
  return %1 : tensor<3xi64>
}

// CHECK-LABEL: func.func @unary_with_attributes
func.func @unary_with_attributes(%x: tensor<?x8xf16>) -> tensor<?x8xf16> {
  // CHECK: nn.leaky_relu %{{.*}} : tensor<?x8xf16>
  %0 = nn.leaky_relu %x : tensor<?x8xf16>
  // CHECK: nn.leaky_relu %{{.*}} {alpha = 2.000000e-01 : f64}
  %1 = nn.leaky_relu %0 {alpha = 0.2 : f64} : tensor<?x8xf16>
  // CHECK: nn.elu %{{.*}} {alpha = 5.000000e-01 : f64}
  %2 = nn.elu %1 {alpha = 0.5 : f64} : tensor<?x8xf16>
  // CHECK: nn.selu
  %3 = nn.selu %2 : tensor<?x8xf16>
  // CHECK: nn.gelu %{{.*}} : tensor<?x8xf16>
  %4 = nn.gelu %3 : tensor<?x8xf16>
  // CHECK: nn.gelu %{{.*}} {approximation = #nn<gelu tanh>}
  %5 = nn.gelu %4 {approximation = #nn<gelu tanh>} : tensor<?x8xf16>
  // CHECK: nn.clamp %{{.*}} {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64}
  %6 = nn.clamp %5 {min = 0.0 : f64, max = 6.0 : f64} : tensor<?x8xf16>
  // CHECK: nn.clamp %{{.*}} {max = 1.000000e+00 : f64} : tensor<?x8xf16>
  %7 = nn.clamp %6 {max = 1.0 : f64} : tensor<?x8xf16>
  return %7 : tensor<?x8xf16>
}

// CHECK-LABEL: func.func @binary_broadcast
func.func @binary_broadcast(%a: tensor<4x1x3xf32>, %b: tensor<5x3xf32>, %s: tensor<f32>)
    -> tensor<4x5x3xf32> {
  // CHECK: nn.add %{{.*}}, %{{.*}} : (tensor<4x1x3xf32>, tensor<5x3xf32>) -> tensor<4x5x3xf32>
  %0 = nn.add %a, %b : (tensor<4x1x3xf32>, tensor<5x3xf32>) -> tensor<4x5x3xf32>
  // CHECK: nn.sub {{.*}} -> tensor<4x5x3xf32>
  %1 = nn.sub %0, %s : (tensor<4x5x3xf32>, tensor<f32>) -> tensor<4x5x3xf32>
  // CHECK: nn.mul
  %2 = nn.mul %1, %b : (tensor<4x5x3xf32>, tensor<5x3xf32>) -> tensor<4x5x3xf32>
  // CHECK: nn.div
  %3 = nn.div %2, %s : (tensor<4x5x3xf32>, tensor<f32>) -> tensor<4x5x3xf32>
  // CHECK: nn.pow
  %4 = nn.pow %3, %s : (tensor<4x5x3xf32>, tensor<f32>) -> tensor<4x5x3xf32>
  // CHECK: nn.max
  %5 = nn.max %4, %a : (tensor<4x5x3xf32>, tensor<4x1x3xf32>) -> tensor<4x5x3xf32>
  // CHECK: nn.min
  %6 = nn.min %5, %a : (tensor<4x5x3xf32>, tensor<4x1x3xf32>) -> tensor<4x5x3xf32>
  return %6 : tensor<4x5x3xf32>
}

// A dynamic batch broadcasts against 1 and stays dynamic; against a static
// extent > 1 the declared type may be the static one.
// CHECK-LABEL: func.func @binary_dynamic
func.func @binary_dynamic(%a: tensor<?x3xf32>, %b: tensor<1x3xf32>, %c: tensor<4x3xf32>)
    -> (tensor<?x3xf32>, tensor<4x3xf32>) {
  // CHECK: nn.add {{.*}} -> tensor<?x3xf32>
  %0 = nn.add %a, %b : (tensor<?x3xf32>, tensor<1x3xf32>) -> tensor<?x3xf32>
  // CHECK: nn.add {{.*}} -> tensor<4x3xf32>
  %1 = nn.add %a, %c : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return %0, %1 : tensor<?x3xf32>, tensor<4x3xf32>
}

// CHECK-LABEL: func.func @integer_binary
func.func @integer_binary(%a: tensor<3xi64>, %b: tensor<i64>) -> tensor<3xi64> {
  // CHECK: nn.add {{.*}} : (tensor<3xi64>, tensor<i64>) -> tensor<3xi64>
  %0 = nn.add %a, %b : (tensor<3xi64>, tensor<i64>) -> tensor<3xi64>
  // CHECK: nn.div
  %1 = nn.div %0, %b : (tensor<3xi64>, tensor<i64>) -> tensor<3xi64>
  return %1 : tensor<3xi64>
}

// CHECK-LABEL: func.func @prelu
func.func @prelu(%x: tensor<2x3x4x4xf32>, %s: tensor<3x1x1xf32>) -> tensor<2x3x4x4xf32> {
  // CHECK: nn.prelu %{{.*}}, %{{.*}} : (tensor<2x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<2x3x4x4xf32>
  %0 = nn.prelu %x, %s : (tensor<2x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<2x3x4x4xf32>
  return %0 : tensor<2x3x4x4xf32>
}

// CHECK-LABEL: func.func @compare_and_logic
func.func @compare_and_logic(%a: tensor<4xf32>, %b: tensor<1xf32>, %i: tensor<4xi32>)
    -> tensor<4xi1> {
  // CHECK: nn.cmp lt, %{{.*}}, %{{.*}} : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xi1>
  %0 = nn.cmp lt, %a, %b : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xi1>
  // CHECK: nn.cmp eq
  %1 = nn.cmp eq, %i, %i : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  // CHECK: nn.cmp ne
  %2 = nn.cmp ne, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  // CHECK: nn.cmp le
  %3 = nn.cmp le, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  // CHECK: nn.cmp gt
  %4 = nn.cmp gt, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  // CHECK: nn.cmp ge
  %5 = nn.cmp ge, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  // CHECK: nn.and
  %6 = nn.and %0, %1 : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK: nn.or
  %7 = nn.or %6, %2 : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK: nn.xor
  %8 = nn.xor %7, %3 : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK: nn.not %{{.*}} : tensor<4xi1>
  %9 = nn.not %8 : tensor<4xi1>
  %10 = nn.and %9, %4 : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %11 = nn.and %10, %5 : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %11 : tensor<4xi1>
}

// CHECK-LABEL: func.func @select_and_cast
func.func @select_and_cast(%c: tensor<4x1xi1>, %a: tensor<4x8xf32>, %b: tensor<f32>)
    -> tensor<4x8xi64> {
  // CHECK: nn.select %{{.*}}, %{{.*}}, %{{.*}} : (tensor<4x1xi1>, tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  %0 = nn.select %c, %a, %b : (tensor<4x1xi1>, tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  // CHECK: nn.cast %{{.*}} : tensor<4x8xf32> -> tensor<4x8xi64>
  %1 = nn.cast %0 : tensor<4x8xf32> -> tensor<4x8xi64>
  return %1 : tensor<4x8xi64>
}


//===--- Data movement ---===//

// CHECK-LABEL: func @constant
func.func @constant() -> (tensor<2x2xf32>, tensor<3xi64>) {
  // CHECK: nn.constant dense<1.000000e+00> : tensor<2x2xf32>
  %0 = nn.constant dense<1.0> : tensor<2x2xf32>
  // CHECK: nn.constant dense<[1, 2, 3]> : tensor<3xi64>
  %1 = nn.constant dense<[1, 2, 3]> : tensor<3xi64>
  return %0, %1 : tensor<2x2xf32>, tensor<3xi64>
}

// CHECK-LABEL: func @reshape
func.func @reshape(%x: tensor<2x3x4xf32>, %d: tensor<?x3x4xf32>) -> (tensor<6x4xf32>, tensor<?x12xf32>, tensor<?xf32>) {
  // CHECK: nn.reshape %{{.*}} : tensor<2x3x4xf32> -> tensor<6x4xf32>
  %0 = nn.reshape %x : tensor<2x3x4xf32> -> tensor<6x4xf32>
  // CHECK: nn.reshape %{{.*}} : tensor<?x3x4xf32> -> tensor<?x12xf32>
  %1 = nn.reshape %d : tensor<?x3x4xf32> -> tensor<?x12xf32>
  // CHECK: nn.reshape %{{.*}} : tensor<2x3x4xf32> -> tensor<?xf32>
  %2 = nn.reshape %x : tensor<2x3x4xf32> -> tensor<?xf32>
  return %0, %1, %2 : tensor<6x4xf32>, tensor<?x12xf32>, tensor<?xf32>
}

// CHECK-LABEL: func @transpose
func.func @transpose(%x: tensor<?x3x4xf32>) -> tensor<4x?x3xf32> {
  // CHECK: nn.transpose %{{.*}} {perm = array<i64: 2, 0, 1>} : tensor<?x3x4xf32> -> tensor<4x?x3xf32>
  %0 = nn.transpose %x {perm = array<i64: 2, 0, 1>} : tensor<?x3x4xf32> -> tensor<4x?x3xf32>
  return %0 : tensor<4x?x3xf32>
}

// CHECK-LABEL: func @concat
func.func @concat(%a: tensor<?x3xf32>, %b: tensor<2x5xf32>, %c: tensor<?x4xi32>, %d: tensor<?x4xi32>) -> (tensor<2x8xf32>, tensor<?x4xi32>, tensor<?x4xi32>) {
  // CHECK: nn.concat %{{.*}}, %{{.*}} {axis = -1 : i64} : (tensor<?x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  %0 = nn.concat %a, %b {axis = -1 : i64} : (tensor<?x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  // CHECK: nn.concat %{{.*}}, %{{.*}} {axis = 0 : i64} : (tensor<?x4xi32>, tensor<?x4xi32>) -> tensor<?x4xi32>
  %1 = nn.concat %c, %d {axis = 0 : i64} : (tensor<?x4xi32>, tensor<?x4xi32>) -> tensor<?x4xi32>
  // CHECK: nn.concat %{{.*}} {axis = 1 : i64} : (tensor<?x4xi32>) -> tensor<?x4xi32>
  %2 = nn.concat %c {axis = 1 : i64} : (tensor<?x4xi32>) -> tensor<?x4xi32>
  return %0, %1, %2 : tensor<2x8xf32>, tensor<?x4xi32>, tensor<?x4xi32>
}

// CHECK-LABEL: func @slice
func.func @slice(%x: tensor<?x10xf32>, %y: tensor<8x6xf32>) -> (tensor<?x8xf32>, tensor<4x3xf32>, tensor<?x10xf32>, tensor<0x6xf32>) {
  // CHECK: nn.slice %{{.*}} {axes = array<i64: 1>, ends = array<i64: -1>, starts = array<i64: 1>} : tensor<?x10xf32> -> tensor<?x8xf32>
  %0 = nn.slice %x {starts = array<i64: 1>, ends = array<i64: -1>, axes = array<i64: 1>} : tensor<?x10xf32> -> tensor<?x8xf32>
  // Negative steps walk backwards from the clamped start: 8 -> [7, 5, 3, 1].
  // CHECK: nn.slice %{{.*}} {ends = array<i64: -9223372036854775808, 9223372036854775807>, starts = array<i64: 9223372036854775807, 0>, steps = array<i64: -2, 2>} : tensor<8x6xf32> -> tensor<4x3xf32>
  %1 = nn.slice %y {starts = array<i64: 9223372036854775807, 0>, ends = array<i64: -9223372036854775808, 9223372036854775807>, steps = array<i64: -2, 2>} : tensor<8x6xf32> -> tensor<4x3xf32>
  // CHECK: nn.slice %{{.*}} {axes = array<i64: 0>, ends = array<i64: 9223372036854775807>, starts = array<i64: 0>, steps = array<i64: 1>} : tensor<?x10xf32> -> tensor<?x10xf32>
  %2 = nn.slice %x {starts = array<i64: 0>, ends = array<i64: 9223372036854775807>, axes = array<i64: 0>, steps = array<i64: 1>} : tensor<?x10xf32> -> tensor<?x10xf32>
  // An empty range gives extent 0.
  // CHECK: nn.slice %{{.*}} {axes = array<i64: -2>, ends = array<i64: 2>, starts = array<i64: 5>} : tensor<8x6xf32> -> tensor<0x6xf32>
  %3 = nn.slice %y {starts = array<i64: 5>, ends = array<i64: 2>, axes = array<i64: -2>} : tensor<8x6xf32> -> tensor<0x6xf32>
  return %0, %1, %2, %3 : tensor<?x8xf32>, tensor<4x3xf32>, tensor<?x10xf32>, tensor<0x6xf32>
}

// CHECK-LABEL: func @gather
func.func @gather(%t: tensor<1000x64xf32>, %ids: tensor<?x16xi64>, %i: tensor<i32>) -> (tensor<?x16x64xf32>, tensor<1000xf32>) {
  // CHECK: nn.gather %{{.*}}, %{{.*}} : (tensor<1000x64xf32>, tensor<?x16xi64>) -> tensor<?x16x64xf32>
  %0 = nn.gather %t, %ids : (tensor<1000x64xf32>, tensor<?x16xi64>) -> tensor<?x16x64xf32>
  // CHECK: nn.gather %{{.*}}, %{{.*}} {axis = -1 : i64} : (tensor<1000x64xf32>, tensor<i32>) -> tensor<1000xf32>
  %1 = nn.gather %t, %i {axis = -1 : i64} : (tensor<1000x64xf32>, tensor<i32>) -> tensor<1000xf32>
  return %0, %1 : tensor<?x16x64xf32>, tensor<1000xf32>
}

// CHECK-LABEL: func @gather_elements
func.func @gather_elements(%x: tensor<?x8xf32>, %i: tensor<?x2xi64>) -> tensor<?x2xf32> {
  // CHECK: nn.gather_elements %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<?x8xf32>, tensor<?x2xi64>) -> tensor<?x2xf32>
  %0 = nn.gather_elements %x, %i {axis = 1 : i64} : (tensor<?x8xf32>, tensor<?x2xi64>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// CHECK-LABEL: func @pad
func.func @pad(%x: tensor<?x8xf32>, %y: tensor<4x4xi32>) -> (tensor<?x10xf32>, tensor<?x9xf32>, tensor<5x2xi32>) {
  // CHECK: nn.pad %{{.*}} {mode = #nn<pad reflect>, pads = array<i64: 0, 1, 0, 1>} : tensor<?x8xf32> -> tensor<?x10xf32>
  %0 = nn.pad %x {pads = array<i64: 0, 1, 0, 1>, mode = #nn<pad reflect>} : tensor<?x8xf32> -> tensor<?x10xf32>
  // CHECK: nn.pad %{{.*}} {pads = array<i64: 1, 0, 2, 1>, value = 1.500000e+00 : f64} : tensor<?x8xf32> -> tensor<?x9xf32>
  %1 = nn.pad %x {pads = array<i64: 1, 0, 2, 1>, value = 1.5 : f64} : tensor<?x8xf32> -> tensor<?x9xf32>
  // Negative pads crop.
  // CHECK: nn.pad %{{.*}} {mode = #nn<pad edge>, pads = array<i64: 1, -1, 0, -1>} : tensor<4x4xi32> -> tensor<5x2xi32>
  %2 = nn.pad %y {pads = array<i64: 1, -1, 0, -1>, mode = #nn<pad edge>} : tensor<4x4xi32> -> tensor<5x2xi32>
  return %0, %1, %2 : tensor<?x10xf32>, tensor<?x9xf32>, tensor<5x2xi32>
}

// CHECK-LABEL: func @broadcast
func.func @broadcast(%x: tensor<1x8xf32>, %d: tensor<?x1xi64>) -> (tensor<?x4x8xf32>, tensor<3x5x6xi64>) {
  // CHECK: nn.broadcast %{{.*}} : tensor<1x8xf32> -> tensor<?x4x8xf32>
  %0 = nn.broadcast %x : tensor<1x8xf32> -> tensor<?x4x8xf32>
  // CHECK: nn.broadcast %{{.*}} : tensor<?x1xi64> -> tensor<3x5x6xi64>
  %1 = nn.broadcast %d : tensor<?x1xi64> -> tensor<3x5x6xi64>
  return %0, %1 : tensor<?x4x8xf32>, tensor<3x5x6xi64>
}

// CHECK-LABEL: func @tile
func.func @tile(%x: tensor<?x4xf32>) -> tensor<?x12xf32> {
  // CHECK: nn.tile %{{.*}} {repeats = array<i64: 2, 3>} : tensor<?x4xf32> -> tensor<?x12xf32>
  %0 = nn.tile %x {repeats = array<i64: 2, 3>} : tensor<?x4xf32> -> tensor<?x12xf32>
  return %0 : tensor<?x12xf32>
}

// CHECK-LABEL: func @squeeze_unsqueeze
func.func @squeeze_unsqueeze(%x: tensor<?x1x8xf32>, %s: tensor<1x3x1xf32>) -> (tensor<?x8xf32>, tensor<3xf32>, tensor<1x?x1x8x1xf32>) {
  // CHECK: nn.squeeze %{{.*}} {axes = array<i64: -2>} : tensor<?x1x8xf32> -> tensor<?x8xf32>
  %0 = nn.squeeze %x {axes = array<i64: -2>} : tensor<?x1x8xf32> -> tensor<?x8xf32>
  // CHECK: nn.squeeze %{{.*}} : tensor<1x3x1xf32> -> tensor<3xf32>
  %1 = nn.squeeze %s : tensor<1x3x1xf32> -> tensor<3xf32>
  // CHECK: nn.unsqueeze %{{.*}} {axes = array<i64: 0, -1>} : tensor<?x1x8xf32> -> tensor<1x?x1x8x1xf32>
  %2 = nn.unsqueeze %x {axes = array<i64: 0, -1>} : tensor<?x1x8xf32> -> tensor<1x?x1x8x1xf32>
  return %0, %1, %2 : tensor<?x8xf32>, tensor<3xf32>, tensor<1x?x1x8x1xf32>
}

// CHECK-LABEL: func @split
func.func @split(%x: tensor<?x8xf32>) -> (tensor<?x2xf32>, tensor<?x6xf32>, tensor<3x8xf32>) {
  // CHECK: %{{.*}}:2 = nn.split %{{.*}} {axis = 1 : i64, sizes = array<i64: 2, 6>} : tensor<?x8xf32> -> tensor<?x2xf32>, tensor<?x6xf32>
  %0:2 = nn.split %x {axis = 1 : i64, sizes = array<i64: 2, 6>} : tensor<?x8xf32> -> tensor<?x2xf32>, tensor<?x6xf32>
  // The dynamic axis takes the sizes as given.
  // CHECK: nn.split %{{.*}} {axis = -2 : i64, sizes = array<i64: 3>} : tensor<?x8xf32> -> tensor<3x8xf32>
  %1 = nn.split %x {axis = -2 : i64, sizes = array<i64: 3>} : tensor<?x8xf32> -> tensor<3x8xf32>
  return %0#0, %0#1, %1 : tensor<?x2xf32>, tensor<?x6xf32>, tensor<3x8xf32>
}

// CHECK-LABEL: func @resize
func.func @resize(%x: tensor<?x3x8x8xf32>, %y: tensor<1x1x5x5xf16>) -> (tensor<?x3x16x16xf32>, tensor<1x1x7x2xf16>) {
  // CHECK: nn.resize %{{.*}} {mode = #nn<resize nearest>, scales = array<f64: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>} : tensor<?x3x8x8xf32> -> tensor<?x3x16x16xf32>
  %0 = nn.resize %x {mode = #nn<resize nearest>, scales = array<f64: 1.0, 1.0, 2.0, 2.0>} : tensor<?x3x8x8xf32> -> tensor<?x3x16x16xf32>
  // CHECK: nn.resize %{{.*}} {coordinate_transformation = #nn<coord align_corners>, mode = #nn<resize linear>, nearest_mode = #nn<nearest floor>} : tensor<1x1x5x5xf16> -> tensor<1x1x7x2xf16>
  %1 = nn.resize %y {mode = #nn<resize linear>, coordinate_transformation = #nn<coord align_corners>, nearest_mode = #nn<nearest floor>} : tensor<1x1x5x5xf16> -> tensor<1x1x7x2xf16>
  // CHECK: nn.resize %{{.*}} {coordinate_transformation = #nn<coord tf_half_pixel_for_nn>, mode = #nn<resize nearest>} : tensor<1x1x5x5xf16> -> tensor<1x1x3x3xf16>
  %2 = nn.resize %y {mode = #nn<resize nearest>, coordinate_transformation = #nn<coord tf_half_pixel_for_nn>} : tensor<1x1x5x5xf16> -> tensor<1x1x3x3xf16>
  return %0, %1 : tensor<?x3x16x16xf32>, tensor<1x1x7x2xf16>
}

// CHECK-LABEL: func @trilu
func.func @trilu(%x: tensor<?x4x4xf32>, %y: tensor<3x5xi64>) -> (tensor<?x4x4xf32>, tensor<3x5xi64>, tensor<3x5xi64>) {
  // CHECK: nn.trilu %{{.*}} {upper = false} : tensor<?x4x4xf32> -> tensor<?x4x4xf32>
  %0 = nn.trilu %x {upper = false} : tensor<?x4x4xf32> -> tensor<?x4x4xf32>
  // CHECK: nn.trilu %{{.*}} {k = -1 : i64} : tensor<3x5xi64> -> tensor<3x5xi64>
  %1 = nn.trilu %y {k = -1 : i64} : tensor<3x5xi64> -> tensor<3x5xi64>
  // CHECK: nn.trilu %{{.*}} : tensor<3x5xi64> -> tensor<3x5xi64>
  %2 = nn.trilu %y : tensor<3x5xi64> -> tensor<3x5xi64>
  return %0, %1, %2 : tensor<?x4x4xf32>, tensor<3x5xi64>, tensor<3x5xi64>
}


//===--- Contractions ---===//

// Round trip: every op with each attribute and optional-operand form. The
// INFER cases declare dynamic result types and check what inference derives.

//===----------------------------------------------------------------------===//
// nn.matmul
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @matmul_2d
// CHECK: nn.matmul %{{.*}}, %{{.*}} : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
func.func @matmul_2d(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %0 = nn.matmul %a, %b : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-LABEL: func.func @matmul_batched
// CHECK: nn.matmul %{{.*}}, %{{.*}} : (tensor<?x4x8xf32>, tensor<8x16xf32>) -> tensor<?x4x16xf32>
// CHECK: nn.matmul %{{.*}}, %{{.*}} : (tensor<2x1x4x8xf16>, tensor<3x8x5xf16>) -> tensor<2x3x4x5xf16>
func.func @matmul_batched(%a: tensor<?x4x8xf32>, %b: tensor<8x16xf32>,
                          %c: tensor<2x1x4x8xf16>, %d: tensor<3x8x5xf16>)
    -> (tensor<?x4x16xf32>, tensor<2x3x4x5xf16>) {
  %0 = nn.matmul %a, %b : (tensor<?x4x8xf32>, tensor<8x16xf32>) -> tensor<?x4x16xf32>
  %1 = nn.matmul %c, %d : (tensor<2x1x4x8xf16>, tensor<3x8x5xf16>) -> tensor<2x3x4x5xf16>
  return %0, %1 : tensor<?x4x16xf32>, tensor<2x3x4x5xf16>
}

// CHECK-LABEL: func.func @matmul_vectors
// CHECK: nn.matmul %{{.*}}, %{{.*}} : (tensor<8xf32>, tensor<2x8x16xf32>) -> tensor<2x16xf32>
// CHECK: nn.matmul %{{.*}}, %{{.*}} : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4xf32>
// CHECK: nn.matmul %{{.*}}, %{{.*}} : (tensor<8xf32>, tensor<8xf32>) -> tensor<f32>
func.func @matmul_vectors(%v: tensor<8xf32>, %m: tensor<4x8xf32>,
                          %b: tensor<2x8x16xf32>)
    -> (tensor<2x16xf32>, tensor<4xf32>, tensor<f32>) {
  %0 = nn.matmul %v, %b : (tensor<8xf32>, tensor<2x8x16xf32>) -> tensor<2x16xf32>
  %1 = nn.matmul %m, %v : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4xf32>
  %2 = nn.matmul %v, %v : (tensor<8xf32>, tensor<8xf32>) -> tensor<f32>
  return %0, %1, %2 : tensor<2x16xf32>, tensor<4xf32>, tensor<f32>
}

// A dynamic K agrees with any static K; a dynamic batch broadcast against
// a static batch > 1 is pinned to it.
// INFER-LABEL: func.func @infer_matmul
// INFER: nn.matmul {{.*}} -> tensor<4x16xf32>
// INFER: nn.matmul {{.*}} -> tensor<3x?x4x5xf32>
// INFER: nn.matmul {{.*}} -> tensor<?x4xf32>
func.func @infer_matmul(%a: tensor<4x?xf32>, %b: tensor<?x16xf32>,
                        %c: tensor<?x?x4x8xf32>, %d: tensor<3x1x8x5xf32>,
                        %e: tensor<?x4x8xf32>, %v: tensor<8xf32>)
    -> (tensor<?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?xf32>) {
  %0 = nn.matmul %a, %b : (tensor<4x?xf32>, tensor<?x16xf32>) -> tensor<?x?xf32>
  %1 = nn.matmul %c, %d : (tensor<?x?x4x8xf32>, tensor<3x1x8x5xf32>) -> tensor<?x?x?x?xf32>
  %2 = nn.matmul %e, %v : (tensor<?x4x8xf32>, tensor<8xf32>) -> tensor<?x?xf32>
  return %0, %1, %2 : tensor<?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?xf32>
}

//===----------------------------------------------------------------------===//
// nn.gemm
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @gemm
// CHECK: nn.gemm %{{.*}}, %{{.*}} : (tensor<?x64xf32>, tensor<64x128xf32>) -> tensor<?x128xf32>
// CHECK: nn.gemm %{{.*}}, %{{.*}}, %{{.*}} {alpha = 5.000000e-01 : f64, beta = 2.000000e+00 : f64, trans_b = true} : (tensor<?x64xf32>, tensor<128x64xf32>, tensor<128xf32>) -> tensor<?x128xf32>
// CHECK: nn.gemm %{{.*}}, %{{.*}}, %{{.*}} {trans_a = true} : (tensor<64x4xf32>, tensor<64x128xf32>, tensor<4x1xf32>) -> tensor<4x128xf32>
// CHECK: nn.gemm %{{.*}}, %{{.*}}, %{{.*}} {trans_a = true, trans_b = true} : (tensor<64x4xf32>, tensor<128x64xf32>, tensor<f32>) -> tensor<4x128xf32>
func.func @gemm(%x: tensor<?x64xf32>, %w: tensor<64x128xf32>,
                %wt: tensor<128x64xf32>, %bias: tensor<128xf32>,
                %xt: tensor<64x4xf32>, %col: tensor<4x1xf32>,
                %s: tensor<f32>) {
  %0 = nn.gemm %x, %w : (tensor<?x64xf32>, tensor<64x128xf32>) -> tensor<?x128xf32>
  %1 = nn.gemm %x, %wt, %bias {trans_b = true, alpha = 0.5, beta = 2.0}
      : (tensor<?x64xf32>, tensor<128x64xf32>, tensor<128xf32>) -> tensor<?x128xf32>
  %2 = nn.gemm %xt, %w, %col {trans_a = true}
      : (tensor<64x4xf32>, tensor<64x128xf32>, tensor<4x1xf32>) -> tensor<4x128xf32>
  %3 = nn.gemm %xt, %wt, %s {trans_a = true, trans_b = true}
      : (tensor<64x4xf32>, tensor<128x64xf32>, tensor<f32>) -> tensor<4x128xf32>
  return
}

// A static extent of c other than 1 pins a dynamic M.
// INFER-LABEL: func.func @infer_gemm
// INFER: nn.gemm {{.*}} -> tensor<?x128xf32>
// INFER: nn.gemm {{.*}} -> tensor<3x128xf32>
func.func @infer_gemm(%x: tensor<?x64xf32>, %w: tensor<64x128xf32>,
                      %c: tensor<3x1xf32>)
    -> (tensor<?x?xf32>, tensor<?x?xf32>) {
  %0 = nn.gemm %x, %w : (tensor<?x64xf32>, tensor<64x128xf32>) -> tensor<?x?xf32>
  %1 = nn.gemm %x, %w, %c : (tensor<?x64xf32>, tensor<64x128xf32>, tensor<3x1xf32>) -> tensor<?x?xf32>
  return %0, %1 : tensor<?x?xf32>, tensor<?x?xf32>
}

//===----------------------------------------------------------------------===//
// nn.conv
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @conv_2d
// CHECK: nn.conv %{{.*}}, %{{.*}}, %{{.*}} {pads = array<i64: 3, 3, 3, 3>, strides = array<i64: 2, 2>} : (tensor<?x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<?x64x112x112xf32>
func.func @conv_2d(%x: tensor<?x3x224x224xf32>, %w: tensor<64x3x7x7xf32>,
                   %b: tensor<64xf32>) -> tensor<?x64x112x112xf32> {
  %0 = nn.conv %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 3, 3, 3, 3>}
      : (tensor<?x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<?x64x112x112xf32>
  return %0 : tensor<?x64x112x112xf32>
}

// CHECK-LABEL: func.func @conv_1d_3d
// CHECK: nn.conv %{{.*}}, %{{.*}} : (tensor<1x4x10xf32>, tensor<8x4x3xf32>) -> tensor<1x8x8xf32>
// CHECK: nn.conv %{{.*}}, %{{.*}} {pads = array<i64: 1, 1, 1, 1, 1, 1>, strides = array<i64: 2, 2, 2>} : (tensor<2x4x8x8x8xf16>, tensor<16x4x3x3x3xf16>) -> tensor<2x16x4x4x4xf16>
func.func @conv_1d_3d(%x1: tensor<1x4x10xf32>, %w1: tensor<8x4x3xf32>,
                      %x3: tensor<2x4x8x8x8xf16>, %w3: tensor<16x4x3x3x3xf16>) {
  %0 = nn.conv %x1, %w1 : (tensor<1x4x10xf32>, tensor<8x4x3xf32>) -> tensor<1x8x8xf32>
  %1 = nn.conv %x3, %w3 {strides = array<i64: 2, 2, 2>, pads = array<i64: 1, 1, 1, 1, 1, 1>}
      : (tensor<2x4x8x8x8xf16>, tensor<16x4x3x3x3xf16>) -> tensor<2x16x4x4x4xf16>
  return
}

// CHECK-LABEL: func.func @conv_grouped
// CHECK: nn.conv %{{.*}}, %{{.*}} {group = 32 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<?x32x56x56xf32>, tensor<32x1x3x3xf32>) -> tensor<?x32x56x56xf32>
// CHECK: nn.conv %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 2, 2>, group = 4 : i64, strides = array<i64: 1, 1>} : (tensor<1x8x32x32xf32>, tensor<16x2x3x3xf32>, tensor<16xf32>) -> tensor<1x16x28x28xf32>
func.func @conv_grouped(%x: tensor<?x32x56x56xf32>, %dw: tensor<32x1x3x3xf32>,
                        %y: tensor<1x8x32x32xf32>, %gw: tensor<16x2x3x3xf32>,
                        %b: tensor<16xf32>) {
  // Depthwise: group = C.
  %0 = nn.conv %x, %dw {group = 32 : i64, pads = array<i64: 1, 1, 1, 1>}
      : (tensor<?x32x56x56xf32>, tensor<32x1x3x3xf32>) -> tensor<?x32x56x56xf32>
  %1 = nn.conv %y, %gw, %b {group = 4 : i64, dilations = array<i64: 2, 2>, strides = array<i64: 1, 1>}
      : (tensor<1x8x32x32xf32>, tensor<16x2x3x3xf32>, tensor<16xf32>) -> tensor<1x16x28x28xf32>
  return
}

// Dynamic batch and spatial extents stay dynamic; a dynamic kernel gives a
// dynamic extent; a static bias pins a dynamic M.
// INFER-LABEL: func.func @infer_conv
// INFER: nn.conv {{.*}} -> tensor<?x8x?x6xf32>
// INFER: nn.conv {{.*}} -> tensor<1x8x?x6xf32>
func.func @infer_conv(%x: tensor<?x3x?x8xf32>, %w: tensor<8x3x3x3xf32>,
                      %y: tensor<1x3x8x8xf32>, %dw: tensor<?x3x?x3xf32>,
                      %b: tensor<8xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) {
  %0 = nn.conv %x, %w : (tensor<?x3x?x8xf32>, tensor<8x3x3x3xf32>) -> tensor<?x?x?x?xf32>
  %1 = nn.conv %y, %dw, %b : (tensor<1x3x8x8xf32>, tensor<?x3x?x3xf32>, tensor<8xf32>) -> tensor<?x?x?x?xf32>
  return %0, %1 : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
}

//===----------------------------------------------------------------------===//
// nn.conv_transpose
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @conv_transpose
// CHECK: nn.conv_transpose %{{.*}}, %{{.*}} {output_padding = array<i64: 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x16x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x8x18x18xf32>
// CHECK: nn.conv_transpose %{{.*}}, %{{.*}}, %{{.*}} {group = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, tensor<6xf32>) -> tensor<1x6x9x9xf32>
// CHECK: nn.conv_transpose %{{.*}}, %{{.*}} {dilations = array<i64: 2>} : (tensor<?x2x7xf16>, tensor<2x4x3xf16>) -> tensor<?x4x11xf16>
func.func @conv_transpose(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x3x3xf32>,
                          %y: tensor<1x4x5x5xf32>, %gw: tensor<4x3x3x3xf32>,
                          %b: tensor<6xf32>, %z: tensor<?x2x7xf16>,
                          %w1: tensor<2x4x3xf16>) {
  %0 = nn.conv_transpose %x, %w {strides = array<i64: 2, 2>, output_padding = array<i64: 1, 1>}
      : (tensor<1x16x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x8x18x18xf32>
  %1 = nn.conv_transpose %y, %gw, %b {group = 2 : i64, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}
      : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, tensor<6xf32>) -> tensor<1x6x9x9xf32>
  %2 = nn.conv_transpose %z, %w1 {dilations = array<i64: 2>}
      : (tensor<?x2x7xf16>, tensor<2x4x3xf16>) -> tensor<?x4x11xf16>
  return
}

// INFER-LABEL: func.func @infer_conv_transpose
// INFER: nn.conv_transpose {{.*}} -> tensor<?x4x?x6xf32>
// INFER: nn.conv_transpose {{.*}} -> tensor<1x?x6x6xf32>
func.func @infer_conv_transpose(%x: tensor<?x2x?x4xf32>, %w: tensor<2x2x3x3xf32>,
                                %y: tensor<1x2x4x4xf32>, %dw: tensor<2x?x3x3xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) {
  %0 = nn.conv_transpose %x, %w {group = 2 : i64} : (tensor<?x2x?x4xf32>, tensor<2x2x3x3xf32>) -> tensor<?x?x?x?xf32>
  %1 = nn.conv_transpose %y, %dw : (tensor<1x2x4x4xf32>, tensor<2x?x3x3xf32>) -> tensor<?x?x?x?xf32>
  return %0, %1 : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
}


//===--- Pooling ---===//

// Round trip: every pooling op with each attribute form. The INFER cases
// declare dynamic result types and check what inference derives.

//===----------------------------------------------------------------------===//
// nn.max_pool
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @max_pool_2d
// CHECK: nn.max_pool %{{.*}} {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<?x64x112x112xf32> -> tensor<?x64x56x56xf32>
// CHECK: nn.max_pool %{{.*}} {kernel_shape = array<i64: 2, 2>} : tensor<1x3x8x8xf16> -> tensor<1x3x7x7xf16>
func.func @max_pool_2d(%x: tensor<?x64x112x112xf32>, %y: tensor<1x3x8x8xf16>) {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>,
                       pads = array<i64: 1, 1, 1, 1>}
      : tensor<?x64x112x112xf32> -> tensor<?x64x56x56xf32>
  %1 = nn.max_pool %y {kernel_shape = array<i64: 2, 2>} : tensor<1x3x8x8xf16> -> tensor<1x3x7x7xf16>
  return
}

// CHECK-LABEL: func.func @max_pool_indices
// CHECK: nn.max_pool_indices %{{.*}} {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x3x8x8xf32> -> tensor<?x?x?x?xi64>
// CHECK: nn.max_pool_indices %{{.*}} {column_major = true, kernel_shape = array<i64: 3>, pads = array<i64: 1, 1>} : tensor<1x2x5xf16> -> tensor<1x2x5xi64>
// INFER-LABEL: func.func @max_pool_indices
// INFER: nn.max_pool_indices {{.*}} -> tensor<?x3x4x4xi64>
func.func @max_pool_indices(%x: tensor<?x3x8x8xf32>, %y: tensor<1x2x5xf16>) {
  %0 = nn.max_pool_indices %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x3x8x8xf32> -> tensor<?x?x?x?xi64>
  %1 = nn.max_pool_indices %y {kernel_shape = array<i64: 3>, pads = array<i64: 1, 1>, column_major = true} : tensor<1x2x5xf16> -> tensor<1x2x5xi64>
  return
}

// CHECK-LABEL: func.func @max_pool_1d_3d
// CHECK: nn.max_pool %{{.*}} {dilations = array<i64: 2>, kernel_shape = array<i64: 3>} : tensor<2x4x10xf32> -> tensor<2x4x6xf32>
// CHECK: nn.max_pool %{{.*}} {kernel_shape = array<i64: 2, 2, 2>, strides = array<i64: 2, 2, 2>} : tensor<1x8x4x6x8xf32> -> tensor<1x8x2x3x4xf32>
func.func @max_pool_1d_3d(%x: tensor<2x4x10xf32>, %y: tensor<1x8x4x6x8xf32>) {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3>, dilations = array<i64: 2>}
      : tensor<2x4x10xf32> -> tensor<2x4x6xf32>
  %1 = nn.max_pool %y {kernel_shape = array<i64: 2, 2, 2>, strides = array<i64: 2, 2, 2>}
      : tensor<1x8x4x6x8xf32> -> tensor<1x8x2x3x4xf32>
  return
}

// ceil_mode rounds the extent up, but drops a last window that would start
// in the end padding.
// CHECK-LABEL: func.func @max_pool_ceil_mode
// CHECK: nn.max_pool %{{.*}} {ceil_mode = true, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : tensor<1x1x6x6xf32> -> tensor<1x1x3x3xf32>
// CHECK: nn.max_pool %{{.*}} {ceil_mode = true, kernel_shape = array<i64: 3>, pads = array<i64: 0, 2>, strides = array<i64: 2>} : tensor<1x1x2xf32> -> tensor<1x1x1xf32>
func.func @max_pool_ceil_mode(%x: tensor<1x1x6x6xf32>, %y: tensor<1x1x2xf32>) {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, ceil_mode = true}
      : tensor<1x1x6x6xf32> -> tensor<1x1x3x3xf32>
  %1 = nn.max_pool %y {kernel_shape = array<i64: 3>, strides = array<i64: 2>, pads = array<i64: 0, 2>, ceil_mode = true}
      : tensor<1x1x2xf32> -> tensor<1x1x1xf32>
  return
}

// INFER-LABEL: func.func @infer_max_pool
// INFER: nn.max_pool {{.*}} -> tensor<?x3x?x3xf32>
// INFER: nn.max_pool {{.*}} -> tensor<1x1x2x2xf32>
func.func @infer_max_pool(%x: tensor<?x3x?x7xf32>, %y: tensor<1x1x6x6xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>}
      : tensor<?x3x?x7xf32> -> tensor<?x?x?x?xf32>
  %1 = nn.max_pool %y {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>}
      : tensor<1x1x6x6xf32> -> tensor<?x?x?x?xf32>
  return %0, %1 : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
}

//===----------------------------------------------------------------------===//
// nn.avg_pool
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @avg_pool
// CHECK: nn.avg_pool %{{.*}} {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x16x8x8xf32> -> tensor<1x16x4x4xf32>
// CHECK: nn.avg_pool %{{.*}} {count_include_pad = true, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : tensor<?x16x8x8xf32> -> tensor<?x16x8x8xf32>
// CHECK: nn.avg_pool %{{.*}} {ceil_mode = true, kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x7x7xf32> -> tensor<1x3x4x4xf32>
// CHECK: nn.avg_pool %{{.*}} {kernel_shape = array<i64: 2>} : tensor<1x3x5xbf16> -> tensor<1x3x4xbf16>
func.func @avg_pool(%x: tensor<1x16x8x8xf32>, %y: tensor<?x16x8x8xf32>,
                    %z: tensor<1x3x7x7xf32>, %v: tensor<1x3x5xbf16>) {
  %0 = nn.avg_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}
      : tensor<1x16x8x8xf32> -> tensor<1x16x4x4xf32>
  %1 = nn.avg_pool %y {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>,
                       count_include_pad = true}
      : tensor<?x16x8x8xf32> -> tensor<?x16x8x8xf32>
  %2 = nn.avg_pool %z {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, ceil_mode = true}
      : tensor<1x3x7x7xf32> -> tensor<1x3x4x4xf32>
  %3 = nn.avg_pool %v {kernel_shape = array<i64: 2>, ceil_mode = false, count_include_pad = false}
      : tensor<1x3x5xbf16> -> tensor<1x3x4xbf16>
  return
}

// INFER-LABEL: func.func @infer_avg_pool
// INFER: nn.avg_pool {{.*}} -> tensor<?x16x4x?xf32>
// INFER: nn.avg_pool {{.*}} -> tensor<1x3x3x3xf32>
func.func @infer_avg_pool(%x: tensor<?x16x8x?xf32>, %z: tensor<1x3x7x7xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) {
  %0 = nn.avg_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}
      : tensor<?x16x8x?xf32> -> tensor<?x?x?x?xf32>
  %1 = nn.avg_pool %z {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}
      : tensor<1x3x7x7xf32> -> tensor<?x?x?x?xf32>
  return %0, %1 : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
}

//===----------------------------------------------------------------------===//
// nn.global_max_pool, nn.global_avg_pool
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @global_pools
// CHECK: nn.global_max_pool %{{.*}} : tensor<?x512x7x7xf32> -> tensor<?x512x1x1xf32>
// CHECK: nn.global_avg_pool %{{.*}} : tensor<?x512x7x7xf32> -> tensor<?x512x1x1xf32>
// CHECK: nn.global_avg_pool %{{.*}} : tensor<2x8x10xf16> -> tensor<2x8x1xf16>
// CHECK: nn.global_max_pool %{{.*}} : tensor<1x4x2x3x5xf32> -> tensor<1x4x1x1x1xf32>
func.func @global_pools(%x: tensor<?x512x7x7xf32>, %y: tensor<2x8x10xf16>,
                        %z: tensor<1x4x2x3x5xf32>) {
  %0 = nn.global_max_pool %x : tensor<?x512x7x7xf32> -> tensor<?x512x1x1xf32>
  %1 = nn.global_avg_pool %x : tensor<?x512x7x7xf32> -> tensor<?x512x1x1xf32>
  %2 = nn.global_avg_pool %y : tensor<2x8x10xf16> -> tensor<2x8x1xf16>
  %3 = nn.global_max_pool %z : tensor<1x4x2x3x5xf32> -> tensor<1x4x1x1x1xf32>
  return
}

// Dynamic spatial extents still reduce to 1.
// INFER-LABEL: func.func @infer_global_pool
// INFER: nn.global_avg_pool {{.*}} -> tensor<?x8x1x1xf32>
func.func @infer_global_pool(%x: tensor<?x8x?x?xf32>) -> tensor<?x?x?x?xf32> {
  %0 = nn.global_avg_pool %x : tensor<?x8x?x?xf32> -> tensor<?x?x?x?xf32>
  return %0 : tensor<?x?x?x?xf32>
}


//===--- Recurrent ---===//

// Only the required operands; the default direction is elided.
// CHECK-LABEL: func.func @rnn_minimal
// CHECK: %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} = nn.rnn %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} {hidden_size = 8 : i64}
// CHECK-SAME: : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
func.func @rnn_minimal(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>) {
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 8 : i64, direction = #nn<direction forward>} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return %y, %y_h : tensor<5x1x3x8xf32>, tensor<1x3x8xf32>
}

// Every optional operand and attribute, bidirectional, dynamic seq and batch.
// CHECK-LABEL: func.func @rnn_full
// CHECK: nn.rnn %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} bias(%{{[a-z0-9_]+}}) sequence_lens(%{{[a-z0-9_]+}}) initial_h(%{{[a-z0-9_]+}})
// CHECK-SAME: activation_alpha = array<f64: 1.000000e-01>
// CHECK-SAME: activations = ["LeakyRelu", "Tanh"]
// CHECK-SAME: clip = 5.000000e+00 : f64
// CHECK-SAME: direction = #nn<direction bidirectional>
// CHECK-SAME: hidden_size = 8 : i64
// CHECK-SAME: -> (tensor<?x2x?x8xf16>, tensor<2x?x8xf16>)
func.func @rnn_full(%x: tensor<?x?x4xf16>, %w: tensor<2x8x4xf16>, %r: tensor<2x8x8xf16>, %b: tensor<2x16xf16>, %lens: tensor<?xi32>, %h0: tensor<2x?x8xf16>) -> tensor<?x2x?x8xf16> {
  %y, %y_h = nn.rnn %x, %w, %r bias(%b) sequence_lens(%lens) initial_h(%h0) {hidden_size = 8 : i64, direction = #nn<direction bidirectional>, activations = ["LeakyRelu", "Tanh"], activation_alpha = array<f64: 0.1>, clip = 5.0} : (tensor<?x?x4xf16>, tensor<2x8x4xf16>, tensor<2x8x8xf16>, tensor<2x16xf16>, tensor<?xi32>, tensor<2x?x8xf16>) -> (tensor<?x2x?x8xf16>, tensor<2x?x8xf16>)
  return %y : tensor<?x2x?x8xf16>
}

// A dynamic batch in x is pinned by a static initial_h; inference refines it.
// CHECK-LABEL: func.func @rnn_pinned_batch
// CHECK: nn.rnn {{.*}} initial_h(%{{[a-z0-9_]+}}) {direction = #nn<direction reverse>, hidden_size = 2 : i64}
// CHECK-SAME: -> (tensor<7x1x?x2xf32>, tensor<1x?x2xf32>)
// INFER-LABEL: func.func @rnn_pinned_batch
// INFER: nn.rnn {{.*}} -> (tensor<7x1x3x2xf32>, tensor<1x3x2xf32>)
func.func @rnn_pinned_batch(%x: tensor<7x?x4xf32>, %w: tensor<1x2x4xf32>, %r: tensor<1x2x2xf32>, %h0: tensor<1x3x2xf32>) -> tensor<1x?x2xf32> {
  %y, %y_h = nn.rnn %x, %w, %r initial_h(%h0) {hidden_size = 2 : i64, direction = #nn<direction reverse>} : (tensor<7x?x4xf32>, tensor<1x2x4xf32>, tensor<1x2x2xf32>, tensor<1x3x2xf32>) -> (tensor<7x1x?x2xf32>, tensor<1x?x2xf32>)
  return %y_h : tensor<1x?x2xf32>
}

// CHECK-LABEL: func.func @gru_minimal
// CHECK: nn.gru %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} {hidden_size = 8 : i64}
// CHECK-SAME: -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
func.func @gru_minimal(%x: tensor<5x3x4xf32>, %w: tensor<1x24x4xf32>, %r: tensor<1x24x8xf32>) -> tensor<1x3x8xf32> {
  %y, %y_h = nn.gru %x, %w, %r {hidden_size = 8 : i64, linear_before_reset = false} : (tensor<5x3x4xf32>, tensor<1x24x4xf32>, tensor<1x24x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return %y_h : tensor<1x3x8xf32>
}

// CHECK-LABEL: func.func @gru_full
// CHECK: nn.gru %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} bias(%{{[a-z0-9_]+}}) sequence_lens(%{{[a-z0-9_]+}}) initial_h(%{{[a-z0-9_]+}})
// CHECK-SAME: activation_alpha = array<f64: 2.000000e-01, 1.000000e+00>
// CHECK-SAME: activation_beta = array<f64: 5.000000e-01>
// CHECK-SAME: activations = ["HardSigmoid", "Elu", "Sigmoid", "Tanh"]
// CHECK-SAME: direction = #nn<direction bidirectional>
// CHECK-SAME: linear_before_reset = true
// CHECK-SAME: : (tensor<5x?x4xbf16>, tensor<2x24x4xbf16>, tensor<2x24x8xbf16>, tensor<2x48xbf16>, tensor<?xi64>, tensor<2x?x8xbf16>) -> (tensor<5x2x?x8xbf16>, tensor<2x?x8xbf16>)
func.func @gru_full(%x: tensor<5x?x4xbf16>, %w: tensor<2x24x4xbf16>, %r: tensor<2x24x8xbf16>, %b: tensor<2x48xbf16>, %lens: tensor<?xi64>, %h0: tensor<2x?x8xbf16>) -> tensor<5x2x?x8xbf16> {
  %y, %y_h = nn.gru %x, %w, %r bias(%b) sequence_lens(%lens) initial_h(%h0) {hidden_size = 8 : i64, direction = #nn<direction bidirectional>, linear_before_reset = true, activations = ["HardSigmoid", "Elu", "Sigmoid", "Tanh"], activation_alpha = array<f64: 0.2, 1.0>, activation_beta = array<f64: 0.5>} : (tensor<5x?x4xbf16>, tensor<2x24x4xbf16>, tensor<2x24x8xbf16>, tensor<2x48xbf16>, tensor<?xi64>, tensor<2x?x8xbf16>) -> (tensor<5x2x?x8xbf16>, tensor<2x?x8xbf16>)
  return %y : tensor<5x2x?x8xbf16>
}

// Only sequence_lens among the optional operands.
// CHECK-LABEL: func.func @gru_only_lens
// CHECK: nn.gru %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} sequence_lens(%{{[a-z0-9_]+}}) {direction = #nn<direction reverse>, hidden_size = 2 : i64}
// CHECK-SAME: -> (tensor<6x1x3x2xf64>, tensor<1x3x2xf64>)
func.func @gru_only_lens(%x: tensor<6x3x1xf64>, %w: tensor<1x6x1xf64>, %r: tensor<1x6x2xf64>, %lens: tensor<3xi32>) -> tensor<1x3x2xf64> {
  %y, %y_h = nn.gru %x, %w, %r sequence_lens(%lens) {hidden_size = 2 : i64, direction = #nn<direction reverse>} : (tensor<6x3x1xf64>, tensor<1x6x1xf64>, tensor<1x6x2xf64>, tensor<3xi32>) -> (tensor<6x1x3x2xf64>, tensor<1x3x2xf64>)
  return %y_h : tensor<1x3x2xf64>
}

// CHECK-LABEL: func.func @lstm_minimal
// CHECK: %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} = nn.lstm %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} {hidden_size = 8 : i64}
// CHECK-SAME: -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
func.func @lstm_minimal(%x: tensor<5x3x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) -> tensor<1x3x8xf32> {
  %y, %y_h, %y_c = nn.lstm %x, %w, %r {hidden_size = 8 : i64, input_forget = false} : (tensor<5x3x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
  return %y_c : tensor<1x3x8xf32>
}

// CHECK-LABEL: func.func @lstm_full
// CHECK: nn.lstm %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} bias(%{{[a-z0-9_]+}}) sequence_lens(%{{[a-z0-9_]+}}) initial_h(%{{[a-z0-9_]+}}) initial_c(%{{[a-z0-9_]+}}) peepholes(%{{[a-z0-9_]+}})
// CHECK-SAME: activation_alpha = array<f64: 1.000000e+00, 2.000000e+00>
// CHECK-SAME: activation_beta = array<f64: 3.000000e+00>
// CHECK-SAME: activations = ["Sigmoid", "Tanh", "Tanh", "Affine", "ThresholdedRelu", "Softsign"]
// CHECK-SAME: clip = 1.000000e+01 : f64
// CHECK-SAME: direction = #nn<direction bidirectional>
// CHECK-SAME: input_forget = true
// CHECK-SAME: : (tensor<5x?x4xf32>, tensor<2x32x4xf32>, tensor<2x32x8xf32>, tensor<2x64xf32>, tensor<?xi32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>, tensor<2x24xf32>) -> (tensor<5x2x?x8xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>)
func.func @lstm_full(%x: tensor<5x?x4xf32>, %w: tensor<2x32x4xf32>, %r: tensor<2x32x8xf32>, %b: tensor<2x64xf32>, %lens: tensor<?xi32>, %h0: tensor<2x?x8xf32>, %c0: tensor<2x?x8xf32>, %p: tensor<2x24xf32>) -> tensor<2x?x8xf32> {
  %y, %y_h, %y_c = nn.lstm %x, %w, %r bias(%b) sequence_lens(%lens) initial_h(%h0) initial_c(%c0) peepholes(%p) {hidden_size = 8 : i64, direction = #nn<direction bidirectional>, input_forget = true, activations = ["Sigmoid", "Tanh", "Tanh", "Affine", "ThresholdedRelu", "Softsign"], activation_alpha = array<f64: 1.0, 2.0>, activation_beta = array<f64: 3.0>, clip = 10.0} : (tensor<5x?x4xf32>, tensor<2x32x4xf32>, tensor<2x32x8xf32>, tensor<2x64xf32>, tensor<?xi32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>, tensor<2x24xf32>) -> (tensor<5x2x?x8xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>)
  return %y_c : tensor<2x?x8xf32>
}

// initial_c without initial_h, and peepholes alone: each optional group
// parses on its own keyword.
// CHECK-LABEL: func.func @lstm_cell_only
// CHECK: nn.lstm %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} initial_c(%{{[a-z0-9_]+}}) peepholes(%{{[a-z0-9_]+}}) {hidden_size = 2 : i64}
// CHECK-SAME: : (tensor<4x?x3xf32>, tensor<1x8x3xf32>, tensor<1x8x2xf32>, tensor<1x5x2xf32>, tensor<1x6xf32>) -> (tensor<4x1x?x2xf32>, tensor<1x?x2xf32>, tensor<1x?x2xf32>)
// INFER-LABEL: func.func @lstm_cell_only
// INFER: nn.lstm {{.*}} -> (tensor<4x1x5x2xf32>, tensor<1x5x2xf32>, tensor<1x5x2xf32>)
func.func @lstm_cell_only(%x: tensor<4x?x3xf32>, %w: tensor<1x8x3xf32>, %r: tensor<1x8x2xf32>, %c0: tensor<1x5x2xf32>, %p: tensor<1x6xf32>) -> tensor<1x?x2xf32> {
  %y, %y_h, %y_c = nn.lstm %x, %w, %r initial_c(%c0) peepholes(%p) {hidden_size = 2 : i64} : (tensor<4x?x3xf32>, tensor<1x8x3xf32>, tensor<1x8x2xf32>, tensor<1x5x2xf32>, tensor<1x6xf32>) -> (tensor<4x1x?x2xf32>, tensor<1x?x2xf32>, tensor<1x?x2xf32>)
  return %y_h : tensor<1x?x2xf32>
}

// The generic form with explicit segment sizes parses to the same op.
// CHECK-LABEL: func.func @lstm_generic
// CHECK: nn.lstm %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} peepholes(%{{[a-z0-9_]+}}) {hidden_size = 1 : i64}
func.func @lstm_generic(%x: tensor<2x1x1xf32>, %w: tensor<1x4x1xf32>, %r: tensor<1x4x1xf32>, %p: tensor<1x3xf32>) -> tensor<1x1x1xf32> {
  %0:3 = "nn.lstm"(%x, %w, %r, %p) <{hidden_size = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 1>}> : (tensor<2x1x1xf32>, tensor<1x4x1xf32>, tensor<1x4x1xf32>, tensor<1x3xf32>) -> (tensor<2x1x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1x1xf32>)
  return %0#1 : tensor<1x1x1xf32>
}


//===--- Normalization and reductions ---===//

// CHECK-LABEL: func.func @batch_norm
func.func @batch_norm(%x: tensor<?x3x8x8xf32>, %c: tensor<3xf32>,
                      %x2: tensor<2x?xf16>, %c2: tensor<4xf16>)
    -> (tensor<?x3x8x8xf32>, tensor<?x3x8x8xf32>, tensor<2x?xf16>) {
  // Default epsilon is elided.
  // CHECK: nn.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : (tensor<?x3x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x3x8x8xf32>
  %0 = nn.batch_norm %x, %c, %c, %c, %c
      : (tensor<?x3x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x3x8x8xf32>
  // CHECK: nn.batch_norm {{.*}} {epsilon = 1.000000e-03 : f64} : {{.*}} -> tensor<?x3x8x8xf32>
  %1 = nn.batch_norm %x, %c, %c, %c, %c {epsilon = 1.0e-3 : f64}
      : (tensor<?x3x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x3x8x8xf32>
  // Rank 2, dynamic channels: a declared result keeping `?` is accepted.
  // CHECK: nn.batch_norm {{.*}} : (tensor<2x?xf16>, tensor<4xf16>, tensor<4xf16>, tensor<4xf16>, tensor<4xf16>) -> tensor<2x?xf16>
  %2 = nn.batch_norm %x2, %c2, %c2, %c2, %c2
      : (tensor<2x?xf16>, tensor<4xf16>, tensor<4xf16>, tensor<4xf16>, tensor<4xf16>) -> tensor<2x?xf16>
  return %0, %1, %2 : tensor<?x3x8x8xf32>, tensor<?x3x8x8xf32>, tensor<2x?xf16>
}

// CHECK-LABEL: func.func @layer_norm
func.func @layer_norm(%x: tensor<?x128x768xf32>, %g: tensor<768xf32>,
                      %b: tensor<1x768xf32>, %g2: tensor<128x1xf32>)
    -> (tensor<?x128x768xf32>, tensor<?x128x768xf32>, tensor<?x128x768xf32>) {
  // CHECK: nn.layer_norm %{{.*}}, %{{.*}}, %{{.*}} : (tensor<?x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<?x128x768xf32>
  %0 = nn.layer_norm %x, %g, %g
      : (tensor<?x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<?x128x768xf32>
  // Normalized over the last two dimensions; both parameters broadcast.
  // CHECK: nn.layer_norm %{{.*}}, %{{.*}}, %{{.*}} {axis = -2 : i64, epsilon = 9.9999999999999995E-7 : f64} : (tensor<?x128x768xf32>, tensor<128x1xf32>, tensor<1x768xf32>) -> tensor<?x128x768xf32>
  %1 = nn.layer_norm %x, %g2, %b {axis = -2 : i64, epsilon = 1.0e-6 : f64}
      : (tensor<?x128x768xf32>, tensor<128x1xf32>, tensor<1x768xf32>) -> tensor<?x128x768xf32>
  // Over every dimension (axis 0), scale broadcast from [768].
  // CHECK: nn.layer_norm %{{.*}}, %{{.*}} {axis = 0 : i64} : (tensor<?x128x768xf32>, tensor<768xf32>) -> tensor<?x128x768xf32>
  %2 = nn.layer_norm %x, %g {axis = 0 : i64}
      : (tensor<?x128x768xf32>, tensor<768xf32>) -> tensor<?x128x768xf32>
  return %0, %1, %2 : tensor<?x128x768xf32>, tensor<?x128x768xf32>, tensor<?x128x768xf32>
}

// CHECK-LABEL: func.func @instance_norm
func.func @instance_norm(%x: tensor<?x3x16x16xf32>, %c: tensor<3xf32>,
                         %y: tensor<2x4x7xbf16>, %d: tensor<4xbf16>)
    -> (tensor<?x3x16x16xf32>, tensor<2x4x7xbf16>) {
  // CHECK: nn.instance_norm %{{.*}}, %{{.*}}, %{{.*}} : (tensor<?x3x16x16xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x3x16x16xf32>
  %0 = nn.instance_norm %x, %c, %c
      : (tensor<?x3x16x16xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x3x16x16xf32>
  // CHECK: nn.instance_norm {{.*}} {epsilon = 1.000000e-03 : f64} : (tensor<2x4x7xbf16>, tensor<4xbf16>, tensor<4xbf16>) -> tensor<2x4x7xbf16>
  %1 = nn.instance_norm %y, %d, %d {epsilon = 1.0e-3 : f64}
      : (tensor<2x4x7xbf16>, tensor<4xbf16>, tensor<4xbf16>) -> tensor<2x4x7xbf16>
  return %0, %1 : tensor<?x3x16x16xf32>, tensor<2x4x7xbf16>
}

// CHECK-LABEL: func.func @softmax
func.func @softmax(%x: tensor<?x10xf32>, %s: tensor<f64>)
    -> (tensor<?x10xf32>, tensor<?x10xf32>, tensor<?x10xf32>) {
  // CHECK: nn.softmax %{{.*}} : tensor<?x10xf32> -> tensor<?x10xf32>
  %0 = nn.softmax %x : tensor<?x10xf32> -> tensor<?x10xf32>
  // CHECK: nn.softmax %{{.*}} {axis = 0 : i64} : tensor<?x10xf32> -> tensor<?x10xf32>
  %1 = nn.softmax %x {axis = 0 : i64} : tensor<?x10xf32> -> tensor<?x10xf32>
  // CHECK: nn.log_softmax %{{.*}} {axis = 1 : i64} : tensor<?x10xf32> -> tensor<?x10xf32>
  %2 = nn.log_softmax %x {axis = 1 : i64} : tensor<?x10xf32> -> tensor<?x10xf32>
  return %0, %1, %2 : tensor<?x10xf32>, tensor<?x10xf32>, tensor<?x10xf32>
}

// CHECK-LABEL: func.func @reduce
func.func @reduce(%x: tensor<?x8x4xf32>, %i: tensor<4x8xi32>, %s: tensor<f32>) {
  // CHECK: nn.reduce sum %{{.*}} {axes = array<i64: 1>} : tensor<?x8x4xf32> -> tensor<?x1x4xf32>
  %0 = nn.reduce sum %x {axes = array<i64: 1>} : tensor<?x8x4xf32> -> tensor<?x1x4xf32>
  // CHECK: nn.reduce mean %{{.*}} {axes = array<i64: 1, -1>, keepdims = false} : tensor<?x8x4xf32> -> tensor<?xf32>
  %1 = nn.reduce mean %x {axes = array<i64: 1, -1>, keepdims = false} : tensor<?x8x4xf32> -> tensor<?xf32>
  // Empty axes reduce everything.
  // CHECK: nn.reduce max %{{.*}} : tensor<?x8x4xf32> -> tensor<1x1x1xf32>
  %2 = nn.reduce max %x : tensor<?x8x4xf32> -> tensor<1x1x1xf32>
  // CHECK: nn.reduce min %{{.*}} {keepdims = false} : tensor<?x8x4xf32> -> tensor<f32>
  %3 = nn.reduce min %x {keepdims = false} : tensor<?x8x4xf32> -> tensor<f32>
  // Integers: sum, max, min, prod.
  // CHECK: nn.reduce prod %{{.*}} {axes = array<i64: 0>} : tensor<4x8xi32> -> tensor<1x8xi32>
  %4 = nn.reduce prod %i {axes = array<i64: 0>} : tensor<4x8xi32> -> tensor<1x8xi32>
  // CHECK: nn.reduce max %{{.*}} {axes = array<i64: -1>, keepdims = false} : tensor<4x8xi32> -> tensor<4xi32>
  %5 = nn.reduce max %i {axes = array<i64: -1>, keepdims = false} : tensor<4x8xi32> -> tensor<4xi32>
  // CHECK: nn.reduce sum %{{.*}} : tensor<4x8xi32> -> tensor<1x1xi32>
  %6 = nn.reduce sum %i : tensor<4x8xi32> -> tensor<1x1xi32>
  // CHECK: nn.reduce min %{{.*}} {axes = array<i64: 1>} : tensor<4x8xi32> -> tensor<4x1xi32>
  %7 = nn.reduce min %i {axes = array<i64: 1>} : tensor<4x8xi32> -> tensor<4x1xi32>
  // A rank-0 input.
  // CHECK: nn.reduce sum %{{.*}} : tensor<f32> -> tensor<f32>
  %8 = nn.reduce sum %s : tensor<f32> -> tensor<f32>
  return
}

// CHECK-LABEL: func.func @arg_reduce
func.func @arg_reduce(%x: tensor<?x10xf32>, %i: tensor<3x4x5xi32>) {
  // CHECK: nn.argmax %{{.*}} : tensor<?x10xf32> -> tensor<1x10xi64>
  %0 = nn.argmax %x : tensor<?x10xf32> -> tensor<1x10xi64>
  // CHECK: nn.argmax %{{.*}} {axis = 1 : i64, keepdims = false} : tensor<?x10xf32> -> tensor<?xi64>
  %1 = nn.argmax %x {axis = 1 : i64, keepdims = false} : tensor<?x10xf32> -> tensor<?xi64>
  // CHECK: nn.argmin %{{.*}} {axis = -1 : i64, select_last_index = true} : tensor<3x4x5xi32> -> tensor<3x4x1xi64>
  %2 = nn.argmin %i {axis = -1 : i64, select_last_index = true} : tensor<3x4x5xi32> -> tensor<3x4x1xi64>
  // CHECK: nn.argmin %{{.*}} {axis = 1 : i64, keepdims = false} : tensor<?x10xf32> -> tensor<?xi64>
  %3 = nn.argmin %x {axis = 1 : i64, keepdims = false} : tensor<?x10xf32> -> tensor<?xi64>
  return
}

// Inference: results declared fully dynamic are refined; the batch stays `?`
// and a dynamic channel extent is pinned by the parameters.
// INFER-LABEL: func.func @infer_normalization
func.func @infer_normalization(%x: tensor<?x?x8x8xf32>, %c: tensor<3xf32>, %g: tensor<8x1xf32>) {
  // INFER: nn.batch_norm {{.*}} -> tensor<?x3x8x8xf32>
  %0 = nn.batch_norm %x, %c, %c, %c, %c : (tensor<?x?x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x?x?x?xf32>
  // INFER: nn.instance_norm {{.*}} -> tensor<?x3x8x8xf32>
  %1 = nn.instance_norm %x, %c, %c : (tensor<?x?x8x8xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x?x?x?xf32>
  // INFER: nn.layer_norm {{.*}} -> tensor<?x?x8x8xf32>
  %2 = nn.layer_norm %x, %g {axis = 2 : i64} : (tensor<?x?x8x8xf32>, tensor<8x1xf32>) -> tensor<?x?x?x?xf32>
  // INFER: nn.softmax {{.*}} -> tensor<?x?x8x8xf32>
  %3 = nn.softmax %x : tensor<?x?x8x8xf32> -> tensor<?x?x?x?xf32>
  // INFER: nn.reduce sum {{.*}} -> tensor<?x?x1x8xf32>
  %4 = nn.reduce sum %x {axes = array<i64: 2>} : tensor<?x?x8x8xf32> -> tensor<?x?x?x?xf32>
  // INFER: nn.reduce mean {{.*}} -> tensor<?x8xf32>
  %5 = nn.reduce mean %x {axes = array<i64: 1, 2>, keepdims = false} : tensor<?x?x8x8xf32> -> tensor<?x?xf32>
  // INFER: nn.reduce max {{.*}} -> tensor<1x1x1x1xf32>
  %6 = nn.reduce max %x : tensor<?x?x8x8xf32> -> tensor<?x?x?x?xf32>
  // INFER: nn.argmax {{.*}} -> tensor<?x8x8xi64>
  %7 = nn.argmax %x {axis = 1 : i64, keepdims = false} : tensor<?x?x8x8xf32> -> tensor<?x?x?xi64>
  // INFER: nn.argmin {{.*}} -> tensor<1x?x8x8xi64>
  %8 = nn.argmin %x : tensor<?x?x8x8xf32> -> tensor<?x?x?x?xi64>
  return
}


//===--- Losses ---===//

// CHECK-LABEL: func.func @mse
func.func @mse(%p: tensor<?x10xf32>, %t: tensor<?x10xf32>, %q: tensor<4xf64>)
    -> (tensor<f32>, tensor<f32>, tensor<?x10xf32>, tensor<f64>) {
  // CHECK: nn.mse %{{.*}}, %{{.*}} : (tensor<?x10xf32>, tensor<?x10xf32>) -> tensor<f32>
  %0 = nn.mse %p, %t : (tensor<?x10xf32>, tensor<?x10xf32>) -> tensor<f32>
  // CHECK: nn.mse {{.*}} {reduction = #nn<reduction sum>} : {{.*}} -> tensor<f32>
  %1 = nn.mse %p, %t {reduction = #nn<reduction sum>} : (tensor<?x10xf32>, tensor<?x10xf32>) -> tensor<f32>
  // CHECK: nn.mse {{.*}} {reduction = #nn<reduction none>} : (tensor<?x10xf32>, tensor<?x10xf32>) -> tensor<?x10xf32>
  %2 = nn.mse %p, %t {reduction = #nn<reduction none>} : (tensor<?x10xf32>, tensor<?x10xf32>) -> tensor<?x10xf32>
  // CHECK: nn.mse {{.*}} : (tensor<4xf64>, tensor<4xf64>) -> tensor<f64>
  %3 = nn.mse %q, %q {reduction = #nn<reduction mean>} : (tensor<4xf64>, tensor<4xf64>) -> tensor<f64>
  return %0, %1, %2, %3 : tensor<f32>, tensor<f32>, tensor<?x10xf32>, tensor<f64>
}

// CHECK-LABEL: func.func @softmax_cross_entropy
func.func @softmax_cross_entropy(%x: tensor<?x10xf32>, %l: tensor<?xi64>,
                                 %w: tensor<10xf32>, %x3: tensor<?x5x7x9xf16>,
                                 %l3: tensor<?x7x9xi32>)
    -> (tensor<f32>, tensor<f32>, tensor<?xf32>, tensor<?x7x9xf16>) {
  // CHECK: nn.softmax_cross_entropy %{{.*}}, %{{.*}} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  %0 = nn.softmax_cross_entropy %x, %l : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  // CHECK: nn.softmax_cross_entropy %{{.*}}, %{{.*}}, %{{.*}} {ignore_index = -100 : i64} : (tensor<?x10xf32>, tensor<?xi64>, tensor<10xf32>) -> tensor<f32>
  %1 = nn.softmax_cross_entropy %x, %l, %w {ignore_index = -100 : i64} : (tensor<?x10xf32>, tensor<?xi64>, tensor<10xf32>) -> tensor<f32>
  // CHECK: nn.softmax_cross_entropy {{.*}} {reduction = #nn<reduction none>} : (tensor<?x10xf32>, tensor<?xi64>, tensor<10xf32>) -> tensor<?xf32>
  %2 = nn.softmax_cross_entropy %x, %l, %w {reduction = #nn<reduction none>} : (tensor<?x10xf32>, tensor<?xi64>, tensor<10xf32>) -> tensor<?xf32>
  // Spatial dimensions, i32 labels.
  // CHECK: nn.softmax_cross_entropy {{.*}} {ignore_index = 0 : i64, reduction = #nn<reduction none>} : (tensor<?x5x7x9xf16>, tensor<?x7x9xi32>) -> tensor<?x7x9xf16>
  %3 = nn.softmax_cross_entropy %x3, %l3 {reduction = #nn<reduction none>, ignore_index = 0 : i64} : (tensor<?x5x7x9xf16>, tensor<?x7x9xi32>) -> tensor<?x7x9xf16>
  return %0, %1, %2, %3 : tensor<f32>, tensor<f32>, tensor<?xf32>, tensor<?x7x9xf16>
}

// CHECK-LABEL: func.func @nll
func.func @nll(%lp: tensor<?x5x7xf32>, %t: tensor<?x7xi64>, %w: tensor<5xf32>)
    -> (tensor<f32>, tensor<f32>, tensor<?x7xf32>) {
  // CHECK: nn.nll %{{.*}}, %{{.*}} : (tensor<?x5x7xf32>, tensor<?x7xi64>) -> tensor<f32>
  %0 = nn.nll %lp, %t : (tensor<?x5x7xf32>, tensor<?x7xi64>) -> tensor<f32>
  // CHECK: nn.nll %{{.*}}, %{{.*}}, %{{.*}} {ignore_index = 1 : i64, reduction = #nn<reduction sum>} : (tensor<?x5x7xf32>, tensor<?x7xi64>, tensor<5xf32>) -> tensor<f32>
  %1 = nn.nll %lp, %t, %w {reduction = #nn<reduction sum>, ignore_index = 1 : i64} : (tensor<?x5x7xf32>, tensor<?x7xi64>, tensor<5xf32>) -> tensor<f32>
  // CHECK: nn.nll {{.*}} {reduction = #nn<reduction none>} : (tensor<?x5x7xf32>, tensor<?x7xi64>) -> tensor<?x7xf32>
  %2 = nn.nll %lp, %t {reduction = #nn<reduction none>} : (tensor<?x5x7xf32>, tensor<?x7xi64>) -> tensor<?x7xf32>
  return %0, %1, %2 : tensor<f32>, tensor<f32>, tensor<?x7xf32>
}

// CHECK-LABEL: func.func @bce
func.func @bce(%z: tensor<?x4xf32>, %t: tensor<?x4xf32>, %w: tensor<4xf32>,
               %w1: tensor<1x1xf32>)
    -> (tensor<f32>, tensor<f32>, tensor<?x4xf32>, tensor<f32>) {
  // CHECK: nn.bce %{{.*}}, %{{.*}} : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<f32>
  %0 = nn.bce %z, %t : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<f32>
  // CHECK: nn.bce %{{.*}}, %{{.*}}, %{{.*}} {from_logits = true} : (tensor<?x4xf32>, tensor<?x4xf32>, tensor<4xf32>) -> tensor<f32>
  %1 = nn.bce %z, %t, %w {from_logits = true} : (tensor<?x4xf32>, tensor<?x4xf32>, tensor<4xf32>) -> tensor<f32>
  // CHECK: nn.bce {{.*}} {reduction = #nn<reduction none>} : (tensor<?x4xf32>, tensor<?x4xf32>, tensor<1x1xf32>) -> tensor<?x4xf32>
  %2 = nn.bce %z, %t, %w1 {reduction = #nn<reduction none>} : (tensor<?x4xf32>, tensor<?x4xf32>, tensor<1x1xf32>) -> tensor<?x4xf32>
  // CHECK: nn.bce {{.*}} {from_logits = true, reduction = #nn<reduction sum>} : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<f32>
  %3 = nn.bce %z, %t {reduction = #nn<reduction sum>, from_logits = true} : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<f32>
  return %0, %1, %2, %3 : tensor<f32>, tensor<f32>, tensor<?x4xf32>, tensor<f32>
}

// Inference with `none`: the batch stays `?` unless an operand pins it.
// INFER-LABEL: func.func @infer_losses
func.func @infer_losses(%p: tensor<?x?xf32>, %t: tensor<?x6xf32>, %x: tensor<?x?x7xf32>,
                 %l: tensor<?x7xi64>, %l8: tensor<8x?xi64>, %w: tensor<5xf32>) {
  // INFER: nn.mse {{.*}} -> tensor<?x6xf32>
  %0 = nn.mse %p, %t {reduction = #nn<reduction none>} : (tensor<?x?xf32>, tensor<?x6xf32>) -> tensor<?x?xf32>
  // INFER: nn.mse {{.*}} -> tensor<f32>
  %1 = nn.mse %p, %t : (tensor<?x?xf32>, tensor<?x6xf32>) -> tensor<f32>
  // INFER: nn.softmax_cross_entropy {{.*}} -> tensor<?x7xf32>
  %2 = nn.softmax_cross_entropy %x, %l, %w {reduction = #nn<reduction none>} : (tensor<?x?x7xf32>, tensor<?x7xi64>, tensor<5xf32>) -> tensor<?x?xf32>
  // INFER: nn.nll {{.*}} -> tensor<8x7xf32>
  %3 = nn.nll %x, %l8 {reduction = #nn<reduction none>} : (tensor<?x?x7xf32>, tensor<8x?xi64>) -> tensor<?x?xf32>
  // INFER: nn.bce {{.*}} -> tensor<?x6xf32>
  %4 = nn.bce %p, %t {reduction = #nn<reduction none>} : (tensor<?x?xf32>, tensor<?x6xf32>) -> tensor<?x?xf32>
  // INFER: nn.bce {{.*}} -> tensor<?x5xf32>
  %5 = nn.bce %p, %p, %w {reduction = #nn<reduction none>} : (tensor<?x?xf32>, tensor<?x?xf32>, tensor<5xf32>) -> tensor<?x?xf32>
  return
}

// Fused groups (ir/NNFusionOps.td).
// CHECK-LABEL: func.func @fusion_group
func.func @fusion_group(%x: tensor<4x8xf32>, %b: tensor<8xf32>) -> tensor<4x8xf32> {
  // CHECK: %[[G:.*]] = nn.fusion_group "elementwise" : tensor<4x8xf32> {
  // CHECK: nn.add
  // CHECK: %[[R:.*]] = nn.relu
  // CHECK: nn.yield %[[R]] : tensor<4x8xf32>
  // CHECK: return %[[G]]
  %0 = nn.fusion_group "elementwise" : tensor<4x8xf32> {
    %a = nn.add %x, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
    %r = nn.relu %a : tensor<4x8xf32>
    nn.yield %r : tensor<4x8xf32>
  }
  return %0 : tensor<4x8xf32>
}

// A yielded type may be more static than the group's result.
// CHECK-LABEL: func.func @fusion_group_refined
// CHECK: nn.fusion_group "reduction" : tensor<?x8xf32>
// CHECK: nn.yield %{{.*}} : tensor<4x8xf32>
func.func @fusion_group_refined(%x: tensor<4x8xf32>) -> tensor<?x8xf32> {
  %0 = nn.fusion_group "reduction" : tensor<?x8xf32> {
    %s = nn.softmax %x {axis = -1 : i64} : tensor<4x8xf32> -> tensor<4x8xf32>
    nn.yield %s : tensor<4x8xf32>
  }
  return %0 : tensor<?x8xf32>
}

//===--- Optimizers ---===//

// CHECK-LABEL: func.func @optimizers
func.func @optimizers(%p: tensor<4x3xf32>, %g: tensor<4x3xf32>, %s: tensor<4x3xf32>, %t: tensor<f32>) {
  // CHECK: nn.sgd_update %{{.+}}, %{{.+}}, %{{.+}} {lr = 1.000000e-01 : f64, momentum = 9.000000e-01 : f64, nesterov = true} : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>) -> (tensor<4x3xf32>, tensor<4x3xf32>)
  %0:2 = nn.sgd_update %p, %g, %s {lr = 0.1 : f64, momentum = 0.9 : f64, nesterov = true} : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>) -> (tensor<4x3xf32>, tensor<4x3xf32>)
  // CHECK: nn.adam_update %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} {decoupled = true, lr = 1.000000e-03 : f64, weight_decay = 1.000000e-02 : f64} : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<f32>) -> (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>)
  %1:3 = nn.adam_update %p, %g, %s, %s, %t {lr = 1.0e-3 : f64, weight_decay = 0.01 : f64, decoupled = true} : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<f32>) -> (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>)
  return
}

// Backward-pass ops (NNGradientOps.td); more cases in test/autodiff/.
// CHECK-LABEL: func.func @gradient_ops
func.func @gradient_ops(%x: tensor<8x4x5x5xf32>, %dy: tensor<8x6x5x5xf32>, %g: tensor<1x3x4x4xf32>, %i: tensor<1x3x4x4xi64>, %e: tensor<4x16x64xf32>, %ids: tensor<4x16xi64>) {
  // CHECK: nn.conv_weight_grad {{.*}} -> tensor<6x2x3x3xf32>
  %0 = nn.conv_weight_grad %x, %dy {group = 2 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<8x4x5x5xf32>, tensor<8x6x5x5xf32>) -> tensor<6x2x3x3xf32>
  // CHECK: nn.max_pool_grad {{.*}} -> tensor<1x3x8x8xf32>
  %1 = nn.max_pool_grad %g, %i {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>) -> tensor<1x3x8x8xf32>
  // CHECK: nn.avg_pool_grad {{.*}} -> tensor<1x3x8x8xf32>
  %2 = nn.avg_pool_grad %g {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  // CHECK: nn.gather_grad {{.*}} -> tensor<1000x64xf32>
  %3 = nn.gather_grad %e, %ids : (tensor<4x16x64xf32>, tensor<4x16xi64>) -> tensor<1000x64xf32>
  return
}
