// nn-gpu-map-to-launch: each top-level scf.parallel becomes a 1-D
// grid-stride gpu.launch; other top-level compute a one-thread launch; host
// ops stay outside.
// RUN: %nn-opt %s --split-input-file --nn-gpu-map-to-launch="workgroup-size=64 max-workgroups=4" | FileCheck %s

// 4x100 = 400 iterations, 64 threads, at most 4 workgroups: each thread
// strides twice (4 * 64 * 2 = 512 >= 400) and is guarded.
// CHECK-LABEL: func.func @elementwise
// CHECK: gpu.launch blocks({{.*}}) in (%{{.*}} = %c4{{.*}}, {{.*}}) threads({{.*}}) in (%{{.*}} = %c64,
// CHECK: %[[K:.*]] = arith.constant 2 : index
// CHECK: scf.for %{{.*}} = %{{.*}} to %[[K]]
// CHECK: arith.cmpi ult
// CHECK: scf.if
// CHECK: arith.remui
// CHECK: arith.divui
// CHECK: memref.store
// CHECK-NOT: scf.parallel
func.func @elementwise(%x: memref<4x100xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c100 = arith.constant 100 : index
  %f = arith.constant 1.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c100) step (%c1, %c1) {
    memref.store %f, %x[%i, %j] : memref<4x100xf32>
    scf.reduce
  }
  return
}

// -----

// A full reduction has no parallel loop: one thread runs it.
// CHECK-LABEL: func.func @total
// CHECK: memref.alloc
// CHECK: gpu.launch
// CHECK: scf.for
// CHECK: gpu.terminator
// CHECK: return
func.func @total(%x: memref<8xf32>, %y: memref<f32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %tmp = memref.alloc() : memref<f32>
  scf.for %i = %c0 to %c8 step %c1 {
    %a = memref.load %x[%i] : memref<8xf32>
    %b = memref.load %y[] : memref<f32>
    %s = arith.addf %a, %b : f32
    memref.store %s, %y[] : memref<f32>
  }
  return
}

// -----

// Must not fire: nothing but host ops.
// CHECK-LABEL: func.func @host_only
// CHECK-NOT: gpu.launch
func.func @host_only() -> memref<4xf32> {
  %a = memref.alloc() : memref<4xf32>
  return %a : memref<4xf32>
}
