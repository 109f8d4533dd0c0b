// RUN: %nn-opt %s -convert-nn-to-linalg -split-input-file | FileCheck %s

// A reduction iterates over the whole input and accumulates into a filled
// tensor of the kept dims; keepdims expands the unit dims back.
// CHECK-DAG: #[[ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[KEPT:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @reduce_sum_keepdims
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[D:.*]] = tensor.dim %{{.*}}, %{{.*}} : tensor<?x8x4xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[D]]) : tensor<?x4xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<?x4xf32>)
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID3]], #[[KEPT]]], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK-SAME: outs(%[[F]] : tensor<?x4xf32>)
// CHECK: arith.addf
// CHECK: tensor.expand_shape %[[R]] {{\[\[}}0], [1, 2]] {{.*}} : tensor<?x4xf32> into tensor<?x1x4xf32>
// CHECK-NOT: nn.
func.func @reduce_sum_keepdims(%x: tensor<?x8x4xf32>) -> tensor<?x1x4xf32> {
  %0 = nn.reduce sum %x {axes = array<i64: 1>} : tensor<?x8x4xf32> -> tensor<?x1x4xf32>
  return %0 : tensor<?x1x4xf32>
}

// -----

// mean divides by the product of the reduced extents; no keepdims means no
// expand_shape.
// CHECK-LABEL: func.func @reduce_mean
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "reduction"]
// CHECK: arith.addf
// CHECK: %[[N:.*]] = arith.sitofp %{{.*}} : i64 to f32
// CHECK: linalg.generic
// CHECK: arith.divf %{{.*}}, %[[N]]
// CHECK-NOT: tensor.expand_shape
func.func @reduce_mean(%x: tensor<?x8x4xf32>) -> tensor<?xf32> {
  %0 = nn.reduce mean %x {axes = array<i64: 1, -1>, keepdims = false} : tensor<?x8x4xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// max starts at -inf, integer min at the largest i32; empty axes reduce all
// dims into a rank-0 tensor.
// CHECK-LABEL: func.func @reduce_max_min
// CHECK: arith.constant 0xFF800000 : f32
// CHECK: linalg.fill {{.*}} -> tensor<f32>
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "reduction", "reduction"]
// CHECK: arith.maximumf
// CHECK: tensor.expand_shape {{.*}} [] {{.*}} : tensor<f32> into tensor<1x1x1xf32>
// CHECK: arith.constant 2147483647 : i32
// CHECK: arith.minsi
func.func @reduce_max_min(%x: tensor<?x8x4xf32>, %i: tensor<4x8xi32>) -> (tensor<1x1x1xf32>, tensor<4xi32>) {
  %0 = nn.reduce max %x : tensor<?x8x4xf32> -> tensor<1x1x1xf32>
  %1 = nn.reduce min %i {axes = array<i64: -1>, keepdims = false} : tensor<4x8xi32> -> tensor<4xi32>
  return %0, %1 : tensor<1x1x1xf32>, tensor<4xi32>
}

// -----

// argmax: one generic, two accumulators (value, i64 index from linalg.index);
// ties keep the first (strict >) or, with select_last_index, the last (>=).
// CHECK-LABEL: func.func @argmax
// CHECK: %[[G:.*]]:2 = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK-SAME: outs(%{{.*}}, %{{.*}} : tensor<?xf32>, tensor<?xi64>)
// CHECK: arith.cmpf ogt
// CHECK: linalg.index 1
// CHECK: arith.index_cast {{.*}} : index to i64
// CHECK: return %[[G]]#1
// CHECK-LABEL: func.func @argmin_last
// CHECK: arith.cmpi sle
// CHECK: tensor.expand_shape {{.*}} : tensor<3x4xi64> into tensor<3x4x1xi64>
func.func @argmax(%x: tensor<?x10xf32>) -> tensor<?xi64> {
  %0 = nn.argmax %x {axis = 1 : i64, keepdims = false} : tensor<?x10xf32> -> tensor<?xi64>
  return %0 : tensor<?xi64>
}
func.func @argmin_last(%i: tensor<3x4x5xi32>) -> tensor<3x4x1xi64> {
  %0 = nn.argmin %i {axis = -1 : i64, select_last_index = true} : tensor<3x4x5xi32> -> tensor<3x4x1xi64>
  return %0 : tensor<3x4x1xi64>
}

// -----

// softmax: max, then e = exp(x - max) once, then sum(e), then 1 / sum per
// row, then e * (1 / sum), the statistics read back through (d0, d1) -> (d0).
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @softmax
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK: arith.maximumf
// CHECK: %[[E:.*]] = linalg.generic {indexing_maps = [#{{.*}}, #[[ROW]], #{{.*}}], iterator_types = ["parallel", "parallel"]}
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: %[[S:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[E]] :
// CHECK-NOT: math.exp
// CHECK: arith.addf
// CHECK: %[[R:.*]] = linalg.generic {{.*}} iterator_types = ["parallel"]} ins(%[[S]] :
// CHECK: arith.divf %cst{{.*}}, %{{.*}} : f32
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[ROW]], #{{.*}}], iterator_types = ["parallel", "parallel"]} ins(%[[E]], %[[R]] :
// CHECK-NOT: math.exp
// CHECK-NOT: arith.divf
// CHECK: arith.mulf
// CHECK-LABEL: func.func @log_softmax
// CHECK: math.log
// CHECK-NOT: arith.divf
func.func @softmax(%x: tensor<?x10xf32>) -> tensor<?x10xf32> {
  %0 = nn.softmax %x : tensor<?x10xf32> -> tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}
func.func @log_softmax(%x: tensor<?x10xf32>) -> tensor<?x10xf32> {
  %0 = nn.log_softmax %x {axis = 1 : i64} : tensor<?x10xf32> -> tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}

