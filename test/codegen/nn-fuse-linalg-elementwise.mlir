// RUN: %nn-opt %s --split-input-file --nn-fuse-linalg-elementwise | FileCheck %s

// Fires: exp then * 2, one producer-consumer chain -> one generic.
// CHECK-LABEL: func.func @chain
// CHECK: linalg.generic
// CHECK: math.exp
// CHECK: arith.mulf
// CHECK-NOT: linalg.generic
func.func @chain(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %c2 = arith.constant 2.0 : f32
  %e = tensor.empty() : tensor<4x8xf32>
  %a = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.exp %in : f32
    linalg.yield %v : f32
  } -> tensor<4x8xf32>
  %b = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.mulf %in, %c2 : f32
    linalg.yield %v : f32
  } -> tensor<4x8xf32>
  return %b : tensor<4x8xf32>
}

// -----

// Must not fire: q / 4 feeding q @ k stays its own generic (fused, the
// division would run once per multiply-add and the matmul would no longer
// be a contraction); the matmul keeps its plain mul-add body.
// CHECK-LABEL: func.func @scaled_matmul
// CHECK: %[[Q:.*]] = linalg.generic
// CHECK: arith.divf
// CHECK: linalg.generic {{.*}} ins(%[[Q]], %{{.*}} : tensor<10x16xf32>, tensor<16x10xf32>)
// CHECK-NEXT: ^bb0
// CHECK-NEXT: arith.mulf
// CHECK-NEXT: arith.addf
func.func @scaled_matmul(%q: tensor<10x16xf32>, %k: tensor<16x10xf32>) -> tensor<10x10xf32> {
  %c4 = arith.constant 4.0 : f32
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<10x16xf32>
  %s = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%q : tensor<10x16xf32>) outs(%e : tensor<10x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.divf %in, %c4 : f32
    linalg.yield %v : f32
  } -> tensor<10x16xf32>
  %e2 = tensor.empty() : tensor<10x10xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e2 : tensor<10x10xf32>) -> tensor<10x10xf32>
  %m = linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, k)>, affine_map<(i, j, k) -> (k, j)>, affine_map<(i, j, k) -> (i, j)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%s, %k : tensor<10x16xf32>, tensor<16x10xf32>) outs(%f : tensor<10x10xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %r = arith.addf %acc, %p : f32
    linalg.yield %r : f32
  } -> tensor<10x10xf32>
  return %m : tensor<10x10xf32>
}
