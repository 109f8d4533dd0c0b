// nn-gpu-prepare-linalg{tile-contractions=8}: a matmul-like contraction
// becomes a gpu.launch of 8x8 workgroups staging 8x8 tiles of A and B in
// workgroup memory (space 3) between two barriers per k step; a
// contraction too small to benefit is left to the plain loop mapping.
// RUN: %nn-opt %s --split-input-file --nn-gpu-prepare-linalg="tile-contractions=8" | FileCheck %s

// 40x24 output, K = 32: grid 3x5x1 workgroups of 8x8 threads, 4 k steps.
// CHECK-LABEL: func.func @matmul
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : index
// CHECK-DAG: %[[C5:.*]] = arith.constant 5 : index
// CHECK: gpu.launch blocks({{.*}}) in (%{{.*}} = %[[C3]], %{{.*}} = %[[C5]], %{{.*}} = %{{.*}}) threads({{.*}}) in (%{{.*}} = %c8{{.*}}, %{{.*}} = %c8{{.*}},
// CHECK: memref.alloc() : memref<8x8xf32, 3>
// CHECK: memref.alloc() : memref<8x8xf32, 3>
// CHECK: scf.for
// CHECK: gpu.barrier
// CHECK: scf.for
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: gpu.barrier
// CHECK-NOT: linalg.
func.func @matmul(%a: memref<40x32xf32>, %b: memref<32x24xf32>, %c: memref<40x24xf32>) {
  linalg.matmul ins(%a, %b : memref<40x32xf32>, memref<32x24xf32>) outs(%c : memref<40x24xf32>)
  return
}

// -----

// Must not fire: 4x5x8 is too small for a tiled kernel.
// CHECK-LABEL: func.func @small
// CHECK-NOT: gpu.launch
// CHECK: linalg.generic
func.func @small(%a: memref<4x8xf32>, %b: memref<8x5xf32>, %c: memref<4x5xf32>) {
  linalg.matmul ins(%a, %b : memref<4x8xf32>, memref<8x5xf32>) outs(%c : memref<4x5xf32>)
  return
}
