// RUN: %nn-opt %s -split-input-file -verify-diagnostics
// One case per verifier / inference branch of the elementwise family.

func.func @add_not_broadcastable(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+2 {{operands of shapes [2, 3] and [4] are not broadcast-compatible (dimension 3 vs 4)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.add %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @add_wrong_result_shape(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<3x3xf32>'}}
  %0 = nn.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @add_mixed_element_types(%a: tensor<3xf32>, %b: tensor<3xf16>) {
  // expected-error @+1 {{all of {lhs, rhs, output} have same element type}}
  %0 = nn.add %a, %b : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xf32>
  return
}

// -----

func.func @pow_on_integers(%a: tensor<3xi32>) {
  // expected-error @+1 {{must be ranked tensor of floating-point values}}
  %0 = nn.pow %a, %a : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return
}

// -----

func.func @unary_math_on_integers(%a: tensor<3xi32>) {
  // expected-error @+1 {{must be ranked tensor of floating-point values}}
  %0 = nn.exp %a : tensor<3xi32>
  return
}

// -----

func.func @unary_on_unranked(%a: tensor<*xf32>) {
  // expected-error @+1 {{invalid kind of type specified: expected builtin.tensor}}
  %0 = nn.relu %a : tensor<*xf32>
  return
}

// -----

func.func @clamp_min_above_max(%a: tensor<3xf32>) {
  // expected-error @+1 {{min (2.000000e+00) must not exceed max (1.000000e+00)}}
  %0 = nn.clamp %a {min = 2.0 : f64, max = 1.0 : f64} : tensor<3xf32>
  return
}

// -----

func.func @prelu_slope_grows_input(%x: tensor<3xf32>, %s: tensor<2x3xf32>) {
  // expected-error @+2 {{slope of shape [2, 3] must broadcast to the input shape [3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.prelu %x, %s : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @prelu_slope_mismatch(%x: tensor<2x3xf32>, %s: tensor<2xf32>) {
  // expected-error @+2 {{not broadcast-compatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.prelu %x, %s : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @cmp_result_not_bool(%a: tensor<4xf32>) {
  // expected-error @+1 {{must be ranked tensor of 1-bit signless integer values}}
  %0 = nn.cmp lt, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @cmp_mixed_operands(%a: tensor<4xf32>, %b: tensor<4xi32>) {
  // expected-error @+1 {{all of {lhs, rhs} have same element type}}
  %0 = nn.cmp lt, %a, %b : (tensor<4xf32>, tensor<4xi32>) -> tensor<4xi1>
  return
}

// -----

func.func @cmp_unknown_predicate(%a: tensor<4xf32>) {
  // expected-error @+2 {{failed to parse NN_CmpPredicateAttr}}
  // expected-error @+1 {{expected ::mlir::nn::CmpPredicate to be one of: eq, ne, lt, le, gt, ge}}
  %0 = nn.cmp less, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return
}

// -----

func.func @and_on_floats(%a: tensor<4xf32>) {
  // expected-error @+1 {{must be ranked tensor of 1-bit signless integer values}}
  %0 = nn.and %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @and_not_broadcastable(%a: tensor<4xi1>, %b: tensor<3xi1>) {
  // expected-error @+2 {{not broadcast-compatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.and %a, %b : (tensor<4xi1>, tensor<3xi1>) -> tensor<4xi1>
  return
}

// -----

func.func @select_not_broadcastable(%c: tensor<3xi1>, %a: tensor<4xf32>) {
  // expected-error @+2 {{operands of shapes [3] and [4] and [4] are not broadcast-compatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.select %c, %a, %a : (tensor<3xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @select_branch_types_differ(%c: tensor<4xi1>, %a: tensor<4xf32>, %b: tensor<4xf16>) {
  // expected-error @+1 {{all of {on_true, on_false, output} have same element type}}
  %0 = nn.select %c, %a, %b : (tensor<4xi1>, tensor<4xf32>, tensor<4xf16>) -> tensor<4xf32>
  return
}

// -----

func.func @select_condition_not_bool(%c: tensor<4xf32>, %a: tensor<4xf32>) {
  // expected-error @+1 {{must be ranked tensor of 1-bit signless integer values}}
  %0 = nn.select %c, %a, %a : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @not_on_floats(%a: tensor<4xf32>) {
  // expected-error @+1 {{must be ranked tensor of 1-bit signless integer values}}
  %0 = nn.not %a : tensor<4xf32>
  return
}

// -----

func.func @cast_changes_shape(%a: tensor<4xf32>) {
  // expected-error @+1 {{changes the shape from [4] to [2, 2]; a cast only converts element types}}
  %0 = nn.cast %a : tensor<4xf32> -> tensor<2x2xi32>
  return
}


// -----

//===--- Data movement ---===//

// reshape: element count
func.func @reshape_0(%x: tensor<2x3xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{cannot reshape [2, 3] (6 elements) to [4] (4 elements)}}
  %0 = nn.reshape %x : tensor<2x3xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// reshape: two dynamic extents from a static input
func.func @reshape_1(%x: tensor<2x3xf32>) -> tensor<?x?xf32> {
  // expected-error @+1 {{has more than one dynamic dimension}}
  %0 = nn.reshape %x : tensor<2x3xf32> -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// reshape: static extents must divide the count
func.func @reshape_2(%x: tensor<2x3xf32>) -> tensor<4x?xf32> {
  // expected-error @+1 {{the static extents do not divide the element count}}
  %0 = nn.reshape %x : tensor<2x3xf32> -> tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}

// -----

// reshape: ODS element type
func.func @reshape_3(%x: tensor<2x3xf32>) -> tensor<6xf16> {
  // expected-error @+1 {{all of {input, output} have same element type}}
  %0 = nn.reshape %x : tensor<2x3xf32> -> tensor<6xf16>
  return %0 : tensor<6xf16>
}

// -----

// transpose: perm length
func.func @transpose_4(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+2 {{perm has 3 entries but the input [2, 3] has rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.transpose %x {perm = array<i64: 1, 0, 2>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// transpose: not a permutation
func.func @transpose_5(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+2 {{perm [0, 0] is not a permutation of [0, 2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.transpose %x {perm = array<i64: 0, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// transpose: perm entry out of range
func.func @transpose_6(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+2 {{perm [2, 0] is not a permutation of [0, 2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.transpose %x {perm = array<i64: 2, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// transpose: declared result incompatible with the inferred one
func.func @transpose_7(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<3x2xf32>' are incompatible with return type(s) of operation 'tensor<2x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.transpose %x {perm = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// transpose: ODS type constraint (index is no element type of NN_Tensor)
func.func @transpose_8(%x: tensor<2x3xindex>) -> tensor<3x2xindex> {
  // expected-error @+1 {{operand #0 must be ranked tensor of}}
  %0 = nn.transpose %x {perm = array<i64: 1, 0>} : tensor<2x3xindex> -> tensor<3x2xindex>
  return %0 : tensor<3x2xindex>
}

// -----

// concat: no operands
func.func @concat_9() -> tensor<1xf32> {
  // expected-error @+2 {{needs at least one operand}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat {axis = 0 : i64} : () -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

// concat: axis out of range
func.func @concat_10(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // expected-error @+2 {{axis 2 is out of range [-2, 1] for a rank-2 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %a, %b {axis = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

// concat: element types differ
func.func @concat_11(%a: tensor<2x3xf32>, %b: tensor<2x3xf16>) -> tensor<4x3xf32> {
  // expected-error @+2 {{operand 1 has element type 'f16' but operand 0 has 'f32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x3xf16>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// concat: ranks differ
func.func @concat_12(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<4x3xf32> {
  // expected-error @+2 {{operand 1 of shape [3] has a different rank than operand 0 of shape [2, 3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// concat: a non-axis extent differs (after a dynamic one)
func.func @concat_13(%a: tensor<2x?xf32>, %b: tensor<2x3xf32>, %c: tensor<1x4xf32>) -> tensor<5x3xf32> {
  // expected-error @+2 {{operand 2 of shape [1, 4] differs from the other operands in dimension 1 (4 vs 3); only the concat axis 0 may differ}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %a, %b, %c {axis = 0 : i64} : (tensor<2x?xf32>, tensor<2x3xf32>, tensor<1x4xf32>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}

// -----

// concat: the axis extent overflows
func.func @concat_overflow(%a: tensor<9223372036854775807xf32>, %b: tensor<1xf32>) -> tensor<?xf32> {
  // expected-error @+2 {{the concatenated extent of axis 0 overflows}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %a, %b {axis = 0 : i64} : (tensor<9223372036854775807xf32>, tensor<1xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// concat: ODS type constraint
func.func @concat_14(%a: tensor<*xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{operand #0 must be variadic of ranked tensor}}
  %0 = nn.concat %a {axis = 0 : i64} : (tensor<*xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// slice: ends length
func.func @slice_15(%x: tensor<4x4xf32>) -> tensor<1x4xf32> {
  // expected-error @+2 {{starts has 2 entries but ends has 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.slice %x {starts = array<i64: 0, 0>, ends = array<i64: 1>} : tensor<4x4xf32> -> tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// slice: axes length
func.func @slice_16(%x: tensor<4x4xf32>) -> tensor<1x4xf32> {
  // expected-error @+2 {{axes has 2 entries but starts has 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.slice %x {starts = array<i64: 0>, ends = array<i64: 1>, axes = array<i64: 0, 1>} : tensor<4x4xf32> -> tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// slice: steps length
func.func @slice_17(%x: tensor<4x4xf32>) -> tensor<1x4xf32> {
  // expected-error @+2 {{steps has 2 entries but starts has 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.slice %x {starts = array<i64: 0>, ends = array<i64: 1>, steps = array<i64: 1, 1>} : tensor<4x4xf32> -> tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// slice: more starts than dimensions without axes
func.func @slice_18(%x: tensor<4x4xf32>) -> tensor<1x1xf32> {
  // expected-error @+2 {{starts has 3 entries but the input has rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.slice %x {starts = array<i64: 0, 0, 0>, ends = array<i64: 1, 1, 1>} : tensor<4x4xf32> -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

// slice: duplicate axes
func.func @slice_19(%x: tensor<4x4xf32>) -> tensor<4x1xf32> {
  // expected-error @+2 {{axes contain dimension 1 more than once}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.slice %x {starts = array<i64: 0, 0>, ends = array<i64: 1, 1>, axes = array<i64: 1, -1>} : tensor<4x4xf32> -> tensor<4x1xf32>
  return %0 : tensor<4x1xf32>
}

// -----

// slice: axis out of range
func.func @slice_20(%x: tensor<4x4xf32>) -> tensor<4x1xf32> {
  // expected-error @+2 {{axes 2 is out of range [-2, 1] for a rank-2 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.slice %x {starts = array<i64: 0>, ends = array<i64: 1>, axes = array<i64: 2>} : tensor<4x4xf32> -> tensor<4x1xf32>
  return %0 : tensor<4x1xf32>
}

// -----

// slice: zero step
func.func @slice_21(%x: tensor<4x4xf32>) -> tensor<4x1xf32> {
  // expected-error @+2 {{steps must not be 0 (axis 1)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.slice %x {starts = array<i64: 0>, ends = array<i64: 1>, axes = array<i64: 1>, steps = array<i64: 0>} : tensor<4x4xf32> -> tensor<4x1xf32>
  return %0 : tensor<4x1xf32>
}

// -----

// slice: declared extent disagrees with the clamped range
func.func @slice_22(%x: tensor<4x4xf32>) -> tensor<4x3xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<4x2xf32>' are incompatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.slice %x {starts = array<i64: -2>, ends = array<i64: 100>, axes = array<i64: 1>} : tensor<4x4xf32> -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// gather: rank-0 data
func.func @gather_23(%x: tensor<f32>, %i: tensor<2xi64>) -> tensor<2xf32> {
  // expected-error @+2 {{axis 0 is invalid for a rank-0 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gather %x, %i : (tensor<f32>, tensor<2xi64>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// gather: ODS type constraint on indices
func.func @gather_24(%x: tensor<4xf32>, %i: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{operand #1 must be ranked tensor of 32/64-bit integer values}}
  %0 = nn.gather %x, %i : (tensor<4xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// gather_elements: rank mismatch
func.func @gather_elements_25(%x: tensor<4x4xf32>, %i: tensor<2xi64>) -> tensor<2xf32> {
  // expected-error @+2 {{indices of shape [2] must have the rank of data of shape [4, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gather_elements %x, %i : (tensor<4x4xf32>, tensor<2xi64>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// gather_elements: axis out of range
func.func @gather_elements_26(%x: tensor<4x4xf32>, %i: tensor<2x4xi32>) -> tensor<2x4xf32> {
  // expected-error @+2 {{axis -3 is out of range [-2, 1]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gather_elements %x, %i {axis = -3 : i64} : (tensor<4x4xf32>, tensor<2x4xi32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// gather_elements: indices larger than data off the axis
func.func @gather_elements_27(%x: tensor<4x4xf32>, %i: tensor<2x5xi64>) -> tensor<2x5xf32> {
  // expected-error @+2 {{indices of shape [2, 5] exceed data of shape [4, 4] in dimension 1, which is not the gather axis 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gather_elements %x, %i : (tensor<4x4xf32>, tensor<2x5xi64>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// pad: pads length
func.func @pad_28(%x: tensor<4x4xf32>) -> tensor<6x4xf32> {
  // expected-error @+2 {{pads has 2 entries but needs 2 * rank = 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x {pads = array<i64: 1, 1>} : tensor<4x4xf32> -> tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}

// -----

// pad: reflect pad not smaller than the extent
func.func @pad_29(%x: tensor<4x3xf32>) -> tensor<4x6xf32> {
  // expected-error @+2 {{reflect pads (0, 3) of dimension 1 must be smaller than its extent 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x {pads = array<i64: 0, 0, 0, 3>, mode = #nn<pad reflect>} : tensor<4x3xf32> -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

// pad: edge on an empty extent
func.func @pad_30(%x: tensor<0x3xf32>) -> tensor<1x3xf32> {
  // expected-error @+2 {{edge padding of dimension 0 needs a non-empty extent}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x {pads = array<i64: 1, 0, 0, 0>, mode = #nn<pad edge>} : tensor<0x3xf32> -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// -----

// pad: extent overflow
func.func @pad_31(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+2 {{pads (9223372036854775807, 0) of dimension 0 overflow its extent}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x {pads = array<i64: 9223372036854775807, 0, 0, 0>} : tensor<4x3xf32> -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// pad: crop below zero
func.func @pad_32(%x: tensor<4x3xf32>) -> tensor<4x0xf32> {
  // expected-error @+2 {{pads (-3, -2) crop dimension 1 of extent 3 below zero}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x {pads = array<i64: 0, -3, 0, -2>} : tensor<4x3xf32> -> tensor<4x0xf32>
  return %0 : tensor<4x0xf32>
}

// -----

// broadcast: result rank lower than input rank
func.func @broadcast_34(%x: tensor<2x3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'nn.broadcast' op cannot broadcast [2, 3] to the lower-rank [3]}}
  %0 = nn.broadcast %x : tensor<2x3xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// broadcast: incompatible extent
func.func @broadcast_35(%x: tensor<2x3xf32>) -> tensor<5x4x3xf32> {
  // expected-error @+1 {{input dimension 0 has extent 2, which is neither 1 nor 4}}
  %0 = nn.broadcast %x : tensor<2x3xf32> -> tensor<5x4x3xf32>
  return %0 : tensor<5x4x3xf32>
}

// -----

// broadcast: ODS element types
func.func @broadcast_36(%x: tensor<3xf32>) -> tensor<2x3xi32> {
  // expected-error @+1 {{all of {input, output} have same element type}}
  %0 = nn.broadcast %x : tensor<3xf32> -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// tile: repeats length
func.func @tile_37(%x: tensor<2x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+2 {{repeats has 1 entries but the input [2, 3] has rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.tile %x {repeats = array<i64: 2>} : tensor<2x3xf32> -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// tile: repeat below 1
func.func @tile_38(%x: tensor<2x3xf32>) -> tensor<2x0xf32> {
  // expected-error @+2 {{repeats[1] = 0 must be at least 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.tile %x {repeats = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<2x0xf32>
  return %0 : tensor<2x0xf32>
}

// -----

// tile: extent overflow
func.func @tile_39(%x: tensor<2x3xf32>) -> tensor<?x3xf32> {
  // expected-error @+2 {{tiling dimension 0 by 4611686018427387904 overflows its extent}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.tile %x {repeats = array<i64: 4611686018427387904, 1>} : tensor<2x3xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// squeeze: no axes with dynamic extents
func.func @squeeze_40(%x: tensor<?x1xf32>) -> tensor<?xf32> {
  // expected-error @+2 {{squeeze without axes of [?, 1] is ambiguous}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.squeeze %x : tensor<?x1xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// squeeze: axis out of range
func.func @squeeze_41(%x: tensor<3x1xf32>) -> tensor<3xf32> {
  // expected-error @+2 {{axes 2 is out of range [-2, 1]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.squeeze %x {axes = array<i64: 2>} : tensor<3x1xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// squeeze: extent other than 1
func.func @squeeze_42(%x: tensor<3x1xf32>) -> tensor<1xf32> {
  // expected-error @+2 {{cannot squeeze dimension 0 of extent 3 in [3, 1]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.squeeze %x {axes = array<i64: 0>} : tensor<3x1xf32> -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

// unsqueeze: axis out of range of the result rank
func.func @unsqueeze_43(%x: tensor<3x4xf32>) -> tensor<3x4x1xf32> {
  // expected-error @+2 {{axes 3 is out of range [-3, 2] for a rank-3 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.unsqueeze %x {axes = array<i64: 3>} : tensor<3x4xf32> -> tensor<3x4x1xf32>
  return %0 : tensor<3x4x1xf32>
}

// -----

// unsqueeze: duplicate axes
func.func @unsqueeze_44(%x: tensor<3xf32>) -> tensor<1x1x3xf32> {
  // expected-error @+2 {{axes contain dimension 0 more than once}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.unsqueeze %x {axes = array<i64: 0, -3>} : tensor<3xf32> -> tensor<1x1x3xf32>
  return %0 : tensor<1x1x3xf32>
}

// -----

// squeeze: ODS type constraint
func.func @squeeze_45(%x: tensor<3x1xcomplex<f32>>) -> tensor<3xcomplex<f32>> {
  // expected-error @+1 {{operand #0 must be ranked tensor of}}
  %0 = nn.squeeze %x {axes = array<i64: 1>} : tensor<3x1xcomplex<f32>> -> tensor<3xcomplex<f32>>
  return %0 : tensor<3xcomplex<f32>>
}

// -----

// split: axis out of range
func.func @split_46(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{axis 1 is out of range [-1, 0] for a rank-1 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.split %x {axis = 1 : i64, sizes = array<i64: 4>} : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// split: no sizes
func.func @split_47(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{sizes must name at least one piece}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.split %x {axis = 0 : i64, sizes = array<i64>} : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// split: negative size
func.func @split_48(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{sizes must not be negative, got -1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.split %x {axis = 0 : i64, sizes = array<i64: 5, -1>} : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// split: sizes overflow
func.func @split_49(%x: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @+2 {{sizes overflow when summed}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.split %x {axis = 0 : i64, sizes = array<i64: 9223372036854775807, 1>} : tensor<?xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// split: sizes do not sum to the extent
func.func @split_50(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{sizes sum to 5 but dimension 0 of [4] has extent 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.split %x {axis = 0 : i64, sizes = array<i64: 2, 3>} : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// split: wrong number of results
func.func @split_51(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<2xf32>', 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.split %x {axis = 0 : i64, sizes = array<i64: 2, 2>} : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// resize: rank change
func.func @resize_52(%x: tensor<1x4xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'nn.resize' op cannot resize [1, 4] to [8] of another rank}}
  %0 = nn.resize %x {mode = #nn<resize nearest>} : tensor<1x4xf32> -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// resize: scales length
func.func @resize_53(%x: tensor<1x4xf32>) -> tensor<1x8xf32> {
  // expected-error @+1 {{scales has 1 entries but the input has rank 2}}
  %0 = nn.resize %x {mode = #nn<resize nearest>, scales = array<f64: 2.0>} : tensor<1x4xf32> -> tensor<1x8xf32>
  return %0 : tensor<1x8xf32>
}

// -----

// resize: non-positive scale
func.func @resize_54(%x: tensor<1x4xf32>) -> tensor<1x8xf32> {
  // expected-error @+1 {{scales[0] = 0 must be positive}}
  %0 = nn.resize %x {mode = #nn<resize nearest>, scales = array<f64: 0.0, 2.0>} : tensor<1x4xf32> -> tensor<1x8xf32>
  return %0 : tensor<1x8xf32>
}

// -----

// resize: output extent disagrees with the scale
func.func @resize_55(%x: tensor<1x4xf32>) -> tensor<1x9xf32> {
  // expected-error @+1 {{output extent 9 of dimension 1 is not floor(4 * 2.5) = 10}}
  %0 = nn.resize %x {mode = #nn<resize linear>, scales = array<f64: 1.0, 2.5>} : tensor<1x4xf32> -> tensor<1x9xf32>
  return %0 : tensor<1x9xf32>
}

// -----

// resize: ODS type constraint (float only)
func.func @resize_56(%x: tensor<1x4xi32>) -> tensor<1x8xi32> {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = nn.resize %x {mode = #nn<resize nearest>} : tensor<1x4xi32> -> tensor<1x8xi32>
  return %0 : tensor<1x8xi32>
}

// -----

// trilu: rank below 2
func.func @trilu_57(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{input of shape [4] needs rank >= 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.trilu %x : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// pad: ODS type constraint (index elements)
func.func @pad_ods(%x: tensor<4xindex>) -> tensor<6xindex> {
  // expected-error @+1 {{operand #0 must be ranked tensor of}}
  %0 = nn.pad %x {pads = array<i64: 1, 1>} : tensor<4xindex> -> tensor<6xindex>
  return %0 : tensor<6xindex>
}

// -----

// split: ODS type constraint on the results
func.func @split_ods(%x: tensor<4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{result #0 must be variadic of ranked tensor}}
  %0 = nn.split %x {axis = 0 : i64, sizes = array<i64: 4>} : tensor<4xf32> -> tensor<*xf32>
  return %0 : tensor<*xf32>
}


// -----

//===--- Contractions ---===//

// One case per error branch of the contraction family and of the shared
// window-attribute helper (WindowAttrs.cpp). Inference errors are followed
// by the generic "failed to infer returned types".

// ODS type constraint: integer operands.
func.func @matmul_int_operands(%a: tensor<4x8xi32>, %b: tensor<8x16xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = nn.matmul %a, %b : (tensor<4x8xi32>, tensor<8x16xi32>) -> tensor<4x16xi32>
  return
}

// -----

func.func @matmul_element_types_differ(%a: tensor<4x8xf32>, %b: tensor<8x16xf16>) {
  // expected-error @+1 {{all of {lhs, rhs, output} have same element type}}
  %0 = nn.matmul %a, %b : (tensor<4x8xf32>, tensor<8x16xf16>) -> tensor<4x16xf32>
  return
}

// -----

func.func @matmul_rank0(%a: tensor<f32>, %b: tensor<8x16xf32>) {
  // expected-error @+2 {{operands must have rank >= 1, got lhs [] and rhs [8, 16]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<f32>, tensor<8x16xf32>) -> tensor<16xf32>
  return
}

// -----

func.func @matmul_inner_mismatch(%a: tensor<4x8xf32>, %b: tensor<6x16xf32>) {
  // expected-error @+2 {{inner dimensions differ: lhs [4, 8] has K = 8 but rhs [6, 16] has K = 6}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<4x8xf32>, tensor<6x16xf32>) -> tensor<4x16xf32>
  return
}

// -----

func.func @matmul_batch_mismatch(%a: tensor<2x4x8xf32>, %b: tensor<3x8x16xf32>) {
  // expected-error @+2 {{batch dimensions [2] of lhs and [3] of rhs do not broadcast}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<2x4x8xf32>, tensor<3x8x16xf32>) -> tensor<2x4x16xf32>
  return
}

// -----

// A declared result type must agree with the inferred one.
func.func @matmul_wrong_result(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<4x16xf32>' are incompatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x15xf32>
  return
}

// -----

func.func @gemm_rank3(%a: tensor<2x4x8xf32>, %b: tensor<8x16xf32>) {
  // expected-error @+2 {{a and b must be matrices (rank 2), got a [2, 4, 8] and b [8, 16]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b : (tensor<2x4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return
}

// -----

func.func @gemm_inner_mismatch_trans_b(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) {
  // expected-error @+2 {{inner dimensions differ: a [4, 8] has K = 8 but b [8, 16] (transposed) has K = 16}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b {trans_b = true} : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x8xf32>
  return
}

// -----

func.func @gemm_c_not_broadcastable(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<5x16xf32>) {
  // expected-error @+2 {{c of shape [5, 16] must broadcast to the result shape [M, N] = [4, 16]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b, %c : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<5x16xf32>) -> tensor<4x16xf32>
  return
}

// -----

// Unidirectional: c may not grow the result.
func.func @gemm_c_grows_result(%a: tensor<1x8xf32>, %b: tensor<8x16xf32>, %c: tensor<4x16xf32>) {
  // expected-error @+2 {{c of shape [4, 16] must broadcast to the result shape [M, N] = [1, 16]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b, %c : (tensor<1x8xf32>, tensor<8x16xf32>, tensor<4x16xf32>) -> tensor<1x16xf32>
  return
}

// -----

func.func @gemm_c_element_type(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<16xf16>) {
  // expected-error @+2 {{c element type 'f16' must match the element type 'f32' of a and b}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b, %c : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<16xf16>) -> tensor<4x16xf32>
  return
}

// -----

func.func @gemm_int_operand(%a: tensor<4x8xf32>, %b: tensor<8x16xi32>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of floating-point values}}
  %0 = nn.gemm %a, %b : (tensor<4x8xf32>, tensor<8x16xi32>) -> tensor<4x16xf32>
  return
}

// -----

// ODS type constraint: integer input.
func.func @conv_int_input(%x: tensor<1x3x8x8xi32>, %w: tensor<8x3x3x3xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = nn.conv %x, %w : (tensor<1x3x8x8xi32>, tensor<8x3x3x3xi32>) -> tensor<1x8x6x6xi32>
  return
}

// -----

func.func @conv_element_types_differ(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf16>) {
  // expected-error @+1 {{all of {input, weight, output} have same element type}}
  %0 = nn.conv %x, %w : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf16>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_rank2(%x: tensor<3x8xf32>, %w: tensor<8x3xf32>) {
  // expected-error @+2 {{input of shape [3, 8] must have rank 3, 4 or 5 ([N, C, D1..Dk] with 1 to 3 spatial dimensions), got rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w : (tensor<3x8xf32>, tensor<8x3xf32>) -> tensor<3x8xf32>
  return
}

// -----

func.func @conv_rank6(%x: tensor<1x3x2x2x2x2xf32>, %w: tensor<8x3x1x1x1x1xf32>) {
  // expected-error @+2 {{got rank 6}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w : (tensor<1x3x2x2x2x2xf32>, tensor<8x3x1x1x1x1xf32>) -> tensor<1x8x2x2x2x2xf32>
  return
}

// -----

func.func @conv_weight_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3xf32>) {
  // expected-error @+2 {{weight of shape [8, 3, 3] must have rank 4 ([M, C / group, K1..Kk]) to match the input of shape [1, 3, 8, 8]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w : (tensor<1x3x8x8xf32>, tensor<8x3x3xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_group_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+2 {{group = 0 must be >= 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {group = 0 : i64} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_channels_not_divisible(%x: tensor<1x6x8x8xf32>, %w: tensor<8x1x3x3xf32>) {
  // expected-error @+2 {{input channels C = 6 must be divisible by group = 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {group = 4 : i64} : (tensor<1x6x8x8xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_out_channels_not_divisible(%x: tensor<1x8x8x8xf32>, %w: tensor<6x2x3x3xf32>) {
  // expected-error @+2 {{output channels M (weight[0]) = 6 must be divisible by group = 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {group = 4 : i64} : (tensor<1x8x8x8xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

func.func @conv_channels_per_group(%x: tensor<1x8x8x8xf32>, %w: tensor<8x4x3x3xf32>) {
  // expected-error @+2 {{weight[1] = 4 channels per group times group = 4 must equal the input channels C = 8}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {group = 4 : i64} : (tensor<1x8x8x8xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_bias_element_type(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<8xf16>) {
  // expected-error @+2 {{bias element type 'f16' must match the input element type 'f32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>, tensor<8xf16>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_bias_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<1x8xf32>) {
  // expected-error @+2 {{bias of shape [1, 8] must have rank 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>, tensor<1x8xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_bias_extent(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+2 {{bias of shape [4] must have 8 entries, one per output channel}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>, tensor<4xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_kernel_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x0x3xf32>) {
  // expected-error @+2 {{weight has kernel extent 0 at spatial dimension 0; it must be >= 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w : (tensor<1x3x8x8xf32>, tensor<8x3x0x3xf32>) -> tensor<1x8x9x6xf32>
  return
}

// -----

func.func @conv_strides_length(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+2 {{strides must have 2 entries (one per spatial dimension), got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 2>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x3x3xf32>
  return
}

// -----

func.func @conv_strides_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+2 {{strides[1] = 0 must be >= 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 0>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_dilations_length(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+2 {{dilations must have 2 entries (one per spatial dimension), got 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {dilations = array<i64: 1, 1, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_dilations_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+2 {{dilations[0] = 0 must be >= 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {dilations = array<i64: 0, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_pads_length(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+2 {{pads must have 4 entries (2 begins, then 2 ends), got 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {pads = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @conv_pads_negative(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+2 {{pads[2] = -1 must be >= 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {pads = array<i64: 0, 0, -1, 0>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x5x6xf32>
  return
}

// -----

func.func @conv_window_too_big(%x: tensor<1x3x4x8xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+2 {{window of extent 5 (kernel 3, dilation 2) does not fit spatial dimension 0 of extent 4 with pads (0, 0)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {dilations = array<i64: 2, 1>} : (tensor<1x3x4x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x1x6xf32>
  return
}

// -----

func.func @conv_transpose_weight_rank(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3xf32>) {
  // expected-error @+2 {{weight of shape [4, 2, 3] must have rank 4 ([C, M / group, K1..Kk])}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_transpose %x, %w : (tensor<1x4x8x8xf32>, tensor<4x2x3xf32>) -> tensor<1x2x10x10xf32>
  return
}

// -----

func.func @conv_transpose_channels_not_divisible(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+2 {{input channels C = 4 must be divisible by group = 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_transpose %x, %w {group = 3 : i64} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x6x10x10xf32>
  return
}

// -----

func.func @conv_transpose_weight_channels(%x: tensor<1x4x8x8xf32>, %w: tensor<2x2x3x3xf32>) {
  // expected-error @+2 {{weight[0] = 2 must equal the input channels C = 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_transpose %x, %w : (tensor<1x4x8x8xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x10x10xf32>
  return
}

// -----

func.func @conv_transpose_bias_extent(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<2xf32>) {
  // expected-error @+2 {{bias of shape [2] must have 4 entries, one per output channel}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_transpose %x, %w, %b {group = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x4x10x10xf32>
  return
}

// -----

func.func @conv_transpose_output_padding_length(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+2 {{output_padding must have 2 entries (one per spatial dimension), got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_transpose %x, %w {output_padding = array<i64: 1>} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x10x10xf32>
  return
}

// -----

func.func @conv_transpose_output_padding_negative(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+2 {{output_padding[1] = -1 must be >= 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_transpose %x, %w {output_padding = array<i64: 0, -1>} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x10x10xf32>
  return
}

// -----

func.func @conv_transpose_output_padding_too_big(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+2 {{output_padding[0] = 2 must be smaller than the stride (2) or the dilation (1)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_transpose %x, %w {strides = array<i64: 2, 2>, output_padding = array<i64: 2, 0>} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x19x17xf32>
  return
}

// -----

func.func @conv_transpose_output_empty(%x: tensor<1x4x1x8xf32>, %w: tensor<4x2x1x3xf32>) {
  // expected-error @+2 {{output extent of spatial dimension 0 would be 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_transpose %x, %w {pads = array<i64: 1, 0, 0, 0>} : (tensor<1x4x1x8xf32>, tensor<4x2x1x3xf32>) -> tensor<1x2x1x10xf32>
  return
}

// -----

func.func @conv_transpose_int_result(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of floating-point values}}
  %0 = nn.conv_transpose %x, %w : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x10x10xi32>
  return
}


// -----

//===--- Pooling ---===//

// One case per error branch of the pooling family; the window-attribute
// helper (WindowAttrs.cpp) is shared with the convolutions and mostly covered
// by contraction-invalid.mlir.
// Inference errors are followed by the generic "failed to infer returned
// types".

// ODS type constraint: integer input.
func.func @max_pool_int_input(%x: tensor<1x3x8x8xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2, 2>} : tensor<1x3x8x8xi32> -> tensor<1x3x7x7xi32>
  return
}

// -----

func.func @max_pool_missing_kernel(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{requires attribute 'kernel_shape'}}
  %0 = nn.max_pool %x : tensor<1x3x8x8xf32> -> tensor<1x3x8x8xf32>
  return
}

// -----

func.func @max_pool_element_types_differ(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{requires the same element type for all operands and results}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x7x7xf16>
  return
}

// -----

func.func @max_pool_rank2(%x: tensor<3x8xf32>) {
  // expected-error @+2 {{input of shape [3, 8] must have rank 3, 4 or 5}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2>} : tensor<3x8xf32> -> tensor<3x7xf32>
  return
}

// -----

func.func @max_pool_kernel_length(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{kernel_shape must have 2 entries (one per spatial dimension), got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x7x7xf32>
  return
}

// -----

func.func @max_pool_kernel_zero(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{kernel_shape has kernel extent 0 at spatial dimension 1; it must be >= 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2, 0>} : tensor<1x3x8x8xf32> -> tensor<1x3x7x7xf32>
  return
}

// -----

func.func @max_pool_dilations_zero(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{dilations[1] = 0 must be >= 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2, 2>, dilations = array<i64: 1, 0>} : tensor<1x3x8x8xf32> -> tensor<1x3x7x7xf32>
  return
}

// -----

func.func @max_pool_pad_not_below_kernel(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{pads (0, 2) of spatial dimension 1 must be smaller than the kernel extent 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x7x9xf32>
  return
}

// -----

func.func @max_pool_window_too_big(%x: tensor<1x3x2x8xf32>) {
  // expected-error @+2 {{window of extent 3 (kernel 3, dilation 1) does not fit spatial dimension 0 of extent 2 with pads (0, 0)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>} : tensor<1x3x2x8xf32> -> tensor<1x3x1x6xf32>
  return
}

// -----

func.func @avg_pool_strides_length(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{strides must have 2 entries (one per spatial dimension), got 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.avg_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @avg_pool_pads_negative(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{pads[0] = -1 must be >= 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.avg_pool %x {kernel_shape = array<i64: 2, 2>, pads = array<i64: -1, 0, 0, 0>} : tensor<1x3x8x8xf32> -> tensor<1x3x6x7xf32>
  return
}

// -----

// A declared result type must agree with the inferred one.
func.func @avg_pool_wrong_result(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x3x4x4xf32>' are incompatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.avg_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x5x4xf32>
  return
}

// -----

func.func @global_max_pool_rank2(%x: tensor<3x8xf32>) {
  // expected-error @+2 {{input of shape [3, 8] must have rank >= 3 ([N, C, D1..Dk])}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.global_max_pool %x : tensor<3x8xf32> -> tensor<3x8xf32>
  return
}

// -----

func.func @global_avg_pool_int_input(%x: tensor<1x3x8x8xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = nn.global_avg_pool %x : tensor<1x3x8x8xi32> -> tensor<1x3x1x1xi32>
  return
}

// -----

func.func @global_avg_pool_wrong_result(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x3x1x1xf32>' are incompatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.global_avg_pool %x : tensor<1x3x8x8xf32> -> tensor<1x3x8x8xf32>
  return
}


// -----

//===--- Recurrent ---===//

func.func @hidden_size_not_positive(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>) {
  // expected-error @+2 {{hidden_size must be positive, got 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 0 : i64} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @hidden_size_too_large(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>) {
  // expected-error @+2 {{hidden_size 4611686018427387904 is too large}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 4611686018427387904 : i64} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @activation_count(%x: tensor<5x3x4xf32>, %w: tensor<2x24x4xf32>, %r: tensor<2x24x8xf32>) {
  // expected-error @+2 {{expected 4 activations (2 per direction, 2 direction(s)), got 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.gru %x, %w, %r {hidden_size = 8 : i64, direction = #nn<direction bidirectional>, activations = ["Sigmoid", "Tanh"]} : (tensor<5x3x4xf32>, tensor<2x24x4xf32>, tensor<2x24x8xf32>) -> (tensor<5x2x3x8xf32>, tensor<2x3x8xf32>)
  return
}

// -----

func.func @activation_unknown(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>) {
  // expected-error @+2 {{unknown activation "tanh"; expected one of Relu, Tanh}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 8 : i64, activations = ["tanh"]} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @activation_not_string(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>) {
  // expected-error @+1 {{attribute 'activations' failed to satisfy constraint: string array attribute}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 8 : i64, activations = [1]} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

// The default activations take no alpha.
func.func @alpha_without_activations(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>) {
  // expected-error @+2 {{activation_alpha has 1 values but the activations take only 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 8 : i64, activation_alpha = array<f64: 0.5>} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @beta_surplus(%x: tensor<5x3x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+2 {{activation_beta has 2 values but the activations take only 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h, %y_c = nn.lstm %x, %w, %r {hidden_size = 8 : i64, activations = ["HardSigmoid", "Elu", "Tanh"], activation_alpha = array<f64: 0.2, 1.0>, activation_beta = array<f64: 0.5, 0.5>} : (tensor<5x3x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @clip_not_positive(%x: tensor<5x3x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+2 {{clip must be positive, got -1}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h, %y_c = nn.lstm %x, %w, %r {hidden_size = 8 : i64, clip = -1.0} : (tensor<5x3x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @x_rank(%x: tensor<3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>) {
  // expected-error @+2 {{x must be a rank-3 tensor [seq_length, batch_size, input_size], got 'tensor<3x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 8 : i64} : (tensor<3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @bias_rank(%x: tensor<5x3x4xf32>, %w: tensor<1x24x4xf32>, %r: tensor<1x24x8xf32>, %b: tensor<48xf32>) {
  // expected-error @+2 {{bias must be a rank-2 tensor [num_directions, 2 * G * hidden_size]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.gru %x, %w, %r bias(%b) {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x24x4xf32>, tensor<1x24x8xf32>, tensor<48xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @element_type_mismatch(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf16>, %r: tensor<1x8x8xf32>) {
  // expected-error @+2 {{w must have the element type 'f32' of x, got 'tensor<1x8x4xf16>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x8x4xf16>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @directions(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>) {
  // expected-error @+2 {{expected dimension 0 of w to be 2 (num_directions for direction bidirectional), but w has shape [1, 8, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 8 : i64, direction = #nn<direction bidirectional>} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x2x3x8xf32>, tensor<2x3x8xf32>)
  return
}

// -----

func.func @w_gate_rows(%x: tensor<5x3x4xf32>, %w: tensor<1x24x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+2 {{expected dimension 1 of w to be 32 (4 gate(s) x hidden_size 8), but w has shape [1, 24, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h, %y_c = nn.lstm %x, %w, %r {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x24x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @input_size(%x: tensor<5x3x4xf32>, %w: tensor<1x24x5xf32>, %r: tensor<1x24x8xf32>) {
  // expected-error @+2 {{expected dimension 2 of w to be 4 (input_size of x), but w has shape [1, 24, 5]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.gru %x, %w, %r {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x24x5xf32>, tensor<1x24x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @r_rows(%x: tensor<5x3x4xf32>, %w: tensor<1x24x4xf32>, %r: tensor<1x8x8xf32>) {
  // expected-error @+2 {{expected dimension 1 of r to be 24 (3 gate(s) x hidden_size 8), but r has shape [1, 8, 8]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.gru %x, %w, %r {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x24x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @r_hidden(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x4xf32>) {
  // expected-error @+2 {{expected dimension 2 of r to be 8 (hidden_size 8), but r has shape [1, 8, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @bias_extent(%x: tensor<5x3x4xf32>, %w: tensor<1x24x4xf32>, %r: tensor<1x24x8xf32>, %b: tensor<1x24xf32>) {
  // expected-error @+2 {{expected dimension 1 of bias to be 48 (2 x 3 gate(s) x hidden_size 8), but bias has shape [1, 24]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.gru %x, %w, %r bias(%b) {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x24x4xf32>, tensor<1x24x8xf32>, tensor<1x24xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @bias_directions(%x: tensor<5x3x4xf32>, %w: tensor<2x8x4xf32>, %r: tensor<2x8x8xf32>, %b: tensor<1x16xf32>) {
  // expected-error @+2 {{expected dimension 0 of bias to be 2 (num_directions for direction bidirectional), but bias has shape [1, 16]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r bias(%b) {hidden_size = 8 : i64, direction = #nn<direction bidirectional>} : (tensor<5x3x4xf32>, tensor<2x8x4xf32>, tensor<2x8x8xf32>, tensor<1x16xf32>) -> (tensor<5x2x3x8xf32>, tensor<2x3x8xf32>)
  return
}

// -----

func.func @peepholes_extent(%x: tensor<5x3x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>, %p: tensor<1x32xf32>) {
  // expected-error @+2 {{expected dimension 1 of peepholes to be 24 (3 gates x hidden_size 8), but peepholes has shape [1, 32]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h, %y_c = nn.lstm %x, %w, %r peepholes(%p) {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x32xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @sequence_lens_rank(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>, %lens: tensor<1x3xi32>) {
  // expected-error @+2 {{sequence_lens must be a rank-1 tensor [batch_size], got 'tensor<1x3xi32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r sequence_lens(%lens) {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>, tensor<1x3xi32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @sequence_lens_batch(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>, %lens: tensor<2xi32>) {
  // expected-error @+2 {{expected dimension 0 of sequence_lens to be 3 (batch_size of x), but sequence_lens has shape [2]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r sequence_lens(%lens) {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>, tensor<2xi32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

// With a dynamic batch in x, the first static batch (sequence_lens) pins it.
func.func @initial_h_batch(%x: tensor<5x?x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>, %lens: tensor<3xi32>, %h0: tensor<1x2x8xf32>) {
  // expected-error @+2 {{expected dimension 1 of initial_h to be 3 (batch_size of sequence_lens), but initial_h has shape [1, 2, 8]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r sequence_lens(%lens) initial_h(%h0) {hidden_size = 8 : i64} : (tensor<5x?x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>, tensor<3xi32>, tensor<1x2x8xf32>) -> (tensor<5x1x?x8xf32>, tensor<1x?x8xf32>)
  return
}

// -----

func.func @initial_h_hidden(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>, %h0: tensor<1x3x4xf32>) {
  // expected-error @+2 {{expected dimension 2 of initial_h to be 8 (hidden_size 8), but initial_h has shape [1, 3, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h = nn.rnn %x, %w, %r initial_h(%h0) {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>, tensor<1x3x4xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @initial_c_batch(%x: tensor<5x?x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>, %h0: tensor<1x3x8xf32>, %c0: tensor<1x4x8xf32>) {
  // expected-error @+2 {{expected dimension 1 of initial_c to be 3 (batch_size of initial_h), but initial_c has shape [1, 4, 8]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h, %y_c = nn.lstm %x, %w, %r initial_h(%h0) initial_c(%c0) {hidden_size = 8 : i64} : (tensor<5x?x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x3x8xf32>, tensor<1x4x8xf32>) -> (tensor<5x1x?x8xf32>, tensor<1x?x8xf32>, tensor<1x?x8xf32>)
  return
}

// -----

func.func @initial_c_element_type(%x: tensor<5x3x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>, %c0: tensor<1x3x8xf64>) {
  // expected-error @+2 {{initial_c must have the element type 'f32' of x, got 'tensor<1x3x8xf64>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h, %y_c = nn.lstm %x, %w, %r initial_c(%c0) {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x3x8xf64>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

// Declared result types must agree with the inferred ones.
func.func @result_mismatch(%x: tensor<5x3x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+2 {{are incompatible with return type(s)}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %y_h, %y_c = nn.lstm %x, %w, %r {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x4xf32>)
  return
}

// -----

// ODS type constraints: float X, W, R, states; integer sequence_lens.
func.func @rnn_int_x(%x: tensor<5x3x4xi32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %y, %y_h = nn.rnn %x, %w, %r {hidden_size = 8 : i64} : (tensor<5x3x4xi32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @gru_float_lens(%x: tensor<5x3x4xf32>, %w: tensor<1x24x4xf32>, %r: tensor<1x24x8xf32>, %lens: tensor<3xf32>) {
  // expected-error @+1 {{operand #3 must be ranked tensor of 32/64-bit integer values}}
  %y, %y_h = nn.gru %x, %w, %r sequence_lens(%lens) {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x24x4xf32>, tensor<1x24x8xf32>, tensor<3xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return
}

// -----

func.func @lstm_int_initial_c(%x: tensor<5x3x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>, %c0: tensor<1x3x8xi32>) {
  // expected-error @+1 {{operand #3 must be ranked tensor of floating-point values}}
  %y, %y_h, %y_c = nn.lstm %x, %w, %r initial_c(%c0) {hidden_size = 8 : i64} : (tensor<5x3x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x3x8xi32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
  return
}


// -----

//===--- Normalization and reductions ---===//

func.func @batch_norm_rank(%x: tensor<8xf32>, %c: tensor<8xf32>) {
  // expected-error @+2 {{input must have rank >= 2 ([N, C, ...]), got shape [8]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.batch_norm %x, %c, %c, %c, %c : (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @batch_norm_param_rank(%x: tensor<?x3xf32>, %c: tensor<3xf32>, %m: tensor<1x3xf32>) {
  // expected-error @+2 {{mean must be a 1-D tensor of C elements, got shape [1, 3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.batch_norm %x, %c, %c, %m, %c : (tensor<?x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<1x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  return
}

// -----

func.func @batch_norm_channels(%x: tensor<?x3x4x4xf32>, %c: tensor<3xf32>, %v: tensor<4xf32>) {
  // expected-error @+2 {{var has 4 elements but the channel extent C is 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.batch_norm %x, %c, %c, %c, %v : (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<4xf32>) -> tensor<?x3x4x4xf32>
  return
}

// -----

// Parameters pin a dynamic channel extent, and must agree with each other.
func.func @batch_norm_params_disagree(%x: tensor<?x?xf32>, %c: tensor<3xf32>, %b: tensor<5xf32>) {
  // expected-error @+2 {{bias has 5 elements but the channel extent C is 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.batch_norm %x, %c, %b, %c, %c : (tensor<?x?xf32>, tensor<3xf32>, tensor<5xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @batch_norm_epsilon(%x: tensor<2x3xf32>, %c: tensor<3xf32>) {
  // expected-error @+1 {{'nn.batch_norm' op epsilon must be non-negative, got -1}}
  %0 = nn.batch_norm %x, %c, %c, %c, %c {epsilon = -1.0 : f64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @batch_norm_int(%x: tensor<2x3xi32>, %c: tensor<3xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = nn.batch_norm %x, %c, %c, %c, %c : (tensor<2x3xi32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) -> tensor<2x3xi32>
  return
}

// -----

func.func @batch_norm_mixed_types(%x: tensor<2x3xf32>, %c: tensor<3xf32>, %h: tensor<3xf16>) {
  // expected-error @+1 {{all of {input, scale, bias, mean, var, output} have same element type}}
  %0 = nn.batch_norm %x, %c, %c, %c, %h : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf16>) -> tensor<2x3xf32>
  return
}

// -----

func.func @batch_norm_result(%x: tensor<2x3xf32>, %c: tensor<3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<2x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.batch_norm %x, %c, %c, %c, %c : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @layer_norm_axis(%x: tensor<2x3xf32>, %g: tensor<3xf32>) {
  // expected-error @+2 {{axis 2 is out of range [-2, 1] for a rank-2 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.layer_norm %x, %g {axis = 2 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @layer_norm_rank0(%x: tensor<f32>, %g: tensor<f32>) {
  // expected-error @+2 {{axis -1 is invalid for a rank-0 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.layer_norm %x, %g : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return
}

// -----

func.func @layer_norm_scale_rank(%x: tensor<?x4x8xf32>, %g: tensor<4x8xf32>) {
  // expected-error @+2 {{scale of shape [4, 8] does not broadcast to the normalized shape input.shape[axis:] [8]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.layer_norm %x, %g : (tensor<?x4x8xf32>, tensor<4x8xf32>) -> tensor<?x4x8xf32>
  return
}

// -----

func.func @layer_norm_scale_extent(%x: tensor<?x4x8xf32>, %g: tensor<3x8xf32>) {
  // expected-error @+2 {{scale of shape [3, 8] does not broadcast to the normalized shape input.shape[axis:] [4, 8]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.layer_norm %x, %g {axis = 1 : i64} : (tensor<?x4x8xf32>, tensor<3x8xf32>) -> tensor<?x4x8xf32>
  return
}

// -----

func.func @layer_norm_bias_extent(%x: tensor<?x8xf32>, %g: tensor<8xf32>, %b: tensor<7xf32>) {
  // expected-error @+2 {{bias of shape [7] does not broadcast to the normalized shape input.shape[axis:] [8]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.layer_norm %x, %g, %b : (tensor<?x8xf32>, tensor<8xf32>, tensor<7xf32>) -> tensor<?x8xf32>
  return
}

// -----

func.func @layer_norm_bias_type(%x: tensor<?x8xf32>, %g: tensor<8xf32>, %b: tensor<8xf16>) {
  // expected-error @+2 {{bias element type 'f16' does not match input element type 'f32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.layer_norm %x, %g, %b : (tensor<?x8xf32>, tensor<8xf32>, tensor<8xf16>) -> tensor<?x8xf32>
  return
}

// -----

func.func @layer_norm_epsilon(%x: tensor<2x8xf32>, %g: tensor<8xf32>) {
  // expected-error @+1 {{'nn.layer_norm' op epsilon must be non-negative}}
  %0 = nn.layer_norm %x, %g {epsilon = -1.0e-5 : f64} : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @instance_norm_rank(%x: tensor<2x3xf32>, %c: tensor<3xf32>) {
  // expected-error @+2 {{input must have rank >= 3 ([N, C, D1, ...]), got shape [2, 3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.instance_norm %x, %c, %c : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @instance_norm_channels(%x: tensor<?x3x8xf32>, %c: tensor<3xf32>, %b: tensor<2xf32>) {
  // expected-error @+2 {{bias has 2 elements but the channel extent C is 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.instance_norm %x, %c, %b : (tensor<?x3x8xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<?x3x8xf32>
  return
}

// -----

func.func @instance_norm_epsilon(%x: tensor<1x3x8xf32>, %c: tensor<3xf32>) {
  // expected-error @+1 {{'nn.instance_norm' op epsilon must be non-negative}}
  %0 = nn.instance_norm %x, %c, %c {epsilon = 0x7FF8000000000000 : f64} : (tensor<1x3x8xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x8xf32>
  return
}

// -----

func.func @softmax_axis(%x: tensor<?x10xf32>) {
  // expected-error @+2 {{axis -3 is out of range [-2, 1] for a rank-2 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.softmax %x {axis = -3 : i64} : tensor<?x10xf32> -> tensor<?x10xf32>
  return
}

// -----

func.func @log_softmax_axis(%x: tensor<?x10xf32>) {
  // expected-error @+2 {{axis 2 is out of range [-2, 1] for a rank-2 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.log_softmax %x {axis = 2 : i64} : tensor<?x10xf32> -> tensor<?x10xf32>
  return
}

// -----

func.func @softmax_int(%x: tensor<4xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = nn.softmax %x : tensor<4xi32> -> tensor<4xi32>
  return
}

// -----

func.func @reduce_axis(%x: tensor<?x8xf32>) {
  // expected-error @+2 {{axes 2 is out of range [-2, 1] for a rank-2 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reduce sum %x {axes = array<i64: 2>} : tensor<?x8xf32> -> tensor<?x8xf32>
  return
}

// -----

func.func @reduce_duplicate_axes(%x: tensor<?x8xf32>) {
  // expected-error @+2 {{axes contain dimension 1 more than once}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reduce max %x {axes = array<i64: 1, -1>} : tensor<?x8xf32> -> tensor<?x1xf32>
  return
}

// -----

func.func @reduce_mean_int(%x: tensor<4x8xi32>) {
  // expected-error @+1 {{'nn.reduce' op mean reduction requires a float tensor, got element type 'i32'}}
  %0 = nn.reduce mean %x {axes = array<i64: 1>} : tensor<4x8xi32> -> tensor<4x1xi32>
  return
}

// -----

func.func @reduce_result_type(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{all of {input, output} have same element type}}
  %0 = nn.reduce sum %x : tensor<4x8xf32> -> tensor<1x1xf16>
  return
}

// -----

func.func @reduce_bool(%x: tensor<4xi1>) -> tensor<1xi1> {
  // i1 is an integer type, accepted by sum/max/min/prod; this case checks that
  // a keepdims mismatch with the declared result is caught.
  // expected-error @+2 {{inferred type(s) 'tensor<1xi1>' are incompatible with return type(s) of operation 'tensor<i1>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reduce max %x : tensor<4xi1> -> tensor<i1>
  %1 = nn.reduce max %x : tensor<4xi1> -> tensor<1xi1>
  return %1 : tensor<1xi1>
}

// -----

func.func @reduce_kind(%x: tensor<4xf32>) {
  // expected-error @+2 {{expected ::mlir::nn::ReduceKind to be one of: sum, mean, max, min, prod}}
  // expected-error @+1 {{failed to parse NN_ReduceKindAttr parameter}}
  %0 = nn.reduce avg %x : tensor<4xf32> -> tensor<1xf32>
  return
}

// -----

func.func @argmax_axis(%x: tensor<?x10xf32>) {
  // expected-error @+2 {{axis 2 is out of range [-2, 1] for a rank-2 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.argmax %x {axis = 2 : i64} : tensor<?x10xf32> -> tensor<?x10xi64>
  return
}

// -----

func.func @argmin_rank0(%x: tensor<f32>) {
  // expected-error @+2 {{axis 0 is invalid for a rank-0 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.argmin %x : tensor<f32> -> tensor<i64>
  return
}

// -----

func.func @argmax_i32_result(%x: tensor<4x10xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of 64-bit signless integer values}}
  %0 = nn.argmax %x {axis = 1 : i64} : tensor<4x10xf32> -> tensor<4x1xi32>
  return
}


// -----

//===--- Losses ---===//

// One case per error branch of Losses.cpp, plus ODS constraints. Inference
// errors are followed by the generic "failed to infer returned types".

func.func @mse_shapes(%p: tensor<?x10xf32>, %t: tensor<?x9xf32>) {
  // expected-error @+2 {{pred of shape [?, 10] and target of shape [?, 9] must have the same shape}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.mse %p, %t : (tensor<?x10xf32>, tensor<?x9xf32>) -> tensor<f32>
  return
}

// -----

func.func @mse_no_broadcast(%p: tensor<4x10xf32>, %t: tensor<10xf32>) {
  // expected-error @+2 {{pred of shape [4, 10] and target of shape [10] must have the same shape}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.mse %p, %t : (tensor<4x10xf32>, tensor<10xf32>) -> tensor<f32>
  return
}

// -----

func.func @mse_int(%p: tensor<4xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = nn.mse %p, %p : (tensor<4xi32>, tensor<4xi32>) -> tensor<i32>
  return
}

// -----

func.func @mse_mixed(%p: tensor<4xf32>, %t: tensor<4xf16>) {
  // expected-error @+1 {{all of {pred, target, output} have same element type}}
  %0 = nn.mse %p, %t : (tensor<4xf32>, tensor<4xf16>) -> tensor<f32>
  return
}

// -----

func.func @mse_none_result(%p: tensor<4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<f32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.mse %p, %p {reduction = #nn<reduction none>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
  return
}

// -----

func.func @mse_bad_reduction(%p: tensor<4xf32>) {
  // expected-error @+2 {{expected ::mlir::nn::LossReduction to be one of: none, mean, sum}}
  // expected-error @+1 {{failed to parse NN_LossReductionAttr parameter}}
  %0 = nn.mse %p, %p {reduction = #nn<reduction avg>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
  return
}

// -----

func.func @sce_logits_rank(%x: tensor<10xf32>, %l: tensor<i64>) {
  // expected-error @+2 {{logits must have rank >= 2 ([N, C, D1, ...]), got shape [10]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.softmax_cross_entropy %x, %l : (tensor<10xf32>, tensor<i64>) -> tensor<f32>
  return
}

// -----

func.func @sce_labels_rank(%x: tensor<?x10xf32>, %l: tensor<?x10xi64>) {
  // expected-error @+2 {{labels of shape [?, 10] must have rank 1 ([N, D1, ...]) to match logits of shape [?, 10]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.softmax_cross_entropy %x, %l : (tensor<?x10xf32>, tensor<?x10xi64>) -> tensor<f32>
  return
}

// -----

func.func @sce_labels_batch(%x: tensor<4x10xf32>, %l: tensor<5xi64>) {
  // expected-error @+2 {{labels of shape [5] does not match the batch and spatial dimensions of logits of shape [4, 10]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.softmax_cross_entropy %x, %l : (tensor<4x10xf32>, tensor<5xi64>) -> tensor<f32>
  return
}

// -----

func.func @sce_weight_rank(%x: tensor<?x10xf32>, %l: tensor<?xi64>, %w: tensor<1x10xf32>) {
  // expected-error @+2 {{weight must be a 1-D tensor of C elements, got shape [1, 10]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.softmax_cross_entropy %x, %l, %w : (tensor<?x10xf32>, tensor<?xi64>, tensor<1x10xf32>) -> tensor<f32>
  return
}

// -----

func.func @sce_weight_type(%x: tensor<?x10xf32>, %l: tensor<?xi64>, %w: tensor<10xf16>) {
  // expected-error @+2 {{weight element type 'f16' does not match logits element type 'f32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.softmax_cross_entropy %x, %l, %w : (tensor<?x10xf32>, tensor<?xi64>, tensor<10xf16>) -> tensor<f32>
  return
}

// -----

func.func @sce_float_labels(%x: tensor<?x10xf32>, %l: tensor<?xf32>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of 32/64-bit integer values}}
  %0 = nn.softmax_cross_entropy %x, %l : (tensor<?x10xf32>, tensor<?xf32>) -> tensor<f32>
  return
}

// -----

func.func @sce_none_result(%x: tensor<?x10xf32>, %l: tensor<?xi64>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?xf32>' are incompatible with return type(s) of operation 'tensor<f32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.softmax_cross_entropy %x, %l {reduction = #nn<reduction none>} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  return
}

// -----

func.func @nll_weight_classes(%lp: tensor<?x5x7xf32>, %t: tensor<?x7xi64>, %w: tensor<6xf32>) {
  // expected-error @+2 {{weight has 6 elements but log_probs has 5 classes}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.nll %lp, %t, %w : (tensor<?x5x7xf32>, tensor<?x7xi64>, tensor<6xf32>) -> tensor<f32>
  return
}

// -----

func.func @nll_target_spatial(%lp: tensor<?x5x7xf32>, %t: tensor<?x8xi64>) {
  // expected-error @+2 {{target of shape [?, 8] does not match the batch and spatial dimensions of log_probs of shape [?, 5, 7]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.nll %lp, %t : (tensor<?x5x7xf32>, tensor<?x8xi64>) -> tensor<f32>
  return
}

// -----

func.func @nll_target_i16(%lp: tensor<?x5xf32>, %t: tensor<?xi16>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of 32/64-bit integer values}}
  %0 = nn.nll %lp, %t : (tensor<?x5xf32>, tensor<?xi16>) -> tensor<f32>
  return
}

// -----

func.func @bce_shapes(%p: tensor<?x4xf32>, %t: tensor<?x1xf32>) {
  // expected-error @+2 {{pred of shape [?, 4] and target of shape [?, 1] must have the same shape}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.bce %p, %t : (tensor<?x4xf32>, tensor<?x1xf32>) -> tensor<f32>
  return
}

// -----

func.func @bce_weight_rank(%p: tensor<4xf32>, %w: tensor<2x4xf32>) {
  // expected-error @+2 {{weight of shape [2, 4] does not broadcast to the shape of pred [4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.bce %p, %p, %w : (tensor<4xf32>, tensor<4xf32>, tensor<2x4xf32>) -> tensor<f32>
  return
}

// -----

func.func @bce_weight_extent(%p: tensor<?x4xf32>, %w: tensor<3xf32>) {
  // expected-error @+2 {{weight of shape [3] does not broadcast to the shape of pred [?, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.bce %p, %p, %w : (tensor<?x4xf32>, tensor<?x4xf32>, tensor<3xf32>) -> tensor<f32>
  return
}

// -----

func.func @bce_weight_type(%p: tensor<?x4xf32>, %w: tensor<4xbf16>) {
  // expected-error @+2 {{weight element type 'bf16' does not match pred element type 'f32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.bce %p, %p, %w : (tensor<?x4xf32>, tensor<?x4xf32>, tensor<4xbf16>) -> tensor<f32>
  return
}

// -----

func.func @bce_result_type(%p: tensor<?x4xf32>) {
  // expected-error @+1 {{all of {pred, target, output} have same element type}}
  %0 = nn.bce %p, %p : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<f16>
  return
}

// -----

func.func @max_pool_indices_not_i64(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of 64-bit signless integer values}}
  %0 = nn.max_pool_indices %x {kernel_shape = array<i64: 2, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x7x7xf32>
  return
}

// -----

func.func @max_pool_indices_window_too_large(%x: tensor<1x3x2x2xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{does not fit}}
  %0 = nn.max_pool_indices %x {kernel_shape = array<i64: 3, 3>} : tensor<1x3x2x2xf32> -> tensor<1x3x1x1xi64>
  return
}

// -----

func.func @reshape_overflowing_shape(%x: tensor<4xf32>) {
  // expected-error @+1 {{shape [4294967296, 4294967296, 4] has more than 2^63 elements}}
  %0 = nn.reshape %x : tensor<4xf32> -> tensor<4294967296x4294967296x4xf32>
  return
}

// -----

func.func @fusion_group_unknown_kind(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{unknown fusion kind 'vertical'; expected elementwise, epilogue, reduction or horizontal}}
  %0 = nn.fusion_group "vertical" : tensor<4xf32> {
    %r = nn.relu %x : tensor<4xf32>
    nn.yield %r : tensor<4xf32>
  }
  return %0 : tensor<4xf32>
}

// -----

func.func @fusion_group_yield_mismatch(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{yields 2 value(s) whose types do not match the group's 1 result type(s)}}
  %0 = nn.fusion_group "elementwise" : tensor<4xf32> {
    %r = nn.relu %x : tensor<4xf32>
    nn.yield %r, %r : tensor<4xf32>, tensor<4xf32>
  }
  return %0 : tensor<4xf32>
}

// -----

func.func @yield_outside_group(%x: tensor<4xf32>) {
  // expected-error @+1 {{expects parent op 'nn.fusion_group'}}
  nn.yield %x : tensor<4xf32>
}

// -----

func.func @fusion_group_yield_element_type(%x: tensor<4xf32>) -> tensor<4xf64> {
  // expected-error @+1 {{yields 1 value(s) whose types do not match the group's 1 result type(s)}}
  %0 = nn.fusion_group "elementwise" : tensor<4xf64> {
    %r = nn.relu %x : tensor<4xf32>
    nn.yield %r : tensor<4xf32>
  }
  return %0 : tensor<4xf64>
}
