// nn-gpu-prepare-linalg{tile-contractions=8}, {workgroup-reductions=64}:
// a matmul-like contraction
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

// -----

// RUN: %nn-opt %s --split-input-file --nn-gpu-prepare-linalg="workgroup-reductions=64" | FileCheck %s --check-prefix=RED
// A row sum over 300 elements: one workgroup of 64 threads per row, a tree
// of log2(64) = 6 barrier-separated steps in workgroup memory.
// RED-LABEL: func.func @row_sum
// RED: gpu.launch
// RED: memref.alloc() : memref<64xf32, 3>
// RED-COUNT-6: gpu.barrier
// RED-NOT: gpu.barrier
// RED: return
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @row_sum(%x: memref<4x300xf32>, %y: memref<4xf32>) {
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<4x300xf32>) outs(%y : memref<4xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %a, %acc : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Must not fire: 40 elements are fewer than a workgroup's threads.
// RED-LABEL: func.func @short_sum
// RED-NOT: gpu.launch
// RED: linalg.generic
func.func @short_sum(%x: memref<4x40xf32>, %y: memref<4xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<4x40xf32>) outs(%y : memref<4xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %a, %acc : f32
    linalg.yield %s : f32
  }
  return
}
