// Runs the lowered nn.resize on the CPU and compares with ONNX's Resize
// reference (onnx.backend.test.case.node.resize.interpolate_nd; for
// tf_half_pixel_for_nn, x_in = (x + 0.5) / scale rounded by hand in numpy;
// onnx 1.12 lacks it).
// RUN: %nn-opt %s -convert-nn-to-linalg \
// RUN: | mlir-opt -pass-pipeline="builtin.module(one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map},func.func(convert-linalg-to-loops),convert-scf-to-cf,expand-strided-metadata,lower-affine,finalize-memref-to-llvm,convert-math-to-llvm,convert-math-to-libm,convert-arith-to-llvm,convert-cf-to-llvm,convert-func-to-llvm,convert-ub-to-llvm,reconcile-unrealized-casts)" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=/usr/lib/llvm-22/lib/libmlir_runner_utils.so,/usr/lib/llvm-22/lib/libmlir_c_runner_utils.so \
// RUN: | FileCheck %s

// CHECK: rank = 4 offset = 0 sizes = [1, 1, 4, 6]
// CHECK-NEXT: [1, 1, 1, 2, 2, 2]
// CHECK-NEXT: [1, 1, 1, 2, 2, 2]
// CHECK-NEXT: [3, 3, 3, 4, 4, 4]
// CHECK-NEXT: [3, 3, 3, 4, 4, 4]
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 3, 5]
// CHECK-NEXT: [1, 1, 1, 2, 2]
// CHECK-NEXT: [1, 1, 1, 2, 2]
// CHECK-NEXT: [3, 3, 3, 4, 4]
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 4, 4]
// CHECK-NEXT: [1, 2, 2, 2]
// CHECK-NEXT: [3, 4, 4, 4]
// CHECK-NEXT: [3, 4, 4, 4]
// CHECK-NEXT: [3, 4, 4, 4]
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 4, 4]
// CHECK-NEXT: [1, 1.25, 1.75, 2]
// CHECK-NEXT: [1.5, 1.75, 2.25, 2.5]
// CHECK-NEXT: [2.5, 2.75, 3.25, 3.5]
// CHECK-NEXT: [3, 3.25, 3.75, 4]
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 3, 3]
// CHECK-NEXT: [1, 1.5, 2]
// CHECK-NEXT: [2, 2.5, 3]
// CHECK-NEXT: [3, 3.5, 4]
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 1, 3]
// CHECK-NEXT: [1, 1.5, 2]
// CHECK: rank = 4 offset = 0 sizes = [1, 4, 4, 4]
// CHECK-NEXT: [0, 0.25, 0.75, 1]
// CHECK-NEXT: [0.5, 0.75, 1.25, 1.5]
// CHECK-NEXT: [1.5, 1.75, 2.25, 2.5]
// CHECK-NEXT: [2, 2.25, 2.75, 3]
// CHECK-NEXT: [1, 1.25, 1.75, 2]
// CHECK-NEXT: [1.5, 1.75, 2.25, 2.5]
// CHECK-NEXT: [2.5, 2.75, 3.25, 3.5]
// CHECK-NEXT: [3, 3.25, 3.75, 4]
// CHECK-NEXT: [3, 3.25, 3.75, 4]
// CHECK-NEXT: [3.5, 3.75, 4.25, 4.5]
// CHECK-NEXT: [4.5, 4.75, 5.25, 5.5]
// CHECK-NEXT: [5, 5.25, 5.75, 6]
// CHECK-NEXT: [4, 4.25, 4.75, 5]
// CHECK-NEXT: [4.5, 4.75, 5.25, 5.5]
// CHECK-NEXT: [5.5, 5.75, 6.25, 6.5]
// CHECK-NEXT: [6, 6.25, 6.75, 7]
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 2, 2]
// CHECK-NEXT: [0, 2]
// CHECK-NEXT: [8, 10]

func.func private @printMemrefF32(tensor<*xf32>)

