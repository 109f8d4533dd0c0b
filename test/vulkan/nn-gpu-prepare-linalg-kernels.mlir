// nn-gpu-prepare-linalg{tile-contractions=8}, {workgroup-reductions=64}:
// a matmul-like contraction
// becomes a gpu.launch of 8x8 workgroups staging 8x8 tiles of A and B in
// workgroup memory (space 3) between two barriers per k step; so do
// convolutions (implicit GEMM, plain and grouped); a contraction too small to
// benefit, a depthwise convolution and a non multiply-add body are left to
// the plain loop mapping.
// RUN: %nn-opt %s --split-input-file --nn-gpu-prepare-linalg="tile-contractions=8" | FileCheck %s

// 40x24 output, K = 32: 40 rows fill 4 per thread (32-row blocks), 24
// columns one; grid 3x2x1 workgroups of 8x8 threads, 4 k steps.
// CHECK-LABEL: func.func @matmul
// CHECK: gpu.launch blocks({{.*}}) in (%{{.*}} = %c3, %{{.*}} = %c2, %{{.*}} = %{{.*}}) threads({{.*}}) in (%{{.*}} = %c8{{.*}}, %{{.*}} = %c8{{.*}},
// CHECK: memref.alloc() : memref<32x8xf32, 3>
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

// Register blocking: 256x256 (K = 16) fills 8x8 outputs per thread (64x64
// blocks, 4x4 = 16 workgroups); with only 2 KiB of
// workgroup memory the factors halve to 4x4 (32x32 blocks).
// RUN: %nn-opt %s --split-input-file --nn-gpu-prepare-linalg="tile-contractions=8 workgroup-memory=2048" | FileCheck %s --check-prefix=MEM
// CHECK-LABEL: func.func @blocked
// CHECK: memref.alloc() : memref<64x8xf32, 3>
// CHECK: memref.alloc() : memref<8x64xf32, 3>
// CHECK-COUNT-64: arith.mulf
// CHECK-NOT: arith.mulf
// CHECK: return
// MEM-LABEL: func.func @blocked
// MEM: memref.alloc() : memref<32x8xf32, 3>
// MEM: memref.alloc() : memref<8x32xf32, 3>
func.func @blocked(%a: memref<256x16xf32>, %b: memref<16x256xf32>, %c: memref<256x256xf32>) {
  linalg.matmul ins(%a, %b : memref<256x16xf32>, memref<16x256xf32>) outs(%c : memref<256x256xf32>)
  return
}

// -----

// Must not fire: a matrix-vector product (M = 1) would leave 7 of 8 rows of
// threads idle; one thread per output does better.
// CHECK-LABEL: func.func @gemv
// CHECK-NOT: gpu.launch
// CHECK: linalg.generic
func.func @gemv(%a: memref<1x256xf32>, %b: memref<256x256xf32>, %c: memref<1x256xf32>) {
  linalg.matmul ins(%a, %b : memref<1x256xf32>, memref<256x256xf32>) outs(%c : memref<1x256xf32>)
  return
}

// -----

// Implicit GEMM: a 2-D convolution (n, f, oh, ow, c, kh, kw) takes the tiled
// kernel with rows f (8), columns n*oh*ow (2*8*8 = 128, 4 per thread: grid
// 4x1x1, the fewest workgroups blocking may leave) and k = c*kh*kw (36). The filter (row operand) and the input (column operand,
// read through oh + kh) are staged in workgroup memory; loop values come from
// delinearizing the linear column and k indices.
// CHECK-LABEL: func.func @conv
// CHECK: gpu.launch blocks({{.*}}) in (%{{.*}} = %c4, %{{.*}} = %c1{{(_[0-9]+)?}}, %{{.*}} = %c1{{(_[0-9]+)?}}) threads({{.*}}) in (%{{.*}} = %c8{{.*}}, %{{.*}} = %c8{{.*}},
// CHECK: memref.alloc() : memref<8x8xf32, 3>
// CHECK: memref.alloc() : memref<8x32xf32, 3>
// CHECK: scf.for
// CHECK: arith.divui
// CHECK: memref.load %{{.*}} : memref<8x4x3x3xf32>
// CHECK: memref.load %{{.*}} : memref<2x4x10x10xf32>
// CHECK: gpu.barrier
// CHECK: scf.for
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: gpu.barrier
// CHECK-NOT: linalg.
func.func @conv(%x: memref<2x4x10x10xf32>, %w: memref<8x4x3x3xf32>, %y: memref<2x8x8x8xf32>) {
  linalg.conv_2d_nchw_fchw ins(%x, %w : memref<2x4x10x10xf32>, memref<8x4x3x3xf32>) outs(%y : memref<2x8x8x8xf32>)
  return
}

