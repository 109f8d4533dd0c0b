// RUN: %nn-opt %s -split-input-file -nn-cpu-vectorize-reductions | FileCheck %s

// A row max (a softmax's first step) outside any loop: one scf.forall over
// the rows, each row one 128-lane read, 8 x 16 lanes combined pairwise, then
// halves by shuffles down to one lane, then the accumulator.
// CHECK-LABEL: func.func @row_max
// CHECK:       scf.forall (%{{.*}}) in (32)
// CHECK:         vector.transfer_read {{.*}} : tensor<1x128xf32>, vector<1x128xf32>
// CHECK:         vector.shape_cast {{.*}} : vector<1x128xf32> to vector<128xf32>
// CHECK-COUNT-8: vector.extract_strided_slice {{.*}} sizes = [16]
// CHECK-COUNT-7: arith.maximumf {{.*}} : vector<16xf32>
// CHECK:         vector.shuffle {{.*}} [8, 9, 10, 11, 12, 13, 14, 15]
// CHECK:         arith.maximumf {{.*}} : vector<8xf32>
// CHECK:         arith.maximumf {{.*}} : vector<1xf32>
// CHECK:         arith.maximumf {{.*}} : f32
// CHECK-NOT:     vector.multi_reduction
// CHECK:         tensor.parallel_insert_slice
func.func @row_max(%x: tensor<32x128xf32>) -> tensor<32xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<32xf32>
  %i = linalg.fill ins(%ninf : f32) outs(%e : tensor<32xf32>) -> tensor<32xf32>
  %m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<32x128xf32>) outs(%i : tensor<32xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.maximumf %a, %o : f32
    linalg.yield %r : f32
  } -> tensor<32xf32>
  return %m : tensor<32xf32>
}

// -----

// A softmax's sum of exponentials inside a fused kernel's tile loop: the
// rows are a sequential scf.for; the row statistic (max) is broadcast along
// the row; the body (subf, exp) in vector arithmetic. A 24-wide row uses
// 8-lane parts. The unit loop is not tiled.
// CHECK-LABEL: func.func @sum_exp_in_loop
// CHECK:       scf.forall
// CHECK:         scf.for %{{.*}} = %c0 to %c64 step %c1
// CHECK:           arith.subf {{.*}} : vector<1x1x24xf32>
// CHECK:           math.exp {{.*}} : vector<1x1x24xf32>
// CHECK-COUNT-3:   vector.extract_strided_slice {{.*}} sizes = [8]
// CHECK:           arith.addf {{.*}} : vector<8xf32>
// CHECK-NOT:     vector.multi_reduction
func.func @sum_exp_in_loop(%x: tensor<4x64x24xf32>, %mx: tensor<4x64xf32>) -> tensor<4x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x64xf32>
  %r = scf.forall (%t) in (4) shared_outs(%o = %e) -> (tensor<4x64xf32>) {
    %xs = tensor.extract_slice %x[%t, 0, 0] [1, 64, 24] [1, 1, 1] : tensor<4x64x24xf32> to tensor<1x64x24xf32>
    %ms = tensor.extract_slice %mx[%t, 0] [1, 64] [1, 1] : tensor<4x64xf32> to tensor<1x64xf32>
    %os = tensor.extract_slice %o[%t, 0] [1, 64] [1, 1] : tensor<4x64xf32> to tensor<1x64xf32>
    %i = linalg.fill ins(%zero : f32) outs(%os : tensor<1x64xf32>) -> tensor<1x64xf32>
    %s = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%xs, %ms : tensor<1x64x24xf32>, tensor<1x64xf32>) outs(%i : tensor<1x64xf32>) {
    ^bb0(%a: f32, %m: f32, %acc: f32):
      %d = arith.subf %a, %m : f32
      %x2 = math.exp %d : f32
      %y = arith.addf %x2, %acc : f32
      linalg.yield %y : f32
    } -> tensor<1x64xf32>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %s into %o[%t, 0] [1, 64] [1, 1] : tensor<1x64xf32> into tensor<4x64xf32>
    }
  } {nn.fused_kernel}
  return %r : tensor<4x64xf32>
}

// -----

// A 1024-long row: tiled by 256 (a sequential loop over the chunks, each
// adding into the row's accumulator), each chunk a 256-lane vector.
// CHECK-LABEL: func.func @long_row_sum
// CHECK:       scf.for
// CHECK:         scf.for {{.*}} step %c256
// CHECK:           vector.transfer_read {{.*}} vector<1x256xf32>
// CHECK-COUNT-16:  vector.extract_strided_slice {{.*}} sizes = [16]
// CHECK-NOT:     vector.multi_reduction
func.func @long_row_sum(%x: tensor<8x1024xf32>, %init: tensor<8xf32>) -> tensor<8xf32> {
  %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<8x1024xf32>) outs(%init : tensor<8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.addf %a, %o : f32
    linalg.yield %r : f32
  } -> tensor<8xf32>
  return %s : tensor<8xf32>
}

// -----

// A fused kernel's last partial tile (a dynamic number of rows of a static
// length): rows of 1 make it static.
// CHECK-LABEL: func.func @dynamic_rows
// CHECK:       scf.for
// CHECK:         vector.transfer_read {{.*}} : tensor<1x64xf32>, vector<1x64xf32>
// CHECK:         arith.addf {{.*}} : vector<16xf32>
// CHECK-NOT:   linalg.generic
func.func @dynamic_rows(%x: tensor<?x64xf32>, %init: tensor<?xf32>) -> tensor<?xf32> {
  %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<?x64xf32>) outs(%init : tensor<?xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.addf %a, %o : f32
    linalg.yield %r : f32
  } -> tensor<?xf32>
  return %s : tensor<?xf32>
}

// -----

// Must not fire: a reduction over an outer loop (column sums: the rows are
// not contiguous), a row of 20 (no multiple of 8), f64, and an elementwise
// generic.
// CHECK-LABEL: func.func @not_row_reductions
// CHECK-NOT:   vector.
// CHECK-NOT:   scf.for
// CHECK-COUNT-4: linalg.generic
func.func @not_row_reductions(%x: tensor<32x128xf32>, %c: tensor<128xf32>, %y: tensor<8x20xf32>, %r: tensor<8xf32>, %z: tensor<8x16xf64>, %rz: tensor<8xf64>) -> (tensor<128xf32>, tensor<8xf32>, tensor<8xf64>, tensor<32x128xf32>) {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<32x128xf32>) outs(%c : tensor<128xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %a, %o : f32
    linalg.yield %s : f32
  } -> tensor<128xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%y : tensor<8x20xf32>) outs(%r : tensor<8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %a, %o : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  %2 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%z : tensor<8x16xf64>) outs(%rz : tensor<8xf64>) {
  ^bb0(%a: f64, %o: f64):
    %s = arith.addf %a, %o : f64
    linalg.yield %s : f64
  } -> tensor<8xf64>
  %3 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<32x128xf32>) outs(%x : tensor<32x128xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.mulf %a, %a : f32
    linalg.yield %s : f32
  } -> tensor<32x128xf32>
  return %0, %1, %2, %3 : tensor<128xf32>, tensor<8xf32>, tensor<8xf64>, tensor<32x128xf32>
}