func.func @main() {
  %x = nn.constant dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  // Dynamic spatial extents: the output extents are floor(in * scale).
  %xd = tensor.cast %x : tensor<1x1x2x2xf32> to tensor<1x1x?x?xf32>

  // nearest, half_pixel, round_prefer_floor, scales (1, 1, 2, 3)
  %0 = nn.resize %xd {mode = #nn<resize nearest>, scales = array<f64: 1.0, 1.0, 2.0, 3.0>} : tensor<1x1x?x?xf32> -> tensor<1x1x?x?xf32>
  %u0 = tensor.cast %0 : tensor<1x1x?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u0) : (tensor<*xf32>) -> ()

  // nearest, asymmetric, floor, scales (1, 1, 1.5, 2.5)
  %1 = nn.resize %x {mode = #nn<resize nearest>, coordinate_transformation = #nn<coord asymmetric>, nearest_mode = #nn<nearest floor>, scales = array<f64: 1.0, 1.0, 1.5, 2.5>} : tensor<1x1x2x2xf32> -> tensor<1x1x3x5xf32>
  %u1 = tensor.cast %1 : tensor<1x1x3x5xf32> to tensor<*xf32>
  call @printMemrefF32(%u1) : (tensor<*xf32>) -> ()

  // nearest, tf_half_pixel_for_nn, round_prefer_ceil, scales (1, 1, 2, 2)
  %2 = nn.resize %x {mode = #nn<resize nearest>, coordinate_transformation = #nn<coord tf_half_pixel_for_nn>, nearest_mode = #nn<nearest round_prefer_ceil>, scales = array<f64: 1.0, 1.0, 2.0, 2.0>} : tensor<1x1x2x2xf32> -> tensor<1x1x4x4xf32>
  %u2 = tensor.cast %2 : tensor<1x1x4x4xf32> to tensor<*xf32>
  call @printMemrefF32(%u2) : (tensor<*xf32>) -> ()

  // linear, half_pixel, scales (1, 1, 2, 2)
  %3 = nn.resize %xd {mode = #nn<resize linear>, scales = array<f64: 1.0, 1.0, 2.0, 2.0>} : tensor<1x1x?x?xf32> -> tensor<1x1x?x?xf32>
  %u3 = tensor.cast %3 : tensor<1x1x?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u3) : (tensor<*xf32>) -> ()

  // linear, align_corners, sizes (1, 1, 3, 3)
  %4 = nn.resize %x {mode = #nn<resize linear>, coordinate_transformation = #nn<coord align_corners>} : tensor<1x1x2x2xf32> -> tensor<1x1x3x3xf32>
  %u4 = tensor.cast %4 : tensor<1x1x3x3xf32> to tensor<*xf32>
  call @printMemrefF32(%u4) : (tensor<*xf32>) -> ()
  // linear, pytorch_half_pixel, sizes (1, 1, 1, 3): a length-1 axis reads 0
  %5 = nn.resize %x {mode = #nn<resize linear>, coordinate_transformation = #nn<coord pytorch_half_pixel>} : tensor<1x1x2x2xf32> -> tensor<1x1x1x3xf32>
  %u5 = tensor.cast %5 : tensor<1x1x1x3xf32> to tensor<*xf32>
  call @printMemrefF32(%u5) : (tensor<*xf32>) -> ()

  // trilinear: linear, half_pixel, scales (1, 2, 2, 2) on arange(8)
  %t = nn.constant dense<[[[[0.0, 1.0], [2.0, 3.0]], [[4.0, 5.0], [6.0, 7.0]]]]> : tensor<1x2x2x2xf32>
  %6 = nn.resize %t {mode = #nn<resize linear>, scales = array<f64: 1.0, 2.0, 2.0, 2.0>} : tensor<1x2x2x2xf32> -> tensor<1x4x4x4xf32>
  %u6 = tensor.cast %6 : tensor<1x4x4x4xf32> to tensor<*xf32>
  call @printMemrefF32(%u6) : (tensor<*xf32>) -> ()

  // downscale: nearest, asymmetric, ceil, scales (1, 1, 0.6, 0.6) on arange(16)
  %s = nn.constant dense<[[[[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0], [12.0, 13.0, 14.0, 15.0]]]]> : tensor<1x1x4x4xf32>
  %7 = nn.resize %s {mode = #nn<resize nearest>, coordinate_transformation = #nn<coord asymmetric>, nearest_mode = #nn<nearest ceil>, scales = array<f64: 1.0, 1.0, 0.6, 0.6>} : tensor<1x1x4x4xf32> -> tensor<1x1x2x2xf32>
  %u7 = tensor.cast %7 : tensor<1x1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%u7) : (tensor<*xf32>) -> ()
  return
}
