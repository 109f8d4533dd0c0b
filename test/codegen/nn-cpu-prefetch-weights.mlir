// RUN: %nn-opt %s -split-input-file -nn-cpu-prefetch-weights=min-bytes=16384 | FileCheck %s
// RUN: %nn-opt %s -split-input-file -nn-cpu-prefetch-weights=min-bytes=16384 -expand-strided-metadata -canonicalize | FileCheck %s --check-prefix=FOLD

// A packed filter panel (B of a narrow product) read as 32 contiguous floats
// per K step: every step prefetches the two 64-byte lines it will read one
// trip of the K loop (64 steps) later, clamped to the constant's last
// element.
// CHECK-LABEL: func.func @wide_rows
// CHECK:       %[[W:.*]] = memref.get_global @w : memref<8192xf32>
// CHECK:       scf.for %[[K:.*]] = %c0 to %c64 step %c1
// CHECK:         %[[LATER:.*]] = arith.addi %[[K]], %c64
// CHECK:         memref.subview %{{.*}}[%[[LATER]], 0] [1, 32] [1, 1]
// CHECK:         memref.extract_strided_metadata
// CHECK:         %[[AT0:.*]] = arith.minsi %{{.*}}, %c8191
// CHECK:         memref.prefetch %[[W]][%[[AT0]]], read, locality<3>, data : memref<8192xf32>
// CHECK:         arith.addi %{{.*}}, %c16
// CHECK:         %[[AT1:.*]] = arith.minsi %{{.*}}, %c8191
// CHECK:         memref.prefetch %[[W]][%[[AT1]]], read, locality<3>, data : memref<8192xf32>
// CHECK-NOT:     memref.prefetch
// CHECK:         vector.fma
// Folded: the row K + 64 of 32 floats, i.e. element (K + 64) * 32.
// FOLD:        #[[MAP:.*]] = affine_map<()[s0] -> (s0 * 32)>
// FOLD-LABEL:  func.func @wide_rows
// FOLD:        scf.for %[[K:.*]] = %c0 to %c64 step %c1
// FOLD:          %[[LATER:.*]] = arith.addi %[[K]], %c64
// FOLD:          %[[EL:.*]] = affine.apply #[[MAP]]()[%[[LATER]]]
// FOLD:          %[[AT:.*]] = arith.minsi %[[EL]], %c8191
// FOLD:          memref.prefetch %{{.*}}[%[[AT]]]
memref.global "private" constant @w : memref<8192xf32> = dense<1.0>
func.func @wide_rows(%x: memref<64xf32>, %out: memref<32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %f0 = arith.constant 0.0 : f32
  %g = memref.get_global @w : memref<8192xf32>
  %w = memref.expand_shape %g [[0, 1]] output_shape [256, 32] : memref<8192xf32> into memref<256x32xf32>
  %zero = arith.constant dense<0.0> : vector<32xf32>
  %r = scf.for %k = %c0 to %c64 step %c1 iter_args(%acc = %zero) -> vector<32xf32> {
    %row = memref.subview %w[%k, 0] [1, 32] [1, 1] : memref<256x32xf32> to memref<1x32xf32, strided<[32, 1], offset: ?>>
    %b = vector.transfer_read %row[%c0, %c0], %f0 {in_bounds = [true]} : memref<1x32xf32, strided<[32, 1], offset: ?>>, vector<32xf32>
    %a = vector.transfer_read %x[%k], %f0 {in_bounds = [true]} : memref<64xf32>, vector<1xf32>
    %s = vector.extract %a[0] : f32 from vector<1xf32>
    %bs = vector.broadcast %s : f32 to vector<32xf32>
    %f = vector.fma %bs, %b, %acc : vector<32xf32>
    scf.yield %f : vector<32xf32>
  }
  vector.transfer_write %r, %out[%c0] {in_bounds = [true]} : vector<32xf32>, memref<32xf32>
  return
}

// -----

