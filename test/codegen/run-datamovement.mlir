// Runs the lowered data-movement ops on the CPU and compares with numpy
// (np.transpose, concatenate, slicing, take, take_along_axis, pad, tile,
// triu/tril).
// RUN: %nn-opt %s -convert-nn-to-linalg \
// RUN: | mlir-opt -pass-pipeline="builtin.module(one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map},func.func(convert-linalg-to-loops),convert-scf-to-cf,expand-strided-metadata,lower-affine,finalize-memref-to-llvm,convert-math-to-llvm,convert-math-to-libm,convert-arith-to-llvm,convert-cf-to-llvm,convert-func-to-llvm,convert-ub-to-llvm,reconcile-unrealized-casts)" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=/usr/lib/llvm-22/lib/libmlir_runner_utils.so,/usr/lib/llvm-22/lib/libmlir_c_runner_utils.so \
// RUN: | FileCheck %s

// CHECK: rank = 2 offset = 0 sizes = [3, 2]
// CHECK-NEXT: [0, 3]
// CHECK-NEXT: [1, 4]
// CHECK-NEXT: [2, 5]
// CHECK: rank = 2 offset = 0 sizes = [2, 3]
// CHECK-NEXT: [0, 1, 4]
// CHECK-NEXT: [2, 3, 5]
// CHECK: rank = 2 offset = 0 sizes = [2, 3]
// CHECK-NEXT: [11, 10, 9]
// CHECK-NEXT: [3, 2, 1]
// CHECK: rank = 3 offset = 0 sizes = [1, 2, 4]
// CHECK-NEXT: [8, 9, 10, 11]
// CHECK-NEXT: [0, 1, 2, 3]
// CHECK: rank = 2 offset = 0 sizes = [3, 2]
// CHECK-NEXT: [3, 0]
// CHECK-NEXT: [5, 6]
// CHECK-NEXT: [11, 8]
// CHECK: rank = 2 offset = 0 sizes = [3, 6]
// CHECK-NEXT: [5, 4, 3, 4, 5, 4]
// CHECK-NEXT: [2, 1, 0, 1, 2, 1]
// CHECK-NEXT: [5, 4, 3, 4, 5, 4]
// CHECK: rank = 2 offset = 0 sizes = [3, 3]
// CHECK-NEXT: [1, 2, 2]
// CHECK-NEXT: [1, 2, 2]
// CHECK-NEXT: [4, 5, 5]
// CHECK: rank = 2 offset = 0 sizes = [4, 6]
// CHECK-NEXT: [1, 2, 1, 2, 1, 2]
// CHECK-NEXT: [3, 4, 3, 4, 3, 4]
// CHECK-NEXT: [1, 2, 1, 2, 1, 2]
// CHECK-NEXT: [3, 4, 3, 4, 3, 4]
// CHECK: rank = 2 offset = 0 sizes = [3, 4]
// CHECK-NEXT: [0, 1, 2, 3]
// CHECK-NEXT: [0, 0, 6, 7]
// CHECK-NEXT: [0, 0, 0, 11]
// CHECK: rank = 2 offset = 0 sizes = [3, 4]
// CHECK-NEXT: [0, 0, 0, 0]
// CHECK-NEXT: [4, 0, 0, 0]
// CHECK-NEXT: [8, 9, 0, 0]

func.func private @printMemrefF32(tensor<*xf32>)