// -----

// A grouped convolution (as LowerContractions.cpp builds it: loops n, g, m,
// oh, ow, c, kh, kw): the group loop, read by every operand, is the grid's z
// (2 groups), each group an implicit GEMM of rows m (8) by columns n*oh*ow
// (64, 4 per thread): grid 2x1x2.
// CHECK-LABEL: func.func @grouped_conv
// CHECK: gpu.launch blocks({{.*}}) in (%{{.*}} = %c2{{(_[0-9]+)?}}, %{{.*}} = %c1{{(_[0-9]+)?}}, %{{.*}} = %c2{{(_[0-9]+)?}})
// CHECK: memref.alloc() : memref<8x8xf32, 3>
// CHECK: memref.alloc() : memref<8x32xf32, 3>
// CHECK: gpu.barrier
// CHECK-NOT: linalg.
#gx = affine_map<(n, g, m, oh, ow, c, kh, kw) -> (n, g, c, oh + kh, ow + kw)>
#gw = affine_map<(n, g, m, oh, ow, c, kh, kw) -> (g, m, c, kh, kw)>
#gy = affine_map<(n, g, m, oh, ow, c, kh, kw) -> (n, g, m, oh, ow)>
func.func @grouped_conv(%x: memref<1x2x4x10x10xf32>, %w: memref<2x8x4x3x3xf32>, %y: memref<1x2x8x8x8xf32>) {
  linalg.generic {indexing_maps = [#gx, #gw, #gy], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x2x4x10x10xf32>, memref<2x8x4x3x3xf32>) outs(%y : memref<1x2x8x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Must not fire: a depthwise convolution has no row loop (the channel is read
// by every operand), only a 3x3 reduction per output; it keeps one output
// per thread.
// CHECK-LABEL: func.func @depthwise
// CHECK-NOT: gpu.launch
// CHECK: linalg.generic
func.func @depthwise(%x: memref<1x16x18x18xf32>, %w: memref<16x3x3xf32>, %y: memref<1x16x16x16xf32>) {
  linalg.depthwise_conv_2d_nchw_chw ins(%x, %w : memref<1x16x18x18xf32>, memref<16x3x3xf32>) outs(%y : memref<1x16x16x16xf32>)
  return
}

// -----

// Must not fire: a body other than acc + a * b (here acc + max(a, b)) would
// not ignore the zero padding of partial tiles.
// CHECK-LABEL: func.func @not_mul_add
// CHECK-NOT: gpu.launch
// CHECK: linalg.generic
func.func @not_mul_add(%x: memref<2x4x10x10xf32>, %w: memref<8x4x3x3xf32>, %y: memref<2x8x8x8xf32>) {
  linalg.generic {indexing_maps = [affine_map<(n, f, oh, ow, c, kh, kw) -> (n, c, oh + kh, ow + kw)>, affine_map<(n, f, oh, ow, c, kh, kw) -> (f, c, kh, kw)>, affine_map<(n, f, oh, ow, c, kh, kw) -> (n, f, oh, ow)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<2x4x10x10xf32>, memref<8x4x3x3xf32>) outs(%y : memref<2x8x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.maximumf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
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
