// RUN: %nn-opt %s -split-input-file -nn-cpu-unshare-fills | FileCheck %s
// RUN: %nn-opt %s -split-input-file -nn-cpu-unshare-fills -one-shot-bufferize | FileCheck %s --check-prefix=BUF

// Two pads of one shape share one zero fill after CSE. Each insert now has
// its own fill, so bufferization writes each pad in place: no copy of a
// filled template per pad.
// CHECK-LABEL: func.func @two_pads
// CHECK:       %[[F0:.*]] = linalg.fill
// CHECK:       tensor.insert_slice %arg0 into %[[F0]]
// CHECK:       %[[F1:.*]] = linalg.fill
// CHECK:       tensor.insert_slice %arg1 into %[[F1]]
// BUF-LABEL:   func.func @two_pads
// BUF-NOT:     memref.copy %alloc
// BUF:         linalg.fill
// BUF:         memref.copy %{{.*}}, %subview
// BUF:         linalg.fill
// BUF:         memref.copy %{{.*}}, %subview
// BUF-NOT:     memref.copy
// BUF:         return
func.func @two_pads(%x: tensor<4x6xf32>, %y: tensor<4x6xf32>) -> (tensor<6x8xf32>, tensor<6x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<6x8xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<6x8xf32>) -> tensor<6x8xf32>
  %p = tensor.insert_slice %x into %f[1, 1] [4, 6] [1, 1] : tensor<4x6xf32> into tensor<6x8xf32>
  %q = tensor.insert_slice %y into %f[1, 1] [4, 6] [1, 1] : tensor<4x6xf32> into tensor<6x8xf32>
  return %p, %q : tensor<6x8xf32>, tensor<6x8xf32>
}

// -----

// A read of the fill (a product's init) stays with the insert after it
// (the product's write-back): the pairs split, not the uses.
// CHECK-LABEL: func.func @read_then_insert
// CHECK:       %[[F0:.*]] = linalg.fill
// CHECK:       %[[S0:.*]] = tensor.extract_slice %[[F0]][0, 0]
// CHECK:       tensor.insert_slice %{{.*}} into %[[F0]][0, 0]
// CHECK:       %[[F1:.*]] = linalg.fill
// CHECK:       %[[S1:.*]] = tensor.extract_slice %[[F1]][0, 0]
// CHECK:       tensor.insert_slice %{{.*}} into %[[F1]][0, 0]
func.func @read_then_insert(%x: tensor<4x4xf32>) -> (tensor<4x6xf32>, tensor<4x6xf32>) {
  %one = arith.constant 1.0 : f32
  %e = tensor.empty() : tensor<4x6xf32>
  %f = linalg.fill ins(%one : f32) outs(%e : tensor<4x6xf32>) -> tensor<4x6xf32>
  %s0 = tensor.extract_slice %f[0, 0] [4, 4] [1, 1] : tensor<4x6xf32> to tensor<4x4xf32>
  %a0 = linalg.add ins(%x, %s0 : tensor<4x4xf32>, tensor<4x4xf32>) outs(%s0 : tensor<4x4xf32>) -> tensor<4x4xf32>
  %r0 = tensor.insert_slice %a0 into %f[0, 0] [4, 4] [1, 1] : tensor<4x4xf32> into tensor<4x6xf32>
  %s1 = tensor.extract_slice %f[0, 0] [4, 4] [1, 1] : tensor<4x6xf32> to tensor<4x4xf32>
  %a1 = linalg.mul ins(%x, %s1 : tensor<4x4xf32>, tensor<4x4xf32>) outs(%s1 : tensor<4x4xf32>) -> tensor<4x4xf32>
  %r1 = tensor.insert_slice %a1 into %f[0, 0] [4, 4] [1, 1] : tensor<4x4xf32> into tensor<4x6xf32>
  return %r0, %r1 : tensor<4x6xf32>, tensor<4x6xf32>
}

// -----

// A single use, and a fill of something other than tensor.empty, stay.
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-2: linalg.fill
// CHECK-NOT:   linalg.fill
func.func @kept(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %g = linalg.fill ins(%zero : f32) outs(%x : tensor<4xf32>) -> tensor<4xf32>
  return %f, %g, %g : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
