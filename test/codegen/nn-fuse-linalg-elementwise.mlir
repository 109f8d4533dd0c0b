// RUN: %nn-opt %s -nn-fuse-linalg-elementwise | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#a = affine_map<(d0, d1, d2) -> (d0, d2)>
#b = affine_map<(d0, d1, d2) -> (d2, d1)>
#c = affine_map<(d0, d1, d2) -> (d0, d1)>

// An elementwise chain becomes one generic.
// CHECK-LABEL: func.func @chain
// CHECK:       linalg.generic
// CHECK:         arith.mulf
// CHECK:         math.exp
// CHECK-NOT:   linalg.generic
func.func @chain(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %in, %in : f32
    linalg.yield %m : f32
  } -> tensor<4x8xf32>
  %1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%0 : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = math.exp %in : f32
    linalg.yield %m : f32
  } -> tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}

// Must not fire: a scale feeding a matmul-like generic stays its own generic,
// so the contraction keeps its multiply-accumulate body.
// CHECK-LABEL: func.func @scale_into_contraction
// CHECK:       %[[S:.*]] = linalg.generic
// CHECK:         arith.divf
// CHECK:       linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]{{.*}} ins(%[[S]],
// CHECK-NEXT:  ^bb0
// CHECK-NEXT:    arith.mulf
// CHECK-NEXT:    arith.addf
func.func @scale_into_contraction(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %c8 = arith.constant 8.0 : f32
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %d = arith.divf %in, %c8 : f32
    linalg.yield %d : f32
  } -> tensor<4x8xf32>
  %zero = arith.constant 0.0 : f32
  %ce = tensor.empty() : tensor<4x16xf32>
  %init = linalg.fill ins(%zero : f32) outs(%ce : tensor<4x16xf32>) -> tensor<4x16xf32>
  %1 = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%0, %w : tensor<4x8xf32>, tensor<8x16xf32>) outs(%init : tensor<4x16xf32>) {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<4x16xf32>
  return %1 : tensor<4x16xf32>
}

// Must not fire: the reshape of a matmul's result is not folded into the
// matmul (that would give it an extra, non-row-major dimension).
// CHECK-LABEL: func.func @reshape_of_matmul
// CHECK:       %[[M:.*]] = linalg.matmul
// CHECK:       tensor.expand_shape %[[M]]
func.func @reshape_of_matmul(%x: tensor<8x4xf32>, %w: tensor<4x6xf32>) -> tensor<2x4x6xf32> {
  %zero = arith.constant 0.0 : f32
  %ce = tensor.empty() : tensor<8x6xf32>
  %init = linalg.fill ins(%zero : f32) outs(%ce : tensor<8x6xf32>) -> tensor<8x6xf32>
  %0 = linalg.matmul ins(%x, %w : tensor<8x4xf32>, tensor<4x6xf32>) outs(%init : tensor<8x6xf32>) -> tensor<8x6xf32>
  %1 = tensor.expand_shape %0 [[0, 1], [2]] output_shape [2, 4, 6] : tensor<8x6xf32> into tensor<2x4x6xf32>
  return %1 : tensor<2x4x6xf32>
}

// Must not fire: the collapsed copy feeding a named linalg.contract stays a
// separate generic + collapse_shape, and the contraction keeps its single
// K loop (upstream would expand K into (k0, k1) and fuse the copy in).
#src = affine_map<(d0, d1, d2) -> (d1, d0, d2)>
#dst = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
// CHECK-LABEL: func.func @contract_operand
// CHECK:       %[[COPY:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<4x3x6xf32>)
// CHECK:       %[[COL:.*]] = tensor.collapse_shape %[[COPY]] {{.*}} into tensor<4x18xf32>
// CHECK:       linalg.contract {{.*}} ins(%[[COL]], %{{.*}} : tensor<4x18xf32>, tensor<18x5xf32>)
func.func @contract_operand(%x: tensor<3x4x6xf32>, %w: tensor<18x5xf32>) -> tensor<4x5xf32> {
  %e = tensor.empty() : tensor<4x3x6xf32>
  %t = linalg.generic {indexing_maps = [#src, #dst], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x : tensor<3x4x6xf32>) outs(%e : tensor<4x3x6xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  } -> tensor<4x3x6xf32>
  %c = tensor.collapse_shape %t [[0], [1, 2]] : tensor<4x3x6xf32> into tensor<4x18xf32>
  %zero = arith.constant 0.0 : f32
  %o = tensor.empty() : tensor<4x5xf32>
  %init = linalg.fill ins(%zero : f32) outs(%o : tensor<4x5xf32>) -> tensor<4x5xf32>
  %r = linalg.contract indexing_maps = [#ma, #mb, #mc]
      ins(%c, %w : tensor<4x18xf32>, tensor<18x5xf32>) outs(%init : tensor<4x5xf32>) -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// Must not fire either: a flattened [N, C*H*W] operand of a gemm-shaped
// generic (mul-add over one K loop) keeps its collapse_shape, so the gemm
// keeps its single K loop (upstream expands K into (c, h, w)).
#p4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ga = affine_map<(m, n, k) -> (m, k)>
#gb = affine_map<(m, n, k) -> (n, k)>
#gc = affine_map<(m, n, k) -> (m, n)>
// CHECK-LABEL: func.func @gemm_operand
// CHECK:       %[[R:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<2x4x3x3xf32>)
// CHECK:       %[[F:.*]] = tensor.collapse_shape %[[R]] {{.*}} into tensor<2x36xf32>
// CHECK:       linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[F]], %arg1 : tensor<2x36xf32>, tensor<5x36xf32>)
func.func @gemm_operand(%x: tensor<2x4x3x3xf32>, %w: tensor<5x36xf32>) -> tensor<2x5xf32> {
  %e = tensor.empty() : tensor<2x4x3x3xf32>
  %zero = arith.constant 0.0 : f32
  %r = linalg.generic {indexing_maps = [#p4, #p4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x : tensor<2x4x3x3xf32>) outs(%e : tensor<2x4x3x3xf32>) {
  ^bb0(%v: f32, %o: f32):
    %m = arith.maximumf %v, %zero : f32
    linalg.yield %m : f32
  } -> tensor<2x4x3x3xf32>
  %f = tensor.collapse_shape %r [[0], [1, 2, 3]] : tensor<2x4x3x3xf32> into tensor<2x36xf32>
  %o = tensor.empty() : tensor<2x5xf32>
  %init = linalg.fill ins(%zero : f32) outs(%o : tensor<2x5xf32>) -> tensor<2x5xf32>
  %g = linalg.generic {indexing_maps = [#ga, #gb, #gc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%f, %w : tensor<2x36xf32>, tensor<5x36xf32>) outs(%init : tensor<2x5xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %c, %p : f32
    linalg.yield %s : f32
  } -> tensor<2x5xf32>
  return %g : tensor<2x5xf32>
}
