// RUN: %nn-opt %s -split-input-file -nn-cpu-plan-buffers | FileCheck %s

// Three 1 KiB buffers in a chain: %a is dead once %b is written, so %c
// takes %a's place. One 2 KiB arena instead of three buffers (3 KiB); the
// deallocation pipeline's frees at the end of the function go.
// CHECK-LABEL: func.func @chain
// CHECK:       %[[ARENA:.*]] = memref.alloc() {alignment = 64 : i64} : memref<2048xi8>
// CHECK:       %[[A:.*]] = memref.view %[[ARENA]][%c0{{.*}}][] : memref<2048xi8> to memref<256xf32>
// CHECK:       %[[B:.*]] = memref.view %[[ARENA]][%c1024{{.*}}][] : memref<2048xi8> to memref<256xf32>
// CHECK:       linalg.copy ins(%[[A]] : memref<256xf32>) outs(%[[B]] : memref<256xf32>)
// CHECK:       %[[C:.*]] = memref.view %[[ARENA]][%c0{{.*}}][] : memref<2048xi8> to memref<256xf32>
// CHECK:       linalg.copy ins(%[[B]] : memref<256xf32>) outs(%[[C]] : memref<256xf32>)
// CHECK-NOT:   memref.dealloc %[[A]]
// CHECK:       memref.dealloc %[[ARENA]]
// CHECK-NEXT:  return
func.func @chain(%x: memref<256xf32>, %out: memref<256xf32>) {
  %a = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
  linalg.copy ins(%x : memref<256xf32>) outs(%a : memref<256xf32>)
  %b = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
  linalg.copy ins(%a : memref<256xf32>) outs(%b : memref<256xf32>)
  %c = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
  linalg.copy ins(%b : memref<256xf32>) outs(%c : memref<256xf32>)
  linalg.copy ins(%c : memref<256xf32>) outs(%out : memref<256xf32>)
  memref.dealloc %a : memref<256xf32>
  memref.dealloc %b : memref<256xf32>
  memref.dealloc %c : memref<256xf32>
  return
}

// -----

// A view of %a read inside a loop after %b is written keeps %a alive:
// %a and %b may not share memory, the arena holds both.
// CHECK-LABEL: func.func @alias_in_loop
// CHECK:       memref.alloc() {alignment = 64 : i64} : memref<2048xi8>
// CHECK:       memref.view %{{.*}}[%c{{0|1024}}{{.*}}]
// CHECK:       memref.view %{{.*}}[%c{{0|1024}}{{.*}}]
func.func @alias_in_loop(%x: memref<256xf32>, %out: memref<16x16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %a = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
  linalg.copy ins(%x : memref<256xf32>) outs(%a : memref<256xf32>)
  %v = memref.expand_shape %a [[0, 1]] output_shape [16, 16] : memref<256xf32> into memref<16x16xf32>
  %b = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
  linalg.copy ins(%x : memref<256xf32>) outs(%b : memref<256xf32>)
  scf.for %i = %c0 to %c16 step %c1 {
    %row = memref.subview %v[%i, 0] [1, 16] [1, 1] : memref<16x16xf32> to memref<16xf32, strided<[1], offset: ?>>
    %dst = memref.subview %out[%i, 0] [1, 16] [1, 1] : memref<16x16xf32> to memref<16xf32, strided<[1], offset: ?>>
    memref.copy %row, %dst : memref<16xf32, strided<[1], offset: ?>> to memref<16xf32, strided<[1], offset: ?>>
  }
  %w = memref.expand_shape %b [[0, 1]] output_shape [16, 16] : memref<256xf32> into memref<16x16xf32>
  memref.copy %w, %out : memref<16x16xf32> to memref<16x16xf32>
  memref.dealloc %a : memref<256xf32>
  memref.dealloc %b : memref<256xf32>
  return
}

// -----

// Not planned: a buffer that is returned (no dealloc), one whose alias
// leaves through scf.if (unknown aliasing), and one with a dynamic size;
// with fewer than two plannable buffers there is no arena.
// CHECK-LABEL: func.func @kept
// CHECK-NOT:   memref.view
// CHECK-COUNT-4: memref.alloc(
func.func @kept(%x: memref<256xf32>, %p: i1, %n: index) -> memref<256xf32> {
  %r = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
  linalg.copy ins(%x : memref<256xf32>) outs(%r : memref<256xf32>)
  %a = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
  %s = scf.if %p -> memref<256xf32> {
    scf.yield %a : memref<256xf32>
  } else {
    scf.yield %x : memref<256xf32>
  }
  linalg.copy ins(%s : memref<256xf32>) outs(%r : memref<256xf32>)
  %d = memref.alloc(%n) : memref<?xf32>
  %e = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
  linalg.copy ins(%x : memref<256xf32>) outs(%e : memref<256xf32>)
  memref.dealloc %a : memref<256xf32>
  memref.dealloc %d : memref<?xf32>
  memref.dealloc %e : memref<256xf32>
  return %r : memref<256xf32>
}
