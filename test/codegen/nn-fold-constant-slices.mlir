// RUN: %nn-opt %s -nn-fold-constant-slices=min-elements=4 | FileCheck %s

// Every use is a static slice: each slice becomes a constant holding exactly
// the sliced elements (rows 1 and 2 of [[0,1],[2,3],[4,5]], then column 1
// with the unit dimension dropped), and the stacked constant is gone.
// CHECK-LABEL: func.func @gates
// CHECK-NOT:   tensor.extract_slice
// CHECK-DAG:   %[[A:.*]] = arith.constant dense_resource<[[RA:slice[_0-9]*]]> : tensor<2x2xf32>
// CHECK-DAG:   %[[B:.*]] = arith.constant dense_resource<[[RB:slice[_0-9]*]]> : tensor<3xf32>
// CHECK:       return %[[A]], %[[B]]
func.func @gates() -> (tensor<2x2xf32>, tensor<3xf32>) {
  %w = arith.constant dense<[[0.0, 1.0], [2.0, 3.0], [4.0, 5.0]]> : tensor<3x2xf32>
  %a = tensor.extract_slice %w[1, 0] [2, 2] [1, 1] : tensor<3x2xf32> to tensor<2x2xf32>
  %b = tensor.extract_slice %w[0, 1] [3, 1] [1, 1] : tensor<3x2xf32> to tensor<3xf32>
  return %a, %b : tensor<2x2xf32>, tensor<3xf32>
}

// Must not fire: the constant has a use besides the slice (folding would
// duplicate the weights).
// CHECK-LABEL: func.func @shared
// CHECK:       %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<3x2xf32>
// CHECK:       tensor.extract_slice %[[W]]
func.func @shared() -> (tensor<2x2xf32>, tensor<3x2xf32>) {
  %w = arith.constant dense<[[0.0, 1.0], [2.0, 3.0], [4.0, 5.0]]> : tensor<3x2xf32>
  %a = tensor.extract_slice %w[1, 0] [2, 2] [1, 1] : tensor<3x2xf32> to tensor<2x2xf32>
  return %a, %w : tensor<2x2xf32>, tensor<3x2xf32>
}

// The blobs of @gates (printed at the end of the module): 64-byte alignment,
// then little-endian f32 2.0 3.0 4.0 5.0 and 1.0 3.0 5.0.
// CHECK:       dialect_resources
// CHECK-DAG:   [[RA]]: "0x400000000000004000004040000080400000A040"
// CHECK-DAG:   [[RB]]: "0x400000000000803F000040400000A040"
