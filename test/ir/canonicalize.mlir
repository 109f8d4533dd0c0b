// RUN: %nn-opt %s -canonicalize -split-input-file | FileCheck %s
// Folders and DRR patterns of the elementwise family, each with a case that
// must not fire.

// x + 0 = x, 0 + x = x, x - 0 = x, x * 1 = x, 1 * x = x, x / 1 = x
// CHECK-LABEL: func.func @identities
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT: nn.add
// CHECK-NOT: nn.sub
// CHECK-NOT: nn.mul
// CHECK-NOT: nn.div
// CHECK: return %[[X]]
func.func @identities(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %zero = nn.constant dense<0.0> : tensor<3xf32>
  %one = nn.constant dense<1.0> : tensor<f32>
  %0 = nn.add %x, %zero : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = nn.add %zero, %0 : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = nn.sub %1, %zero : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %3 = nn.mul %2, %one : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %4 = nn.mul %one, %3 : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = nn.div %4, %one : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %5 : tensor<2x3xf32>
}

// -----

// An identity operand that broadcasts x to a larger shape must not fold:
// the result type differs from x's. 0 - x is not x either.
// CHECK-LABEL: func.func @identity_that_broadcasts
// CHECK: nn.add
// CHECK: nn.sub
func.func @identity_that_broadcasts(%x: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>) {
  %zero = nn.constant dense<0.0> : tensor<2x3xf32>
  %z = nn.constant dense<0.0> : tensor<3xf32>
  %0 = nn.add %x, %zero : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = nn.sub %z, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<3xf32>
}

// -----

// Constant folding with broadcasting: [[10], [20]] + [1, 2, 3].
// CHECK-LABEL: func.func @fold_broadcast_add
// CHECK: %[[C:.*]] = nn.constant dense<{{\[}}[1.100000e+01, 1.200000e+01, 1.300000e+01], [2.100000e+01, 2.200000e+01, 2.300000e+01]]> : tensor<2x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @fold_broadcast_add() -> tensor<2x3xf32> {
  %a = nn.constant dense<[[10.0], [20.0]]> : tensor<2x1xf32>
  %b = nn.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %0 = nn.add %a, %b : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Integer shape arithmetic folds exactly; integer division truncates.
// CHECK-LABEL: func.func @fold_integer
// CHECK: nn.constant dense<[3, -2]> : tensor<2xi64>
func.func @fold_integer() -> tensor<2xi64> {
  %a = nn.constant dense<[7, -5]> : tensor<2xi64>
  %b = nn.constant dense<2> : tensor<i64>
  %0 = nn.div %a, %b : (tensor<2xi64>, tensor<i64>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// Unary math folds over constants: relu, exp(0) = 1, sqrt(4) = 2.
// CHECK-LABEL: func.func @fold_unary
// CHECK-DAG: nn.constant dense<[0.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: nn.constant dense<1.000000e+00> : tensor<2xf32>
// CHECK-NOT: nn.relu
// CHECK-NOT: nn.exp
// CHECK-NOT: nn.sqrt
func.func @fold_unary() -> (tensor<2xf32>, tensor<2xf32>) {
  %a = nn.constant dense<[-3.0, 4.0]> : tensor<2xf32>
  %z = nn.constant dense<0.0> : tensor<2xf32>
  %0 = nn.relu %a : tensor<2xf32>
  %1 = nn.sqrt %0 : tensor<2xf32>
  %2 = nn.exp %z : tensor<2xf32>
  return %1, %2 : tensor<2xf32>, tensor<2xf32>
}

// -----

// Large constants are not folded (the IR would grow).
// CHECK-LABEL: func.func @no_fold_large
// CHECK: nn.add
func.func @no_fold_large() -> tensor<4097xf32> {
  %a = nn.constant dense<1.0> : tensor<4097xf32>
  %0 = nn.add %a, %a : (tensor<4097xf32>, tensor<4097xf32>) -> tensor<4097xf32>
  return %0 : tensor<4097xf32>
}

// -----

// neg(neg(x)) = x; relu(relu(x)) = relu(x); not(not(x)) = x.
// CHECK-LABEL: func.func @involutions
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[M:.*]]: tensor<4xi1>)
// CHECK-NOT: nn.neg
// CHECK-NOT: nn.not
// CHECK: %[[R:.*]] = nn.relu %[[X]]
// CHECK-NOT: nn.relu
// CHECK: return %[[X]], %[[R]], %[[M]]
func.func @involutions(%x: tensor<4xf32>, %m: tensor<4xi1>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xi1>) {
  %0 = nn.neg %x : tensor<4xf32>
  %1 = nn.neg %0 : tensor<4xf32>
  %2 = nn.relu %x : tensor<4xf32>
  %3 = nn.relu %2 : tensor<4xf32>
  %4 = nn.not %m : tensor<4xi1>
  %5 = nn.not %4 : tensor<4xi1>
  return %1, %3, %5 : tensor<4xf32>, tensor<4xf32>, tensor<4xi1>
}

// -----

// A single neg stays.
// CHECK-LABEL: func.func @single_neg
// CHECK: nn.neg
func.func @single_neg(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.neg %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// select with a constant condition or equal branches picks a branch.
// CHECK-LABEL: func.func @select_folds
// CHECK-SAME: (%[[A:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<4xf32>, %[[C:.*]]: tensor<4xi1>)
// CHECK-NOT: nn.select
// CHECK: return %[[B]], %[[A]]
func.func @select_folds(%a: tensor<4xf32>, %b: tensor<4xf32>, %c: tensor<4xi1>) -> (tensor<4xf32>, tensor<4xf32>) {
  %f = nn.constant dense<false> : tensor<4xi1>
  %0 = nn.select %f, %a, %b : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = nn.select %c, %a, %a : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// A cast to the same type is a no-op; a real conversion stays.
// CHECK-LABEL: func.func @cast_fold
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[I:.*]] = nn.cast %[[X]] : tensor<4xf32> -> tensor<4xi32>
// CHECK: return %[[X]], %[[I]]
func.func @cast_fold(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xi32>) {
  %0 = nn.cast %x : tensor<4xf32> -> tensor<4xf32>
  %1 = nn.cast %x : tensor<4xf32> -> tensor<4xi32>
  return %0, %1 : tensor<4xf32>, tensor<4xi32>
}
