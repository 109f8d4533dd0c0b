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
