// nn-gpu-prepare-linalg: parallel dimensions move outermost, named ops are
// generalized, memref.copy becomes linalg.copy, host loops are unrolled.
// RUN: %nn-opt %s --split-input-file --nn-gpu-prepare-linalg | FileCheck %s

// A column reduction (reduction dimension first) is interchanged.
// CHECK: #[[T:.*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @column_sum
// CHECK: linalg.generic {indexing_maps = [#[[T]], #{{.*}}], iterator_types = ["parallel", "reduction"]
#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
func.func @column_sum(%x: memref<4x5xf32>, %y: memref<5xf32>) {
  linalg.generic {indexing_maps = [#id, #col], iterator_types = ["reduction", "parallel"]}
      ins(%x : memref<4x5xf32>) outs(%y : memref<5xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %a, %acc : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Must not fire: the parallel dimension already comes first.
// CHECK-LABEL: func.func @row_sum
// CHECK: linalg.generic
// CHECK-SAME: indexing_maps = [#{{.*}}, #{{.*}}], iterator_types = ["parallel", "reduction"]
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @row_sum(%x: memref<4x5xf32>, %y: memref<4xf32>) {
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<4x5xf32>) outs(%y : memref<4xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %a, %acc : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// CHECK-LABEL: func.func @copy_and_matmul
// CHECK-NOT: memref.copy
// CHECK: linalg.generic
// CHECK-NOT: linalg.matmul
func.func @copy_and_matmul(%a: memref<2x3xf32>, %b: memref<3x4xf32>, %c: memref<2x4xf32>, %d: memref<2x3xf32>) {
  memref.copy %a, %d : memref<2x3xf32> to memref<2x3xf32>
  linalg.matmul ins(%a, %b : memref<2x3xf32>, memref<3x4xf32>) outs(%c : memref<2x4xf32>)
  return
}

// -----

// A host loop that launches kernels is unrolled: 3 steps, 3 (generalized)
// fills.
// CHECK-LABEL: func.func @host_loop
// CHECK-NOT: scf.for
// CHECK-COUNT-3: linalg.generic
// CHECK-NOT: linalg.generic
func.func @host_loop(%x: memref<3x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %f = arith.constant 1.0 : f32
  scf.for %i = %c0 to %c3 step %c1 {
    %row = memref.subview %x[%i, 0] [1, 4] [1, 1] : memref<3x4xf32> to memref<4xf32, strided<[1], offset: ?>>
    linalg.fill ins(%f : f32) outs(%row : memref<4xf32, strided<[1], offset: ?>>)
  }
  return
}
