// Numeric check of the contraction family: lower, bufferize, JIT, print.
// Expected values are worked out by hand or with numpy (loops written
// independently of the lowering), not copied from this output.
// RUN: %nn-opt %s -convert-nn-to-linalg \
// RUN: | mlir-opt -pass-pipeline="builtin.module(one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map},drop-equivalent-buffer-results,func.func(convert-linalg-to-loops),convert-scf-to-cf,expand-strided-metadata,lower-affine,finalize-memref-to-llvm,convert-arith-to-llvm,convert-cf-to-llvm,convert-func-to-llvm,reconcile-unrealized-casts)" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=/usr/lib/llvm-22/lib/libmlir_runner_utils.so,/usr/lib/llvm-22/lib/libmlir_c_runner_utils.so \
// RUN: | FileCheck %s

func.func private @printMemrefF32(tensor<*xf32>)

func.func @print2(%t: tensor<2x2xf32>) {
  %u = tensor.cast %t : tensor<2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  // [[1,2,3],[4,5,6]] . [[7,8],[9,10],[11,12]] = [[58,64],[139,154]].
  %a = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %b = arith.constant dense<[[7.0, 8.0], [9.0, 10.0], [11.0, 12.0]]> : tensor<3x2xf32>
  %mm = nn.matmul %a, %b : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  // CHECK: [58,   64]
  // CHECK-NEXT: [139,   154]
  call @print2(%mm) : (tensor<2x2xf32>) -> ()

  // gemm: 0.5 * a . b + 2 * [1, -1], b given transposed.
  %bt = arith.constant dense<[[7.0, 9.0, 11.0], [8.0, 10.0, 12.0]]> : tensor<2x3xf32>
  %c = arith.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %g = nn.gemm %a, %bt, %c {trans_b = true, alpha = 0.5, beta = 2.0}
      : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  // CHECK: [31,   30]
  // CHECK-NEXT: [71.5,   75]
  call @print2(%g) : (tensor<2x2xf32>) -> ()

  // Batched matmul with a broadcast 1-D rhs: [2,2,3] . [3] -> [2,2].
  %a3 = arith.constant dense<[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]]> : tensor<2x2x3xf32>
  %v = arith.constant dense<[1.0, 10.0, 100.0]> : tensor<3xf32>
  %mv = nn.matmul %a3, %v : (tensor<2x2x3xf32>, tensor<3xf32>) -> tensor<2x2xf32>
  // CHECK: [321,   654]
  // CHECK-NEXT: [1,   100]
  call @print2(%mv) : (tensor<2x2xf32>) -> ()

  // Conv 1x1x4x4 (arange) with a 3x3 kernel (arange - 4), pad 1, bias 0.5.
  %x = arith.constant dense<[[[[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0], [12.0, 13.0, 14.0, 15.0]]]]> : tensor<1x1x4x4xf32>
  %w = arith.constant dense<[[[[-4.0, -3.0, -2.0], [-1.0, 0.0, 1.0], [2.0, 3.0, 4.0]]]]> : tensor<1x1x3x3xf32>
  %bias = arith.constant dense<[0.5]> : tensor<1xf32>
  %conv = nn.conv %x, %w, %bias {pads = array<i64: 1, 1, 1, 1>}
      : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>, tensor<1xf32>) -> tensor<1x1x4x4xf32>
  %convu = tensor.cast %conv : tensor<1x1x4x4xf32> to tensor<*xf32>
  // CHECK: [33.5,   49.5,   58.5,   31.5]
  // CHECK-NEXT: [63.5,   78.5,   78.5,   30.5]
  // CHECK-NEXT: [75.5,   78.5,   78.5,   18.5]
  // CHECK-NEXT: [-28.5,   -76.5,   -85.5,   -86.5]
  call @printMemrefF32(%convu) : (tensor<*xf32>) -> ()

  // The same conv through the generic (grouped) path: two groups of one
  // channel each, the second a copy of the first.
  %x2 = tensor.concat dim(1) %x, %x : (tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32>
  %w2 = tensor.concat dim(0) %w, %w : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>) -> tensor<2x1x3x3xf32>
  %w4 = tensor.concat dim(0) %w2, %w2 : (tensor<2x1x3x3xf32>, tensor<2x1x3x3xf32>) -> tensor<4x1x3x3xf32>
  %gconv = nn.conv %x2, %w4 {pads = array<i64: 1, 1, 1, 1>, group = 2 : i64}
      : (tensor<1x2x4x4xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x4x4xf32>
  %gslice = tensor.extract_slice %gconv[0, 3, 0, 0] [1, 1, 2, 2] [1, 1, 1, 1] : tensor<1x4x4x4xf32> to tensor<2x2xf32>
  // CHECK: [33,   49]
  // CHECK-NEXT: [63,   78]
  call @print2(%gslice) : (tensor<2x2xf32>) -> ()

  // Pools over the 4x4 arange, 2x2 windows, stride 2.
  %mp = nn.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}
      : tensor<1x1x4x4xf32> -> tensor<1x1x2x2xf32>
  %mps = tensor.collapse_shape %mp [[0, 1, 2], [3]] : tensor<1x1x2x2xf32> into tensor<2x2xf32>
  // CHECK: [5,   7]
  // CHECK-NEXT: [13,   15]
  call @print2(%mps) : (tensor<2x2xf32>) -> ()
  %ap = nn.avg_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}
      : tensor<1x1x4x4xf32> -> tensor<1x1x2x2xf32>
  %aps = tensor.collapse_shape %ap [[0, 1, 2], [3]] : tensor<1x1x2x2xf32> into tensor<2x2xf32>
  // CHECK: [2.5,   4.5]
  // CHECK-NEXT: [10.5,   12.5]
  call @print2(%aps) : (tensor<2x2xf32>) -> ()

  // 3x3 windows, stride 2, pad 1: padding excluded from / included in the
  // count.
  %ae = nn.avg_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}
      : tensor<1x1x4x4xf32> -> tensor<1x1x2x2xf32>
  %aes = tensor.collapse_shape %ae [[0, 1, 2], [3]] : tensor<1x1x2x2xf32> into tensor<2x2xf32>
  // CHECK: [2.5,   4]
  // CHECK-NEXT: [8.5,   10]
  call @print2(%aes) : (tensor<2x2xf32>) -> ()
  %ai = nn.avg_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, count_include_pad = true}
      : tensor<1x1x4x4xf32> -> tensor<1x1x2x2xf32>
  %ais = tensor.collapse_shape %ai [[0, 1, 2], [3]] : tensor<1x1x2x2xf32> into tensor<2x2xf32>
  // CHECK: [1.11111,   2.66667]
  // CHECK-NEXT: [5.66667,   10]
  call @print2(%ais) : (tensor<2x2xf32>) -> ()

  // 1-D transposed conv: in [1,2,3], w [1,10,100], stride 2, pads 1, 1:
  // out[o] += in[i] * w[r] at o = 2i + r - 1 gives [10, 102, 20, 203, 30].
  %ti = arith.constant dense<[[[1.0, 2.0, 3.0]]]> : tensor<1x1x3xf32>
  %tw = arith.constant dense<[[[1.0, 10.0, 100.0]]]> : tensor<1x1x3xf32>
  %ct = nn.conv_transpose %ti, %tw {strides = array<i64: 2>, pads = array<i64: 1, 1>}
      : (tensor<1x1x3xf32>, tensor<1x1x3xf32>) -> tensor<1x1x5xf32>
  %ctu = tensor.cast %ct : tensor<1x1x5xf32> to tensor<*xf32>
  // CHECK: {{\[}}[10,   102,   20,   203,   30]]]
  call @printMemrefF32(%ctu) : (tensor<*xf32>) -> ()
  return
}
