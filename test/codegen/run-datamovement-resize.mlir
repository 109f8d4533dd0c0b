// Runs the lowered nn.resize on the CPU and compares with ONNX's Resize
// reference (onnx.backend.test.case.node.resize.interpolate_nd; for
// tf_half_pixel_for_nn, x_in = (x + 0.5) / scale rounded by hand in numpy).
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
  return
}
