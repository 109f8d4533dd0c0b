// Numeric check of nn.max_pool_indices (ONNX MaxPool's Indices output):
// kernel 2x2, strides (1, 2), pads (1, 0, 0, 0), both storage orders; the
// second channel has ties (the first position in window order wins).
// Expected values from numpy loops over the ONNX definition.
// RUN: %nn-opt %s -convert-nn-to-linalg \
// RUN: | mlir-opt -pass-pipeline="builtin.module(one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map},drop-equivalent-buffer-results,func.func(convert-linalg-to-loops),convert-scf-to-cf,expand-strided-metadata,lower-affine,finalize-memref-to-llvm,convert-arith-to-llvm,convert-cf-to-llvm,convert-func-to-llvm,reconcile-unrealized-casts)" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=/usr/lib/llvm-22/lib/libmlir_runner_utils.so,/usr/lib/llvm-22/lib/libmlir_c_runner_utils.so \
// RUN: | FileCheck %s

func.func private @printMemrefI64(tensor<*xi64>)

func.func @main() {
  %x = arith.constant dense<[[[[1.0, 5.0, 5.0, 0.0], [2.0, 7.0, 3.0, 7.0], [0.0, 1.0, 9.0, 9.0]],
                              [[4.0, 4.0, 4.0, 4.0], [0.0, 0.0, 8.0, 0.0], [1.0, 2.0, 3.0, 4.0]]]]> : tensor<1x2x3x4xf32>
  %r = nn.max_pool_indices %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 2>, pads = array<i64: 1, 0, 0, 0>}
      : tensor<1x2x3x4xf32> -> tensor<1x2x3x2xi64>
  %ru = tensor.cast %r : tensor<1x2x3x2xi64> to tensor<*xi64>
  // CHECK:      [1,     2]
  // CHECK-NEXT: [5,     7]
  // CHECK-NEXT: [5,     10]
  // CHECK:      [12,     14]
  // CHECK-NEXT: [12,     18]
  // CHECK-NEXT: [21,     18]
  call @printMemrefI64(%ru) : (tensor<*xi64>) -> ()
  %c = nn.max_pool_indices %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 2>, pads = array<i64: 1, 0, 0, 0>,
                               column_major = true} : tensor<1x2x3x4xf32> -> tensor<1x2x3x2xi64>
  %cu = tensor.cast %c : tensor<1x2x3x2xi64> to tensor<*xi64>
  // CHECK:      [3,     6]
  // CHECK-NEXT: [4,     10]
  // CHECK-NEXT: [4,     8]
  // CHECK:      [12,     18]
  // CHECK-NEXT: [12,     19]
  // CHECK-NEXT: [17,     19]
  call @printMemrefI64(%cu) : (tensor<*xi64>) -> ()
  return
}
