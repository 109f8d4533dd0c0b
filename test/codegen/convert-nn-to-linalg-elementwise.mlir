// RUN: %nn-opt %s -convert-nn-to-linalg -split-input-file -verify-diagnostics | FileCheck %s

// Broadcasting lives in the indexing maps: a [3] operand reads (d1), a [?, 1]
// operand reads (d0, 0); the dynamic batch comes from tensor.dim.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @broadcast
// CHECK: %[[D:.*]] = tensor.dim %{{.*}}, %{{.*}} : tensor<?x3xf32>
// CHECK: tensor.empty(%[[D]]) : tensor<?x3xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK: arith.addf
// CHECK: linalg.generic {indexing_maps = [#[[COL]], #[[ID]], #[[ID]], #[[ID]]]
// CHECK: arith.select
// CHECK-NOT: nn.
func.func @broadcast(%a: tensor<?x3xf32>, %b: tensor<3xf32>, %m: tensor<?x1xi1>) -> tensor<?x3xf32> {
  %0 = nn.add %a, %b : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  %1 = nn.select %m, %0, %a : (tensor<?x1xi1>, tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %1 : tensor<?x3xf32>
}

// -----

// Scalar rules: sigmoid = 1 / (1 + exp(-x)); integer neg = 0 - x; cast
// float -> i64 truncates (fptosi); comparisons of integers are signed.
// CHECK-LABEL: func.func @rules
// CHECK: math.exp
// CHECK: arith.divf
// CHECK: arith.subi
// CHECK: arith.fptosi
// CHECK: arith.cmpi slt
func.func @rules(%x: tensor<4xf32>, %i: tensor<4xi64>) -> (tensor<4xf32>, tensor<4xi64>, tensor<4xi64>, tensor<4xi1>) {
  %0 = nn.sigmoid %x : tensor<4xf32>
  %1 = nn.neg %i : tensor<4xi64>
  %2 = nn.cast %x : tensor<4xf32> -> tensor<4xi64>
  %3 = nn.cmp lt, %i, %1 : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi1>
  return %0, %1, %2, %3 : tensor<4xf32>, tensor<4xi64>, tensor<4xi64>, tensor<4xi1>
}
