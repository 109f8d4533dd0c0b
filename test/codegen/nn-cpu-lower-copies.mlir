// RUN: %nn-opt %s -nn-cpu-lower-copies | FileCheck %s

// A copy out of a strided subview becomes linalg.copy (inline loops instead
// of the generic memrefCopy runtime call).
// CHECK-LABEL: func.func @strided
// CHECK:       %[[S:.*]] = memref.subview
// CHECK-NOT:   memref.copy
// CHECK:       linalg.copy ins(%[[S]] : memref<4x4xf32, strided<[8, 1]>>) outs(%{{.*}} : memref<4x4xf32>)
func.func @strided(%a: memref<8x8xf32>, %b: memref<4x4xf32>) {
  %s = memref.subview %a[0, 0] [4, 4] [1, 1] : memref<8x8xf32> to memref<4x4xf32, strided<[8, 1]>>
  memref.copy %s, %b : memref<4x4xf32, strided<[8, 1]>> to memref<4x4xf32>
  return
}

// Must not fire: dense to dense stays a memref.copy (a memcpy).
// CHECK-LABEL: func.func @dense
// CHECK:       memref.copy
// CHECK-NOT:   linalg.copy
func.func @dense(%a: memref<8x8xf32>, %b: memref<8x8xf32>) {
  memref.copy %a, %b : memref<8x8xf32> to memref<8x8xf32>
  return
}
