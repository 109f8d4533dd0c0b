// Numeric check of the harder window cases: grouped transposed conv with a
// pad larger than the kernel reach, 1-D/3-D pooling with dilation, pads and
// ceil_mode, and the global pools. Expected values come from numpy loops
// written straight from the ONNX definitions (scatter form for ConvTranspose,
// clipped windows for pooling), independently of the lowering.
// RUN: %nn-opt %s -convert-nn-to-linalg \
// RUN: | mlir-opt -pass-pipeline="builtin.module(one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map},drop-equivalent-buffer-results,func.func(convert-linalg-to-loops),convert-scf-to-cf,expand-strided-metadata,lower-affine,finalize-memref-to-llvm,convert-arith-to-llvm,convert-cf-to-llvm,convert-func-to-llvm,reconcile-unrealized-casts)" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=/usr/lib/llvm-22/lib/libmlir_runner_utils.so,/usr/lib/llvm-22/lib/libmlir_c_runner_utils.so \
// RUN: | FileCheck %s

func.func private @printMemrefF32(tensor<*xf32>)

func.func @main() {
  // ConvTranspose, group 2, strides (2, 1), dilations (1, 2), pads
  // (3, 0, 0, 1), output_padding (1, 0): the front pad 3 exceeds
  // dilation * (K - 1) = 2 in dimension 0.
  %x = arith.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]],
                              [[10.0, 11.0, 12.0], [13.0, 14.0, 15.0], [16.0, 17.0, 18.0]]]]> : tensor<1x2x3x3xf32>
  %w = arith.constant dense<[[[[-5.0, -4.0], [-3.0, -2.0], [-1.0, 0.0]]],
                             [[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]]> : tensor<2x1x3x2xf32>
  %ct = nn.conv_transpose %x, %w {group = 2 : i64, strides = array<i64: 2, 1>, dilations = array<i64: 1, 2>,
                                  pads = array<i64: 3, 0, 0, 1>, output_padding = array<i64: 1, 0>}
      : (tensor<1x2x3x3xf32>, tensor<2x1x3x2xf32>) -> tensor<1x2x5x4xf32>
  %ctu = tensor.cast %ct : tensor<1x2x5x4xf32> to tensor<*xf32>
  // CHECK:      [-12,     -15,     -26,     -10]
  // CHECK-NEXT: [-39,     -45,     -79,     -32]
  // CHECK-NEXT: [-21,     -24,     -41,     -16]
  // CHECK-NEXT: [-7,     -8,     -9,     0]
  // CHECK-NEXT: [0,     0,     0,     0]
  // CHECK:      [39,     42,     97,     56]
  // CHECK-NEXT: [81,     87,     203,     118]
  // CHECK-NEXT: [48,     51,     118,     68]
  // CHECK-NEXT: [80,     85,     186,     102]
  // CHECK-NEXT: [0,     0,     0,     0]
  call @printMemrefF32(%ctu) : (tensor<*xf32>) -> ()

  %a = arith.constant dense<[[[3.0, -1.0, 4.0, 1.0, -5.0, 9.0, 2.0, -6.0, 5.0, 3.0, -5.0]]]> : tensor<1x1x11xf32>
  // 1-D max: kernel 3, stride 2, dilation 2, pads 1, ceil_mode.
  %m1 = nn.max_pool %a {kernel_shape = array<i64: 3>, strides = array<i64: 2>, dilations = array<i64: 2>,
                        pads = array<i64: 1, 1>, ceil_mode = true} : tensor<1x1x11xf32> -> tensor<1x1x5xf32>
  %m1u = tensor.cast %m1 : tensor<1x1x5xf32> to tensor<*xf32>
  // CHECK: {{\[}}[1,  9,  9,  9,  3]]]
  call @printMemrefF32(%m1u) : (tensor<*xf32>) -> ()

  // 1-D avg: kernel 3, stride 2, pads (1, 0), ceil_mode: the last window
  // [9, 12) runs one past the input.
  %a1 = nn.avg_pool %a {kernel_shape = array<i64: 3>, strides = array<i64: 2>, pads = array<i64: 1, 0>, ceil_mode = true}
      : tensor<1x1x11xf32> -> tensor<1x1x6xf32>
  %a1u = tensor.cast %a1 : tensor<1x1x6xf32> to tensor<*xf32>
  // CHECK: {{\[}}[1,  1.33333,  1.66667,  1.66667,  0.666667,  -1]]]
  call @printMemrefF32(%a1u) : (tensor<*xf32>) -> ()
  %a2 = nn.avg_pool %a {kernel_shape = array<i64: 3>, strides = array<i64: 2>, pads = array<i64: 1, 0>, ceil_mode = true,
                        count_include_pad = true} : tensor<1x1x11xf32> -> tensor<1x1x6xf32>
  %a2u = tensor.cast %a2 : tensor<1x1x6xf32> to tensor<*xf32>
  // CHECK: {{\[}}[0.666667,  1.33333,  1.66667,  1.66667,  0.666667,  -1]]]
  call @printMemrefF32(%a2u) : (tensor<*xf32>) -> ()

  // 3-D max over arange(24) as 2x3x4, kernel 2x2x2, strides (1, 2, 2),
  // ceil_mode (the second window of dimension 1 holds one row).
  %b = arith.constant dense<[[[[[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0]],
                               [[12.0, 13.0, 14.0, 15.0], [16.0, 17.0, 18.0, 19.0], [20.0, 21.0, 22.0, 23.0]]]]]> : tensor<1x1x2x3x4xf32>
  %m3 = nn.max_pool %b {kernel_shape = array<i64: 2, 2, 2>, strides = array<i64: 1, 2, 2>, ceil_mode = true}
      : tensor<1x1x2x3x4xf32> -> tensor<1x1x1x2x2xf32>
  %m3u = tensor.cast %m3 : tensor<1x1x1x2x2xf32> to tensor<*xf32>
  // CHECK:      [17,      19]
  // CHECK-NEXT: [21,      23]
  call @printMemrefF32(%m3u) : (tensor<*xf32>) -> ()

  // Global pools: mean 11.5, max 23.
  %ga = nn.global_avg_pool %b : tensor<1x1x2x3x4xf32> -> tensor<1x1x1x1x1xf32>
  %gm = nn.global_max_pool %b : tensor<1x1x2x3x4xf32> -> tensor<1x1x1x1x1xf32>
  %gau = tensor.cast %ga : tensor<1x1x1x1x1xf32> to tensor<*xf32>
  %gmu = tensor.cast %gm : tensor<1x1x1x1x1xf32> to tensor<*xf32>
  // CHECK: {{\[\[\[\[\[}}11.5]]]]]
  call @printMemrefF32(%gau) : (tensor<*xf32>) -> ()
  // CHECK: {{\[\[\[\[\[}}23]]]]]
  call @printMemrefF32(%gmu) : (tensor<*xf32>) -> ()
  return
}
