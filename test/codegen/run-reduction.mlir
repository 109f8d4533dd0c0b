// Numeric check of the reduction family: lower, bufferize, JIT and print.
// Expected values come from numpy (float64, rounded), not from this output.
// RUN: %nn-opt %s -convert-nn-to-linalg | mlir-opt --pass-pipeline="builtin.module(one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map},drop-equivalent-buffer-results,func.func(convert-linalg-to-loops),convert-scf-to-cf,expand-strided-metadata,lower-affine,convert-math-to-llvm,convert-math-to-libm,finalize-memref-to-llvm,convert-arith-to-llvm,convert-cf-to-llvm,convert-func-to-llvm,reconcile-unrealized-casts)" \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=/usr/lib/llvm-22/lib/libmlir_runner_utils.so,/usr/lib/llvm-22/lib/libmlir_c_runner_utils.so \
// RUN: | FileCheck %s

func.func private @printMemrefF32(tensor<*xf32>)
func.func private @printMemrefI64(tensor<*xi64>)

func.func @print(%t: tensor<?x?xf32>) {
  %u = tensor.cast %t : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @print1(%t: tensor<?xf32>) {
  %u = tensor.cast %t : tensor<?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %x = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>

  // CHECK: rank = 1 offset = 0 sizes = [2]
  // CHECK-NEXT: [6,  15]
  %sum = nn.reduce sum %x {axes = array<i64: 1>, keepdims = false} : tensor<2x3xf32> -> tensor<2xf32>
  %sum_d = tensor.cast %sum : tensor<2xf32> to tensor<?xf32>
  call @print1(%sum_d) : (tensor<?xf32>) -> ()

  // CHECK: rank = 2 offset = 0 sizes = [1, 3]
  // CHECK-NEXT: {{\[}}[2.5,   3.5,   4.5]]
  %mean = nn.reduce mean %x {axes = array<i64: 0>} : tensor<2x3xf32> -> tensor<1x3xf32>
  %mean_d = tensor.cast %mean : tensor<1x3xf32> to tensor<?x?xf32>
  call @print(%mean_d) : (tensor<?x?xf32>) -> ()

  // CHECK: rank = 2 offset = 0 sizes = [2, 1]
  // CHECK-NEXT: {{\[}}[3],
  // CHECK-NEXT: [6]]
  %max = nn.reduce max %x {axes = array<i64: -1>} : tensor<2x3xf32> -> tensor<2x1xf32>
  %max_d = tensor.cast %max : tensor<2x1xf32> to tensor<?x?xf32>
  call @print(%max_d) : (tensor<?x?xf32>) -> ()

  // Mean of all elements: 3.5.
  // CHECK: rank = 1 offset = 0 sizes = [1]
  // CHECK-NEXT: [3.5]
  %all = nn.reduce mean %x {keepdims = false} : tensor<2x3xf32> -> tensor<f32>
  %all1 = tensor.expand_shape %all [] output_shape [1] : tensor<f32> into tensor<1xf32>
  %all_d = tensor.cast %all1 : tensor<1xf32> to tensor<?xf32>
  call @print1(%all_d) : (tensor<?xf32>) -> ()

  // softmax([1, 2, 3]) = [0.0900306, 0.244728, 0.665241].
  // CHECK: sizes = [3]
  // CHECK-NEXT: [0.09003{{[0-9]*}},  0.24472{{[0-9]*}},  0.66524{{[0-9]*}}]
  %v = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %sm = nn.softmax %v : tensor<3xf32> -> tensor<3xf32>
  %sm_d = tensor.cast %sm : tensor<3xf32> to tensor<?xf32>
  call @print1(%sm_d) : (tensor<?xf32>) -> ()

  // argmax along 1 of [[1, 3, 3], [5, 0, 5]]: first ties [1, 0], last [2, 2].
  // CHECK: sizes = [2]
  // CHECK-NEXT: [1,  0]
  // CHECK: sizes = [2]
  // CHECK-NEXT: [2,  2]
  %ax = arith.constant dense<[[1.0, 3.0, 3.0], [5.0, 0.0, 5.0]]> : tensor<2x3xf32>
  %am = nn.argmax %ax {axis = 1 : i64, keepdims = false} : tensor<2x3xf32> -> tensor<2xi64>
  %am_u = tensor.cast %am : tensor<2xi64> to tensor<*xi64>
  call @printMemrefI64(%am_u) : (tensor<*xi64>) -> ()
  %al = nn.argmax %ax {axis = 1 : i64, keepdims = false, select_last_index = true} : tensor<2x3xf32> -> tensor<2xi64>
  %al_u = tensor.cast %al : tensor<2xi64> to tensor<*xi64>
  call @printMemrefI64(%al_u) : (tensor<*xi64>) -> ()

  // layer_norm over the last dim, scale [1, 2, 3], bias [0.5, 0, -0.5]:
  // numpy gives [[-0.724736, 0, 3.17421], [-0.207106, -1.41421, 3.74264]].
  // CHECK: sizes = [2, 3]
  // CHECK-NEXT: {{\[}}[-0.72473{{[0-9]*}},  0,  3.1742{{[0-9]*}}],
  // CHECK-NEXT: [-0.2071{{[0-9]*}},  -1.4142{{[0-9]*}},  3.7426{{[0-9]*}}]]
  %lx = arith.constant dense<[[1.0, 2.0, 3.0], [0.0, 0.0, 6.0]]> : tensor<2x3xf32>
  %g = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %b = arith.constant dense<[0.5, 0.0, -0.5]> : tensor<3xf32>
  %ln = nn.layer_norm %lx, %g, %b : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %ln_d = tensor.cast %ln : tensor<2x3xf32> to tensor<?x?xf32>
  call @print(%ln_d) : (tensor<?x?xf32>) -> ()

  // batch_norm of [[[1, 2], [3, 4]]] with scale [1, 2], bias [0, 1], mean
  // [1.5, 3.5], var [0.25, 0.25], epsilon 0: [[-1, 1], [-1, 3]].
  // CHECK: sizes = [1, 2, 2]
  // CHECK-NEXT: {{\[}}{{\[}}[-1,    1],
  // CHECK-NEXT: [-1,    3]]]
  %bx = arith.constant dense<[[[1.0, 2.0], [3.0, 4.0]]]> : tensor<1x2x2xf32>
  %sc = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %bi = arith.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %mu = arith.constant dense<[1.5, 3.5]> : tensor<2xf32>
  %va = arith.constant dense<[0.25, 0.25]> : tensor<2xf32>
  %bn = nn.batch_norm %bx, %sc, %bi, %mu, %va {epsilon = 0.0 : f64}
      : (tensor<1x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2xf32>
  %bn_u = tensor.cast %bn : tensor<1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%bn_u) : (tensor<*xf32>) -> ()

  // nll of log([[.2, .3, .5], [.1, .6, .3], [.25, .25, .5]]) at targets
  // [0, 2, -1] (ignore_index -1), weights [1, 2, 3]:
  // mean = -(1 log .2 + 3 log .3) / (1 + 3) = 1.30534.
  // CHECK: sizes = [1]
  // CHECK-NEXT: [1.3053{{[0-9]*}}]
  %p = arith.constant dense<[[0.2, 0.3, 0.5], [0.1, 0.6, 0.3], [0.25, 0.25, 0.5]]> : tensor<3x3xf32>
  %lp = nn.log %p : tensor<3x3xf32>
  %t = arith.constant dense<[0, 2, -1]> : tensor<3xi64>
  %w = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %nll = nn.nll %lp, %t, %w {ignore_index = -1 : i64} : (tensor<3x3xf32>, tensor<3xi64>, tensor<3xf32>) -> tensor<f32>
  %nll1 = tensor.expand_shape %nll [] output_shape [1] : tensor<f32> into tensor<1xf32>
  %nll_d = tensor.cast %nll1 : tensor<1xf32> to tensor<?xf32>
  call @print1(%nll_d) : (tensor<?xf32>) -> ()

  // softmax_cross_entropy of [[1, 2, 3], [0, 0, 0], [3, 1, -1]] with labels
  // [1, -100, 2], ignore_index -100: mean 2.77527, sum 5.55054, and none
  // [1.40761, 0, 4.14293].
  // CHECK: sizes = [1]
  // CHECK-NEXT: [2.7752{{[0-9]*}}]
  // CHECK: sizes = [1]
  // CHECK-NEXT: [5.5505{{[0-9]*}}]
  // CHECK: sizes = [3]
  // CHECK-NEXT: [1.4076{{[0-9]*}},  0,  4.1429{{[0-9]*}}]
  %lg = arith.constant dense<[[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [3.0, 1.0, -1.0]]> : tensor<3x3xf32>
  %lb = arith.constant dense<[1, -100, 2]> : tensor<3xi64>
  %ce = nn.softmax_cross_entropy %lg, %lb {ignore_index = -100 : i64} : (tensor<3x3xf32>, tensor<3xi64>) -> tensor<f32>
  %ce1 = tensor.expand_shape %ce [] output_shape [1] : tensor<f32> into tensor<1xf32>
  %ce_d = tensor.cast %ce1 : tensor<1xf32> to tensor<?xf32>
  call @print1(%ce_d) : (tensor<?xf32>) -> ()
  %cs = nn.softmax_cross_entropy %lg, %lb {ignore_index = -100 : i64, reduction = #nn<reduction sum>} : (tensor<3x3xf32>, tensor<3xi64>) -> tensor<f32>
  %cs1 = tensor.expand_shape %cs [] output_shape [1] : tensor<f32> into tensor<1xf32>
  %cs_d = tensor.cast %cs1 : tensor<1xf32> to tensor<?xf32>
  call @print1(%cs_d) : (tensor<?xf32>) -> ()
  %cn = nn.softmax_cross_entropy %lg, %lb {ignore_index = -100 : i64, reduction = #nn<reduction none>} : (tensor<3x3xf32>, tensor<3xi64>) -> tensor<3xf32>
  %cn_d = tensor.cast %cn : tensor<3xf32> to tensor<?xf32>
  call @print1(%cn_d) : (tensor<?xf32>) -> ()
  return
}