// A register tile's four rows of an unpacked filter (A), one float each per
// K step: one prefetch per step, cycling through the rows (row = k mod 4),
// instead of one per row.
// CHECK-LABEL: func.func @row_group
// CHECK:       scf.for %[[K:.*]] = %c0 to %c128 step %c1
// CHECK:         %[[LATER:.*]] = arith.addi %[[K]], %c128
// CHECK:         %[[T:.*]] = arith.divui %{{.*}}, %c1
// CHECK:         %[[ROW:.*]] = arith.remui %[[T]], %c4
// CHECK:         %[[R:.*]] = arith.addi %c0, %[[ROW]]
// CHECK:         %[[COL:.*]] = memref.subview %{{.*}}[0, %[[LATER]]] [4, 1]
// CHECK:         %{{.*}}, %[[OFF:.*]], %{{.*}}:2, %[[STRIDES:.*]]:2 = memref.extract_strided_metadata %[[COL]]
// CHECK:         arith.muli %[[R]], %[[STRIDES]]#0
// CHECK:         memref.prefetch
// CHECK-NOT:     memref.prefetch
// CHECK:         vector.fma
memref.global "private" constant @a : memref<16384xf32> = dense<1.0>
func.func @row_group(%b: memref<128x16xf32>, %out: memref<4x16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c128 = arith.constant 128 : index
  %f0 = arith.constant 0.0 : f32
  %g = memref.get_global @a : memref<16384xf32>
  %a = memref.expand_shape %g [[0, 1]] output_shape [32, 512] : memref<16384xf32> into memref<32x512xf32>
  %zero = arith.constant dense<0.0> : vector<16xf32>
  %r:4 = scf.for %k = %c0 to %c128 step %c1 iter_args(%s0 = %zero, %s1 = %zero, %s2 = %zero, %s3 = %zero) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>) {
    %col = memref.subview %a[0, %k] [4, 1] [1, 1] : memref<32x512xf32> to memref<4x1xf32, strided<[512, 1], offset: ?>>
    %a0 = vector.transfer_read %col[%c0, %c0], %f0 {in_bounds = [true]} : memref<4x1xf32, strided<[512, 1], offset: ?>>, vector<1xf32>
    %a1 = vector.transfer_read %col[%c1, %c0], %f0 {in_bounds = [true]} : memref<4x1xf32, strided<[512, 1], offset: ?>>, vector<1xf32>
    %a2 = vector.transfer_read %col[%c2, %c0], %f0 {in_bounds = [true]} : memref<4x1xf32, strided<[512, 1], offset: ?>>, vector<1xf32>
    %a3 = vector.transfer_read %col[%c3, %c0], %f0 {in_bounds = [true]} : memref<4x1xf32, strided<[512, 1], offset: ?>>, vector<1xf32>
    %bv = vector.transfer_read %b[%k, %c0], %f0 {in_bounds = [true]} : memref<128x16xf32>, vector<16xf32>
    %e0 = vector.extract %a0[0] : f32 from vector<1xf32>
    %e1 = vector.extract %a1[0] : f32 from vector<1xf32>
    %e2 = vector.extract %a2[0] : f32 from vector<1xf32>
    %e3 = vector.extract %a3[0] : f32 from vector<1xf32>
    %b0 = vector.broadcast %e0 : f32 to vector<16xf32>
    %b1 = vector.broadcast %e1 : f32 to vector<16xf32>
    %b2 = vector.broadcast %e2 : f32 to vector<16xf32>
    %b3 = vector.broadcast %e3 : f32 to vector<16xf32>
    %f0v = vector.fma %b0, %bv, %s0 : vector<16xf32>
    %f1v = vector.fma %b1, %bv, %s1 : vector<16xf32>
    %f2v = vector.fma %b2, %bv, %s2 : vector<16xf32>
    %f3v = vector.fma %b3, %bv, %s3 : vector<16xf32>
    scf.yield %f0v, %f1v, %f2v, %f3v : vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>
  }
  vector.transfer_write %r#0, %out[%c0, %c0] {in_bounds = [true]} : vector<16xf32>, memref<4x16xf32>
  return
}

// -----

// Not prefetched: a constant below min-bytes (it stays in cache between
// inferences), a non-constant global, a function argument, and a loop
// without FMAs (a copy).
// CHECK-LABEL: func.func @none
// CHECK-NOT:   memref.prefetch
memref.global "private" constant @small : memref<1024xf32> = dense<1.0>
memref.global "private" @state : memref<8192xf32> = dense<1.0>
func.func @none(%arg: memref<256x32xf32>, %out: memref<32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  %f0 = arith.constant 0.0 : f32
  %gs = memref.get_global @small : memref<1024xf32>
  %small = memref.expand_shape %gs [[0, 1]] output_shape [32, 32] : memref<1024xf32> into memref<32x32xf32>
  %gv = memref.get_global @state : memref<8192xf32>
  %state = memref.expand_shape %gv [[0, 1]] output_shape [256, 32] : memref<8192xf32> into memref<256x32xf32>
  %zero = arith.constant dense<0.0> : vector<32xf32>
  %r = scf.for %k = %c0 to %c32 step %c1 iter_args(%acc = %zero) -> vector<32xf32> {
    %v0 = vector.transfer_read %small[%k, %c0], %f0 {in_bounds = [true]} : memref<32x32xf32>, vector<32xf32>
    %v1 = vector.transfer_read %state[%k, %c0], %f0 {in_bounds = [true]} : memref<256x32xf32>, vector<32xf32>
    %v2 = vector.transfer_read %arg[%k, %c0], %f0 {in_bounds = [true]} : memref<256x32xf32>, vector<32xf32>
    %f = vector.fma %v0, %v1, %acc : vector<32xf32>
    %g = vector.fma %v2, %v2, %f : vector<32xf32>
    scf.yield %g : vector<32xf32>
  }
  %gw = memref.get_global @w2 : memref<8192xf32>
  %w = memref.expand_shape %gw [[0, 1]] output_shape [256, 32] : memref<8192xf32> into memref<256x32xf32>
  scf.for %k = %c0 to %c32 step %c1 {
    %v = vector.transfer_read %w[%k, %c0], %f0 {in_bounds = [true]} : memref<256x32xf32>, vector<32xf32>
    vector.transfer_write %v, %out[%c0] {in_bounds = [true]} : vector<32xf32>, memref<32xf32>
  }
  vector.transfer_write %r, %out[%c0] {in_bounds = [true]} : vector<32xf32>, memref<32xf32>
  return
}
memref.global "private" constant @w2 : memref<8192xf32> = dense<1.0>
