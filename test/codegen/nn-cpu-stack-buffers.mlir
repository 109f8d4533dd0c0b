// RUN: %nn-opt %s -split-input-file -nn-cpu-stack-buffers | FileCheck %s
// RUN: %nn-opt %s -split-input-file "-nn-cpu-stack-buffers=max-total-bytes=4096" | FileCheck %s --check-prefix=BUDGET

// Small static buffers of the entry block go on the stack (alignment kept);
// a buffer over max-bytes (64 KiB), one inside a loop (an alloca there
// would grow the stack per iteration) and a returned one stay on the heap.
// CHECK-LABEL: func.func @buffers
// CHECK:       memref.alloca() {alignment = 64 : i64} : memref<16x16xf32>
// CHECK:       memref.alloc() : memref<128x256xf32>
// CHECK:       memref.alloca() : memref<1024xf32>
// CHECK:       scf.for
// CHECK:         memref.alloc() : memref<8xf32>
// CHECK:       memref.alloc() : memref<4xf32>
// CHECK-NOT:   memref.dealloc %{{.*}} : memref<16x16xf32>
// CHECK-NOT:   memref.dealloc %{{.*}} : memref<1024xf32>
// CHECK:       memref.dealloc %{{.*}} : memref<128x256xf32>
// CHECK-NOT:   memref.dealloc
// CHECK:       return
// With a 4 KiB budget, the smallest buffers come first: 1 KiB (16x16
// floats) fits, then the 4 KiB one no longer does.
// BUDGET-LABEL: func.func @buffers
// BUDGET:       memref.alloca() {alignment = 64 : i64} : memref<16x16xf32>
// BUDGET:       memref.alloc() : memref<128x256xf32>
// BUDGET:       memref.alloc() : memref<1024xf32>
func.func @buffers(%n: index) -> memref<4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %f = arith.constant 1.0 : f32
  %a = memref.alloc() {alignment = 64 : i64} : memref<16x16xf32>
  %big = memref.alloc() : memref<128x256xf32>
  %b = memref.alloc() : memref<1024xf32>
  memref.store %f, %a[%c0, %c0] : memref<16x16xf32>
  memref.store %f, %big[%c0, %c0] : memref<128x256xf32>
  memref.store %f, %b[%c0] : memref<1024xf32>
  scf.for %i = %c0 to %n step %c1 {
    %t = memref.alloc() : memref<8xf32>
    memref.store %f, %t[%c0] : memref<8xf32>
    memref.dealloc %t : memref<8xf32>
  }
  %r = memref.alloc() : memref<4xf32>
  memref.store %f, %r[%c0] : memref<4xf32>
  memref.dealloc %a : memref<16x16xf32>
  memref.dealloc %big : memref<128x256xf32>
  memref.dealloc %b : memref<1024xf32>
  return %r : memref<4xf32>
}

// -----

// Must not fire: dynamic shapes.
// CHECK-LABEL: func.func @dynamic
// CHECK-NOT:   memref.alloca
// CHECK:       memref.alloc(%{{.*}}) : memref<?xf32>
func.func @dynamic(%n: index) {
  %m = memref.alloc(%n) : memref<?xf32>
  memref.dealloc %m : memref<?xf32>
  return
}
