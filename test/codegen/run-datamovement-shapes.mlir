// Shape-only ops and a dense_resource weight run on the CPU, against numpy
// (reshape, squeeze/unsqueeze, split, broadcast_to). The dense_resource
// arith.constant bufferizes to a memref.global holding the blob.
// RUN: %nn-opt %s -convert-nn-to-linalg \
// RUN: | mlir-opt -pass-pipeline="builtin.module(one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map},func.func(convert-linalg-to-loops),convert-scf-to-cf,expand-strided-metadata,lower-affine,finalize-memref-to-llvm,convert-math-to-llvm,convert-math-to-libm,convert-arith-to-llvm,convert-cf-to-llvm,convert-func-to-llvm,convert-ub-to-llvm,reconcile-unrealized-casts)" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=/usr/lib/llvm-22/lib/libmlir_runner_utils.so,/usr/lib/llvm-22/lib/libmlir_c_runner_utils.so \
// RUN: | FileCheck %s

// CHECK: rank = 2 offset = 0 sizes = [2, 3]
// CHECK-NEXT: [-2, -0.5, 1]
// CHECK-NEXT: [2.5, 4, 5.5]
// CHECK: rank = 2 offset = 0 sizes = [3, 2]
// CHECK-NEXT: [-2, -0.5]
// CHECK-NEXT: [1, 2.5]
// CHECK-NEXT: [4, 5.5]
// CHECK: rank = 2 offset = 0 sizes = [3, 2]
// CHECK-NEXT: [-2, -0.5]
// CHECK-NEXT: [1, 2.5]
// CHECK-NEXT: [4, 5.5]
// CHECK: rank = 2 offset = 0 sizes = [2, 3]
// CHECK-NEXT: [-2, -0.5, 1]
// CHECK-NEXT: [2.5, 4, 5.5]
// CHECK: rank = 2 offset = 0 sizes = [2, 1]
// CHECK-NEXT: [-2]
// CHECK-NEXT: [2.5]
// CHECK: rank = 2 offset = 0 sizes = [2, 2]
// CHECK-NEXT: [-0.5, 1]
// CHECK-NEXT: [4, 5.5]
// CHECK: rank = 3 offset = 0 sizes = [3, 2, 4]
// CHECK-NEXT: [-2, -2, -2, -2]
// CHECK-NEXT: [2.5, 2.5, 2.5, 2.5]
// CHECK-NEXT: [-2, -2, -2, -2]
// CHECK-NEXT: [2.5, 2.5, 2.5, 2.5]
// CHECK-NEXT: [-2, -2, -2, -2]
// CHECK-NEXT: [2.5, 2.5, 2.5, 2.5]

func.func private @printMemrefF32(tensor<*xf32>)

func.func @print(%t: tensor<?x?xf32>) {
  %u = tensor.cast %t : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  // w = arange(6).reshape(2, 3) * 1.5 - 2
  %w = nn.constant dense_resource<w> : tensor<2x3xf32>
  %w0 = tensor.cast %w : tensor<2x3xf32> to tensor<?x?xf32>
  call @print(%w0) : (tensor<?x?xf32>) -> ()

  // Same rank, dynamic: tensor.reshape with a computed extent.
  %wd = tensor.cast %w : tensor<2x3xf32> to tensor<2x?xf32>
  %r = nn.reshape %wd : tensor<2x?xf32> -> tensor<?x2xf32>
  %r0 = tensor.cast %r : tensor<?x2xf32> to tensor<?x?xf32>
  call @print(%r0) : (tensor<?x?xf32>) -> ()

  // collapse then expand
  %c = nn.reshape %w : tensor<2x3xf32> -> tensor<6xf32>
  %e = nn.reshape %c : tensor<6xf32> -> tensor<3x2xf32>
  %e0 = tensor.cast %e : tensor<3x2xf32> to tensor<?x?xf32>
  call @print(%e0) : (tensor<?x?xf32>) -> ()

  %un = nn.unsqueeze %w {axes = array<i64: 0>} : tensor<2x3xf32> -> tensor<1x2x3xf32>
  %sq = nn.squeeze %un {axes = array<i64: 0>} : tensor<1x2x3xf32> -> tensor<2x3xf32>
  %sq0 = tensor.cast %sq : tensor<2x3xf32> to tensor<?x?xf32>
  call @print(%sq0) : (tensor<?x?xf32>) -> ()

  %p, %q = nn.split %w0 {axis = 1 : i64, sizes = array<i64: 1, 2>} : tensor<?x?xf32> -> tensor<?x1xf32>, tensor<?x2xf32>
  %p0 = tensor.cast %p : tensor<?x1xf32> to tensor<?x?xf32>
  call @print(%p0) : (tensor<?x?xf32>) -> ()
  %q0 = tensor.cast %q : tensor<?x2xf32> to tensor<?x?xf32>
  call @print(%q0) : (tensor<?x?xf32>) -> ()

  %ps = tensor.cast %p : tensor<?x1xf32> to tensor<2x1xf32>
  %bc = nn.broadcast %ps : tensor<2x1xf32> -> tensor<3x2x4xf32>
  %bu = tensor.cast %bc : tensor<3x2x4xf32> to tensor<*xf32>
  call @printMemrefF32(%bu) : (tensor<*xf32>) -> ()
  return
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x04000000000000C0000000BF0000803F00002040000080400000B040"
    }
  }
#-}