// -----

// batch_norm: one elementwise generic, parameters read per channel (d1).
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @batch_norm
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[CH]], #[[CH]], #[[CH]], #[[CH]], #{{.*}}]
// CHECK: arith.constant 1.000000e-03 : f32
// CHECK: math.rsqrt
// CHECK-NOT: linalg.generic
func.func @batch_norm(%x: tensor<?x3x8x8xf32>, %c: tensor<3xf32>) -> tensor<?x3x8x8xf32> {
  %0 = nn.batch_norm %x, %c, %c, %c, %c {epsilon = 1.0e-3 : f64}
      : (tensor<?x3x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x3x8x8xf32>
  return %0 : tensor<?x3x8x8xf32>
}

// -----

// layer_norm over [1, 3): mean, variance around it, then the normalization
// reading the statistics per row and scale/bias trailing-aligned.
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-DAG: #[[LAST:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-LABEL: func.func @layer_norm
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "reduction"]
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "reduction"]
// CHECK: arith.mulf
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[ROW]], #[[ROW]], #[[LAST]], #[[LAST]], #{{.*}}]
// CHECK: math.rsqrt
func.func @layer_norm(%x: tensor<?x128x768xf32>, %g: tensor<768xf32>) -> tensor<?x128x768xf32> {
  %0 = nn.layer_norm %x, %g, %g {axis = -2 : i64}
      : (tensor<?x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<?x128x768xf32>
  return %0 : tensor<?x128x768xf32>
}

// -----

// instance_norm reduces the spatial dims per (n, c).
// CHECK-DAG: #[[NC:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @instance_norm
// CHECK: iterator_types = ["parallel", "parallel", "reduction", "reduction"]
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[NC]], #[[NC]], #[[CH]], #[[CH]], #{{.*}}]
func.func @instance_norm(%x: tensor<?x3x16x16xf32>, %c: tensor<3xf32>) -> tensor<?x3x16x16xf32> {
  %0 = nn.instance_norm %x, %c, %c
      : (tensor<?x3x16x16xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x3x16x16xf32>
  return %0 : tensor<?x3x16x16xf32>
}

// -----

// nll gathers the target's score with tensor.extract at (n, t, d); an
// ignored label reads class 0 and weighs 0; mean divides the summed loss by
// the summed applied weights.
// CHECK-LABEL: func.func @nll_mean
// CHECK: %[[S:.*]]:2 = linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]
// CHECK: arith.cmpi ne
// CHECK: linalg.index 0
// CHECK: tensor.extract %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}] : tensor<?x5x7xf32>
// CHECK: tensor.extract %{{.*}}[%{{.*}}] : tensor<5xf32>
// CHECK: linalg.generic {{.*}} ins(%[[S]]#0, %[[S]]#1 : tensor<f32>, tensor<f32>)
// CHECK: arith.divf
// CHECK-LABEL: func.func @nll_none
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-NOT: iterator_types = ["reduction"
func.func @nll_mean(%lp: tensor<?x5x7xf32>, %t: tensor<?x7xi64>, %w: tensor<5xf32>) -> tensor<f32> {
  %0 = nn.nll %lp, %t, %w {ignore_index = -1 : i64} : (tensor<?x5x7xf32>, tensor<?x7xi64>, tensor<5xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @nll_none(%lp: tensor<?x5x7xf32>, %t: tensor<?x7xi64>) -> tensor<?x7xf32> {
  %0 = nn.nll %lp, %t {reduction = #nn<reduction none>} : (tensor<?x5x7xf32>, tensor<?x7xi64>) -> tensor<?x7xf32>
  return %0 : tensor<?x7xf32>
}

// -----

// softmax_cross_entropy is nll of log_softmax over dim 1.
// CHECK-LABEL: func.func @softmax_cross_entropy
// CHECK: arith.maximumf
// CHECK: math.exp
// CHECK: math.log
// CHECK: tensor.extract
// CHECK-NOT: nn.
func.func @softmax_cross_entropy(%x: tensor<?x10xf32>, %l: tensor<?xi64>) -> tensor<f32> {
  %0 = nn.softmax_cross_entropy %x, %l {ignore_index = -100 : i64} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// mse: (p - t)^2 then sum / count; bce from logits uses the stable
// max(x, 0) - x y + log1p(exp(-|x|)).
// CHECK-LABEL: func.func @mse
// CHECK: arith.subf
// CHECK: arith.mulf
// CHECK: iterator_types = ["reduction", "reduction"]
// CHECK: arith.divf
// CHECK-LABEL: func.func @bce_logits
// CHECK: math.absf
// CHECK: math.log1p
// CHECK-NOT: {{math.log }}
func.func @mse(%p: tensor<?x10xf32>, %t: tensor<?x10xf32>) -> tensor<f32> {
  %0 = nn.mse %p, %t : (tensor<?x10xf32>, tensor<?x10xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @bce_logits(%z: tensor<?x4xf32>, %t: tensor<?x4xf32>, %w: tensor<4xf32>) -> tensor<f32> {
  %0 = nn.bce %z, %t, %w {from_logits = true} : (tensor<?x4xf32>, tensor<?x4xf32>, tensor<4xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// A rank-0 input reduces over nothing: nn.reduce's folder forwards it
// during the conversion, so no loop is built.
// CHECK-LABEL: func.func @reduce_scalar(
// CHECK-SAME: %[[S:.*]]: tensor<f32>
// CHECK-NOT: linalg.generic
// CHECK: return %[[S]]
func.func @reduce_scalar(%s: tensor<f32>) -> tensor<f32> {
  %0 = nn.reduce prod %s : tensor<f32> -> tensor<f32>
  return %0 : tensor<f32>
}
