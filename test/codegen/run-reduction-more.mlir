// Numeric check, part two: dynamic shapes, integers, argmin, log_softmax,
// instance_norm and the remaining losses. Expected values from numpy.
// RUN: %nn-opt %s -convert-nn-to-linalg | mlir-opt --pass-pipeline="builtin.module(one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map},drop-equivalent-buffer-results,func.func(convert-linalg-to-loops),convert-scf-to-cf,expand-strided-metadata,lower-affine,convert-math-to-llvm,convert-math-to-libm,finalize-memref-to-llvm,convert-arith-to-llvm,convert-cf-to-llvm,convert-func-to-llvm,reconcile-unrealized-casts)" \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=/usr/lib/llvm-22/lib/libmlir_runner_utils.so,/usr/lib/llvm-22/lib/libmlir_c_runner_utils.so \
// RUN: | FileCheck %s

func.func private @printMemrefF32(tensor<*xf32>)
func.func private @printMemrefI32(tensor<*xi32>)
func.func private @printMemrefI64(tensor<*xi64>)

func.func @print0(%t: tensor<f32>) {
  %e = tensor.expand_shape %t [] output_shape [1] : tensor<f32> into tensor<1xf32>
  %u = tensor.cast %e : tensor<1xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

// Dynamic extents: the mean divides by tensor.dim, keepdims expands a `?`.
func.func @dyn_mean(%x: tensor<?x?xf32>) -> tensor<?x1xf32> {
  %0 = nn.reduce mean %x {axes = array<i64: 1>} : tensor<?x?xf32> -> tensor<?x1xf32>
  return %0 : tensor<?x1xf32>
}

func.func @main() {
  // CHECK: sizes = [2, 1]
  // CHECK-NEXT: {{\[}}[2],
  // CHECK-NEXT: [5.3333{{[0-9]*}}]]
  %xd = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 7.0]]> : tensor<2x3xf32>
  %xdd = tensor.cast %xd : tensor<2x3xf32> to tensor<?x?xf32>
  %md = call @dyn_mean(%xdd) : (tensor<?x?xf32>) -> tensor<?x1xf32>
  %md_u = tensor.cast %md : tensor<?x1xf32> to tensor<*xf32>
  call @printMemrefF32(%md_u) : (tensor<*xf32>) -> ()

  // Integer prod over dim 0 and min over dim 1.
  // CHECK: sizes = [3]
  // CHECK-NEXT: [4,  10,  18]
  // CHECK: sizes = [2]
  // CHECK-NEXT: [-7,  4]
  %i = arith.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %ip = nn.reduce prod %i {axes = array<i64: 0>, keepdims = false} : tensor<2x3xi32> -> tensor<3xi32>
  %ip_u = tensor.cast %ip : tensor<3xi32> to tensor<*xi32>
  call @printMemrefI32(%ip_u) : (tensor<*xi32>) -> ()
  %j = arith.constant dense<[[1, -7, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %im = nn.reduce min %j {axes = array<i64: 1>, keepdims = false} : tensor<2x3xi32> -> tensor<2xi32>
  %im_u = tensor.cast %im : tensor<2xi32> to tensor<*xi32>
  call @printMemrefI32(%im_u) : (tensor<*xi32>) -> ()

  // argmin of [[3, 1, 1], [0, 5, 0]] along 1, keepdims: first [[1], [0]],
  // last [[2], [2]].
  // CHECK: sizes = [2, 1]
  // CHECK-NEXT: {{\[}}[1],
  // CHECK-NEXT: [0]]
  // CHECK: sizes = [2, 1]
  // CHECK-NEXT: {{\[}}[2],
  // CHECK-NEXT: [2]]
  %k = arith.constant dense<[[3, 1, 1], [0, 5, 0]]> : tensor<2x3xi32>
  %a0 = nn.argmin %k {axis = 1 : i64} : tensor<2x3xi32> -> tensor<2x1xi64>
  %a0_u = tensor.cast %a0 : tensor<2x1xi64> to tensor<*xi64>
  call @printMemrefI64(%a0_u) : (tensor<*xi64>) -> ()
  %a1 = nn.argmin %k {axis = 1 : i64, select_last_index = true} : tensor<2x3xi32> -> tensor<2x1xi64>
  %a1_u = tensor.cast %a1 : tensor<2x1xi64> to tensor<*xi64>
  call @printMemrefI64(%a1_u) : (tensor<*xi64>) -> ()

  // log_softmax([1, 2, 3]) = [-2.40761, -1.40761, -0.407606].
  // CHECK: sizes = [3]
  // CHECK-NEXT: [-2.4076{{[0-9]*}},  -1.4076{{[0-9]*}},  -0.40760{{[0-9]*}}]
  %v = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %ls = nn.log_softmax %v : tensor<3xf32> -> tensor<3xf32>
  %ls_u = tensor.cast %ls : tensor<3xf32> to tensor<*xf32>
  call @printMemrefF32(%ls_u) : (tensor<*xf32>) -> ()

  // instance_norm of [[[1, 2, 3], [2, 4, 9]]], scale [1, 2], bias [0, 1]:
  // [[-1.22474, 0, 1.22474], [-1.0381, 0.320634, 3.71746]].
  // CHECK: sizes = [1, 2, 3]
  // CHECK-NEXT: {{\[}}{{\[}}[-1.2247{{[0-9]*}},  0,  1.2247{{[0-9]*}}],
  // CHECK-NEXT: [-1.038{{[0-9]*}},  0.3206{{[0-9]*}},  3.7174{{[0-9]*}}]]]
  %ix = arith.constant dense<[[[1.0, 2.0, 3.0], [2.0, 4.0, 9.0]]]> : tensor<1x2x3xf32>
  %isc = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %ibi = arith.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %in = nn.instance_norm %ix, %isc, %ibi : (tensor<1x2x3xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3xf32>
  %in_u = tensor.cast %in : tensor<1x2x3xf32> to tensor<*xf32>
  call @printMemrefF32(%in_u) : (tensor<*xf32>) -> ()

  // mse([1, 2, 3, 4], [1, 1, 1, 1]) = 3.5 (dynamic operands).
  // CHECK: sizes = [1]
  // CHECK-NEXT: [3.5]
  %mp = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %mt = arith.constant dense<1.0> : tensor<4xf32>
  %mpd = tensor.cast %mp : tensor<4xf32> to tensor<?xf32>
  %mtd = tensor.cast %mt : tensor<4xf32> to tensor<?xf32>
  %mse = nn.mse %mpd, %mtd : (tensor<?xf32>, tensor<?xf32>) -> tensor<f32>
  call @print0(%mse) : (tensor<f32>) -> ()

  // bce from logits [-2, 0, 3], targets [0, 1, 1]: mean 0.289554; on
  // probabilities [0.1, 0.5, 0.9]: sum 0.903868.
  // CHECK: sizes = [1]
  // CHECK-NEXT: [0.28955{{[0-9]*}}]
  // CHECK: sizes = [1]
  // CHECK-NEXT: [0.90386{{[0-9]*}}]
  %z = arith.constant dense<[-2.0, 0.0, 3.0]> : tensor<3xf32>
  %y = arith.constant dense<[0.0, 1.0, 1.0]> : tensor<3xf32>
  %bl = nn.bce %z, %y {from_logits = true} : (tensor<3xf32>, tensor<3xf32>) -> tensor<f32>
  call @print0(%bl) : (tensor<f32>) -> ()
  %pr = arith.constant dense<[0.1, 0.5, 0.9]> : tensor<3xf32>
  %bp = nn.bce %pr, %y {reduction = #nn<reduction sum>} : (tensor<3xf32>, tensor<3xf32>) -> tensor<f32>
  call @print0(%bp) : (tensor<f32>) -> ()

  // Weighted softmax_cross_entropy, labels [1, 0, 2], weights [1, 2, 3]:
  // ONNX's mean divides by sum(w[label]) = 6, giving 2.72377.
  // CHECK: sizes = [1]
  // CHECK-NEXT: [2.7237{{[0-9]*}}]
  %lg = arith.constant dense<[[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [3.0, 1.0, -1.0]]> : tensor<3x3xf32>
  %lb = arith.constant dense<[1, 0, 2]> : tensor<3xi32>
  %w = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %ce = nn.softmax_cross_entropy %lg, %lb, %w : (tensor<3x3xf32>, tensor<3xi32>, tensor<3xf32>) -> tensor<f32>
  call @print0(%ce) : (tensor<f32>) -> ()
  return
}