func.func @print(%t: tensor<?x?xf32>) {
  %u = tensor.cast %t : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %x23 = nn.constant dense<[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]> : tensor<2x3xf32>
  %x34 = nn.constant dense<[[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0]]> : tensor<3x4xf32>
  // Dynamic views of the same data, so the lowering computes extents at run time.
  %d23 = tensor.cast %x23 : tensor<2x3xf32> to tensor<?x?xf32>
  %d34 = tensor.cast %x34 : tensor<3x4xf32> to tensor<?x?xf32>

  %t = nn.transpose %d23 {perm = array<i64: 1, 0>} : tensor<?x?xf32> -> tensor<?x?xf32>
  call @print(%t) : (tensor<?x?xf32>) -> ()

  %a = nn.constant dense<[[0.0, 1.0], [2.0, 3.0]]> : tensor<2x2xf32>
  %b = nn.constant dense<[[4.0], [5.0]]> : tensor<2x1xf32>
  %ad = tensor.cast %a : tensor<2x2xf32> to tensor<2x?xf32>
  %c = nn.concat %ad, %b {axis = 1 : i64} : (tensor<2x?xf32>, tensor<2x1xf32>) -> tensor<2x?xf32>
  %cd = tensor.cast %c : tensor<2x?xf32> to tensor<?x?xf32>
  call @print(%cd) : (tensor<?x?xf32>) -> ()

  // x[2::-2, 3:0:-1]
  %s = nn.slice %d34 {starts = array<i64: -1, 3>, ends = array<i64: -100, 0>, steps = array<i64: -2, -1>} : tensor<?x?xf32> -> tensor<?x?xf32>
  call @print(%s) : (tensor<?x?xf32>) -> ()

  // take(x, [[-1, 0]], axis=0)
  %gi = nn.constant dense<[[-1, 0]]> : tensor<1x2xi64>
  %g = nn.gather %x34, %gi {axis = 0 : i64} : (tensor<3x4xf32>, tensor<1x2xi64>) -> tensor<1x2x4xf32>
  %gu = tensor.cast %g : tensor<1x2x4xf32> to tensor<*xf32>
  call @printMemrefF32(%gu) : (tensor<*xf32>) -> ()

  // take_along_axis(x, [[-1, 0], [1, 2], [3, -4]], axis=1)
  %ei = nn.constant dense<[[-1, 0], [1, 2], [3, -4]]> : tensor<3x2xi32>
  %e = nn.gather_elements %d34, %ei {axis = 1 : i64} : (tensor<?x?xf32>, tensor<3x2xi32>) -> tensor<3x2xf32>
  %ed = tensor.cast %e : tensor<3x2xf32> to tensor<?x?xf32>
  call @print(%ed) : (tensor<?x?xf32>) -> ()

  // pad(x, ((1, 0), (2, 1)), reflect)
  %pr = nn.pad %d23 {pads = array<i64: 1, 2, 0, 1>, mode = #nn<pad reflect>} : tensor<?x?xf32> -> tensor<?x?xf32>
  call @print(%pr) : (tensor<?x?xf32>) -> ()

  // pad(x[:, 1:], ((1, 0), (0, 1)), edge): a negative begin pad crops
  %pe = nn.pad %x23 {pads = array<i64: 1, -1, 0, 1>, mode = #nn<pad edge>} : tensor<2x3xf32> -> tensor<3x3xf32>
  %ped = tensor.cast %pe : tensor<3x3xf32> to tensor<?x?xf32>
  call @print(%ped) : (tensor<?x?xf32>) -> ()

  // tile([[1, 2], [3, 4]], (2, 3))
  %tt = nn.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %ttd = tensor.cast %tt : tensor<2x2xf32> to tensor<?x?xf32>
  %ti = nn.tile %ttd {repeats = array<i64: 2, 3>} : tensor<?x?xf32> -> tensor<?x?xf32>
  call @print(%ti) : (tensor<?x?xf32>) -> ()

  // triu(x, 1), tril(x, -1)
  %tu = nn.trilu %d34 {upper = true, k = 1 : i64} : tensor<?x?xf32> -> tensor<?x?xf32>
  call @print(%tu) : (tensor<?x?xf32>) -> ()
  %tl = nn.trilu %d34 {upper = false, k = -1 : i64} : tensor<?x?xf32> -> tensor<?x?xf32>
  call @print(%tl) : (tensor<?x?xf32>) -> ()
  return
}
