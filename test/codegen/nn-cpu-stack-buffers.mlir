// RUN: %nn-opt %s -split-input-file -nn-cpu-stack-buffers | FileCheck %s
// RUN: %nn-opt %s -split-input-file "-nn-cpu-stack-buffers=max-total-bytes=4096" | FileCheck %s --check-prefix=BUDGET

// Small static buffers of the entry block go on the stack (alignment kept);
// a buffer over max-bytes (64 KiB) and a returned one stay on the heap. One
// inside a loop goes on the stack inside an alloca_scope around the loop
// body (released every iteration; its dealloc is dropped).
// CHECK-LABEL: func.func @buffers
// CHECK:       memref.alloca() {alignment = 64 : i64} : memref<16x16xf32>
// CHECK:       memref.alloc() : memref<128x256xf32>
// CHECK:       memref.alloca() : memref<1024xf32>
// CHECK:       scf.for
// CHECK-NEXT:    memref.alloca_scope {
// CHECK-NEXT:      memref.alloca() : memref<8xf32>
// CHECK-NEXT:      memref.store
// CHECK-NEXT:    }
// CHECK-NEXT:  }
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
// BUDGET:       memref.alloca() : memref<8xf32>
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

// -----

// Loop bodies: a forall's tile buffers (a fused kernel's row statistics) go
// on the stack in a scope per iteration, smallest first within the budget
// per body (4 KiB in the second run); a buffer over max-loop-bytes (16 KiB:
// a 64 KiB one here) stays on the heap (inside the scope). Must not fire: a loop whose body yields values (the
// scope would have to return them), and a buffer nested in an scf.if.
// CHECK-LABEL: func.func @loop_bodies
// CHECK:       scf.forall
// CHECK-NEXT:    memref.alloca_scope {
// CHECK-DAG:       memref.alloca() {alignment = 64 : i64} : memref<1x32xf32>
// CHECK-DAG:       memref.alloca() {alignment = 64 : i64} : memref<32x32xf32>
// CHECK-DAG:       memref.alloc() : memref<128x256xf32>
// CHECK-DAG:       memref.alloc() : memref<64x256xf32>
// CHECK:         }
// CHECK:       scf.for {{.*}} iter_args
// CHECK-NOT:     alloca
// CHECK:         memref.alloc() : memref<8xf32>
// CHECK:       scf.for
// CHECK-NOT:     alloca
// CHECK:         scf.if
// CHECK-NEXT:      memref.alloc() : memref<8xf32>
// BUDGET-LABEL: func.func @loop_bodies
// BUDGET:       memref.alloca_scope
// BUDGET:         memref.alloca() {alignment = 64 : i64} : memref<1x32xf32>
// BUDGET:         memref.alloc() {alignment = 64 : i64} : memref<32x32xf32>
func.func @loop_bodies(%n: index, %c: i1) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %f = arith.constant 1.0 : f32
  scf.forall (%i) in (4) {
    %a = memref.alloc() {alignment = 64 : i64} : memref<1x32xf32>
    %b = memref.alloc() {alignment = 64 : i64} : memref<32x32xf32>
    %big = memref.alloc() : memref<128x256xf32>
    %panel = memref.alloc() : memref<64x256xf32>
    memref.store %f, %panel[%c0, %c0] : memref<64x256xf32>
    memref.dealloc %panel : memref<64x256xf32>
    memref.store %f, %a[%c0, %c0] : memref<1x32xf32>
    memref.store %f, %b[%c0, %c0] : memref<32x32xf32>
    memref.store %f, %big[%c0, %c0] : memref<128x256xf32>
    memref.dealloc %a : memref<1x32xf32>
    memref.dealloc %b : memref<32x32xf32>
    memref.dealloc %big : memref<128x256xf32>
  }
  %s = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %f) -> (f32) {
    %t = memref.alloc() : memref<8xf32>
    memref.store %acc, %t[%c0] : memref<8xf32>
    %v = memref.load %t[%c0] : memref<8xf32>
    memref.dealloc %t : memref<8xf32>
    scf.yield %v : f32
  }
  scf.for %i = %c0 to %n step %c1 {
    scf.if %c {
      %t = memref.alloc() : memref<8xf32>
      memref.store %f, %t[%c0] : memref<8xf32>
      memref.dealloc %t : memref<8xf32>
    }
  }
  return %s : f32
}
