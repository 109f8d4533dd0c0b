// RUN: %nn-opt %s -convert-nn-to-linalg -split-input-file | FileCheck %s

// Constants become arith.constant, dense and dense_resource alike.
// CHECK-LABEL: func.func @constant
// CHECK: arith.constant dense<1.000000e+00> : tensor<2x2xf32>
// CHECK: arith.constant dense_resource<blob> : tensor<2xf32>
// CHECK-NOT: nn.
func.func @constant() -> (tensor<2x2xf32>, tensor<2xf32>) {
  %0 = nn.constant dense<1.0> : tensor<2x2xf32>
  %1 = nn.constant dense_resource<blob> : tensor<2xf32>
  return %0, %1 : tensor<2x2xf32>, tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      blob: "0x040000000000803F00000040"
    }
  }
#-}

// -----

// A reshape that merges or splits neighbouring extents is a collapse or an
// expand; the dynamic extent of an expand is the source extent over the
// static ones of its group.
// CHECK-LABEL: func.func @reshape_collapse_expand
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2]] : tensor<?x3x4xf32> into tensor<?x12xf32>
// CHECK: %[[D:.*]] = tensor.dim %{{.*}}, %c0 : tensor<?x12xf32>
// CHECK: %[[N:.*]] = arith.ceildivsi %[[D]], %c2
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2]] output_shape [%[[N]], 2, 12] : tensor<?x12xf32> into tensor<?x2x12xf32>
func.func @reshape_collapse_expand(%x: tensor<?x3x4xf32>) -> tensor<?x2x12xf32> {
  %0 = nn.reshape %x : tensor<?x3x4xf32> -> tensor<?x12xf32>
  %1 = nn.reshape %0 : tensor<?x12xf32> -> tensor<?x2x12xf32>
  return %1 : tensor<?x2x12xf32>
}

// -----

// Otherwise tensor.reshape with a shape tensor; its dynamic entry is the
// element count (product of the extents) over the static result extents.
// CHECK-LABEL: func.func @reshape_general
// CHECK: %[[D:.*]] = tensor.dim %{{.*}}, %c0 : tensor<?x6xf32>
// CHECK: %[[C:.*]] = arith.muli %[[D]], %c6
// CHECK: %[[N:.*]] = arith.ceildivsi %[[C]], %c4
// CHECK: %[[S:.*]] = tensor.from_elements %[[N]], %c4{{.*}} : tensor<2xindex>
// CHECK: tensor.reshape %{{.*}}(%[[S]]) : (tensor<?x6xf32>, tensor<2xindex>) -> tensor<?x4xf32>
func.func @reshape_general(%x: tensor<?x6xf32>) -> tensor<?x4xf32> {
  %0 = nn.reshape %x : tensor<?x6xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// A static same-rank reshape (attention's slice split into heads): a
// collapse to the extents where both running products agree, then an
// expand; no tensor.reshape (which needs a contiguous source: a strided
// slice was copied first). [2, 3, 4] -> [3, 2, 4] has no common extent but
// the last: collapse [6, 4], expand.
// CHECK-LABEL: func.func @reshape_static_same_rank
// CHECK: %[[C:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2]] : tensor<128x1x256xf32> into tensor<128x256xf32>
// CHECK: tensor.expand_shape %[[C]] {{\[}}[0], [1, 2]] output_shape [128, 4, 64] : tensor<128x256xf32> into tensor<128x4x64xf32>
// CHECK: %[[D:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
// CHECK: tensor.expand_shape %[[D]] {{\[}}[0, 1], [2]] output_shape [3, 2, 4] : tensor<6x4xf32> into tensor<3x2x4xf32>
// CHECK-NOT: tensor.reshape
func.func @reshape_static_same_rank(%x: tensor<128x1x256xf32>, %y: tensor<2x3x4xf32>) -> (tensor<128x4x64xf32>, tensor<3x2x4xf32>) {
  %0 = nn.reshape %x : tensor<128x1x256xf32> -> tensor<128x4x64xf32>
  %1 = nn.reshape %y : tensor<2x3x4xf32> -> tensor<3x2x4xf32>
  return %0, %1 : tensor<128x4x64xf32>, tensor<3x2x4xf32>
}

// -----

// Dynamic extents in different groups are not a collapse: the two `?` here
// are equal, so it is a general reshape.
// CHECK-LABEL: func.func @reshape_not_collapse
// CHECK-NOT: tensor.collapse_shape
// CHECK: tensor.reshape
func.func @reshape_not_collapse(%x: tensor<?x2x2xf32>) -> tensor<4x?xf32> {
  %0 = nn.reshape %x : tensor<?x2x2xf32> -> tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}

// -----

// CHECK-LABEL: func.func @squeeze_unsqueeze
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2]] : tensor<?x1x8xf32> into tensor<?x8xf32>
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2, 3]] output_shape [1, %{{.*}}, 8, 1] : tensor<?x8xf32> into tensor<1x?x8x1xf32>
func.func @squeeze_unsqueeze(%x: tensor<?x1x8xf32>) -> tensor<1x?x8x1xf32> {
  %0 = nn.squeeze %x {axes = array<i64: 1>} : tensor<?x1x8xf32> -> tensor<?x8xf32>
  %1 = nn.unsqueeze %0 {axes = array<i64: 0, -1>} : tensor<?x8xf32> -> tensor<1x?x8x1xf32>
  return %1 : tensor<1x?x8x1xf32>
}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK: %[[D:.*]] = tensor.dim %{{.*}}, %c0 : tensor<?x3x4xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[D]]) : tensor<4x?x3xf32>
// CHECK: linalg.transpose ins(%{{.*}} : tensor<?x3x4xf32>) outs(%[[E]] : tensor<4x?x3xf32>) permutation = [2, 0, 1]
func.func @transpose(%x: tensor<?x3x4xf32>) -> tensor<4x?x3xf32> {
  %0 = nn.transpose %x {perm = array<i64: 2, 0, 1>} : tensor<?x3x4xf32> -> tensor<4x?x3xf32>
  return %0 : tensor<4x?x3xf32>
}

// -----

// Concat: one insert_slice per operand, the second at the first's extent.
// CHECK-LABEL: func.func @concat
// CHECK-SAME: (%[[A:.*]]: tensor<2x?xf32>, %[[B:.*]]: tensor<2x3xf32>)
// CHECK: %[[D:.*]] = tensor.dim %[[A]], %c1
// CHECK: %[[T:.*]] = arith.addi %[[D]], %c3
// CHECK: %[[E:.*]] = tensor.empty(%[[T]]) : tensor<2x?xf32>
// CHECK: %[[I:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0] [2, %[[D]]] [1, 1]
// CHECK: tensor.insert_slice %[[B]] into %[[I]][0, %[[D]]] [2, 3] [1, 1]
func.func @concat(%a: tensor<2x?xf32>, %b: tensor<2x3xf32>) -> tensor<2x?xf32> {
  %0 = nn.concat %a, %b {axis = -1 : i64} : (tensor<2x?xf32>, tensor<2x3xf32>) -> tensor<2x?xf32>
  return %0 : tensor<2x?xf32>
}

// -----

// Positive steps: extract_slice with the clamped start (INT64_MAX end means
// "to the end").
// CHECK-LABEL: func.func @slice
// CHECK: tensor.extract_slice %{{.*}}[0, 1] [4, 5] [1, 2] : tensor<4x10xf32> to tensor<4x5xf32>
func.func @slice(%x: tensor<4x10xf32>) -> tensor<4x5xf32> {
  %0 = nn.slice %x {starts = array<i64: 1>, ends = array<i64: 9223372036854775807>, axes = array<i64: 1>, steps = array<i64: 2>} : tensor<4x10xf32> -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// A negative step reads in[start + i * step] in a generic; dynamic extents
// clamp at run time.
// CHECK-LABEL: func.func @slice_reverse
// CHECK: %[[D:.*]] = tensor.dim
// CHECK: arith.minsi
// CHECK: linalg.generic
// CHECK: %[[I:.*]] = linalg.index 0
// CHECK: %[[J:.*]] = arith.muli %[[I]], %c-1
// CHECK: arith.addi %[[J]]
// CHECK: tensor.extract
func.func @slice_reverse(%x: tensor<?xf32>) -> tensor<?xf32> {
  %0 = nn.slice %x {starts = array<i64: -1>, ends = array<i64: -9223372036854775807>, steps = array<i64: -1>} : tensor<?xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// CHECK-LABEL: func.func @split
// CHECK: tensor.extract_slice %{{.*}}[0, 0] [%{{.*}}, 2] [1, 1] : tensor<?x8xf32> to tensor<?x2xf32>
// CHECK: tensor.extract_slice %{{.*}}[0, 2] [%{{.*}}, 6] [1, 1] : tensor<?x8xf32> to tensor<?x6xf32>
func.func @split(%x: tensor<?x8xf32>) -> (tensor<?x2xf32>, tensor<?x6xf32>) {
  %a, %b = nn.split %x {axis = 1 : i64, sizes = array<i64: 2, 6>} : tensor<?x8xf32> -> tensor<?x2xf32>, tensor<?x6xf32>
  return %a, %b : tensor<?x2xf32>, tensor<?x6xf32>
}

// -----

// CHECK-DAG: #[[BC:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-LABEL: func.func @broadcast
// CHECK: linalg.generic {indexing_maps = [#[[BC]], #{{.*}}]
func.func @broadcast(%x: tensor<4x1xf32>) -> tensor<2x4x8xf32> {
  %0 = nn.broadcast %x : tensor<4x1xf32> -> tensor<2x4x8xf32>
  return %0 : tensor<2x4x8xf32>
}

// -----

// Tile reads in[i mod extent] on repeated axes only.
// CHECK-LABEL: func.func @tile
// CHECK: %[[D:.*]] = tensor.dim %{{.*}}, %c0
// CHECK: %[[N:.*]] = arith.muli %[[D]], %c3
// CHECK: tensor.empty(%[[N]]) : tensor<?x4xf32>
// CHECK: linalg.generic
// CHECK: %[[I:.*]] = linalg.index 0
// CHECK: %[[J:.*]] = linalg.index 1
// CHECK: %[[R:.*]] = arith.remui %[[I]], %[[D]]
// CHECK: tensor.extract %{{.*}}[%[[R]], %[[J]]]
func.func @tile(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = nn.tile %x {repeats = array<i64: 3, 1>} : tensor<?x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @trilu
// CHECK: linalg.generic
// CHECK: %[[I:.*]] = linalg.index 1
// CHECK: %[[J:.*]] = linalg.index 2
// CHECK: %[[D:.*]] = arith.subi %[[J]], %[[I]]
// CHECK: arith.cmpi sle, %[[D]], %c-1
// CHECK: arith.select
func.func @trilu(%x: tensor<?x4x4xf32>) -> tensor<?x4x4xf32> {
  %0 = nn.trilu %x {upper = false, k = -1 : i64} : tensor<?x4x4xf32> -> tensor<?x4x4xf32>
  return %0 : tensor<?x4x4xf32>
}

// -----

// Gather: the indices operand is read through a map onto the result's
// middle dimensions; a negative index wraps, then clamps into the extent.
// CHECK-DAG: #[[IND:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func.func @gather
// CHECK: linalg.generic {indexing_maps = [#[[IND]], #{{.*}}]
// CHECK: ^bb0(%[[RAW:.*]]: i64,
// CHECK: %[[I:.*]] = arith.index_cast %[[RAW]] : i64 to index
// CHECK: arith.cmpi slt, %[[I]]
// CHECK: arith.addi %[[I]], %c3
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: tensor.extract
func.func @gather(%x: tensor<4x3xf32>, %i: tensor<?x2xi64>) -> tensor<4x?x2xf32> {
  %0 = nn.gather %x, %i {axis = 1 : i64} : (tensor<4x3xf32>, tensor<?x2xi64>) -> tensor<4x?x2xf32>
  return %0 : tensor<4x?x2xf32>
}

// -----

// CHECK-LABEL: func.func @gather_elements
// CHECK: linalg.generic
// CHECK: %[[I:.*]] = linalg.index 0
// CHECK: arith.index_cast %{{.*}} : i32 to index
// CHECK: tensor.extract %{{.*}}[%[[I]], %{{.*}}] : tensor<4x8xf32>
func.func @gather_elements(%x: tensor<4x8xf32>, %i: tensor<4x2xi32>) -> tensor<4x2xf32> {
  %0 = nn.gather_elements %x, %i {axis = 1 : i64} : (tensor<4x8xf32>, tensor<4x2xi32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

// Constant padding: crop the negative pads, tensor.pad the rest.
// CHECK-LABEL: func.func @pad_constant
// CHECK: %[[S:.*]] = tensor.extract_slice %{{.*}}[0, 1] [4, 2] [1, 1] : tensor<4x4xf32> to tensor<4x2xf32>
// CHECK: tensor.pad %[[S]] low[1, 0] high[2, 0]
// CHECK: tensor.yield %cst
func.func @pad_constant(%x: tensor<4x4xf32>) -> tensor<7x2xf32> {
  %0 = nn.pad %x {pads = array<i64: 1, -1, 2, -1>, value = 1.5 : f64} : tensor<4x4xf32> -> tensor<7x2xf32>
  return %0 : tensor<7x2xf32>
}

// -----

// Reflect: x = i - lo, mirrored about 0 and n - 1; unpadded axes read i.
// CHECK-LABEL: func.func @pad_reflect
// CHECK: linalg.generic
// CHECK: arith.cmpi slt
// CHECK: arith.select
// CHECK: arith.cmpi sgt
// CHECK: arith.select
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: tensor.extract
func.func @pad_reflect(%x: tensor<?x8xf32>) -> tensor<?x10xf32> {
  %0 = nn.pad %x {pads = array<i64: 0, 1, 0, 1>, mode = #nn<pad reflect>} : tensor<?x8xf32> -> tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}

// -----

// Edge: the index clamps into [0, n - 1].
// CHECK-LABEL: func.func @pad_edge
// CHECK: linalg.generic
// CHECK: arith.maxsi
// CHECK: arith.minsi
func.func @pad_edge(%x: tensor<4x4xi32>) -> tensor<5x2xi32> {
  %0 = nn.pad %x {pads = array<i64: 1, -1, 0, -1>, mode = #nn<pad edge>} : tensor<4x4xi32> -> tensor<5x2xi32>
  return %0 : tensor<5x2xi32>
}

// -----

// Nearest resize: only the scaled axes compute a coordinate; round_prefer_floor
// is ceil(x - 0.5).
// CHECK-LABEL: func.func @resize_nearest
// CHECK: linalg.generic
// CHECK-COUNT-2: arith.divf
// CHECK-COUNT-2: math.ceil
// CHECK-NOT: math.ceil
// CHECK: tensor.extract
func.func @resize_nearest(%x: tensor<?x3x8x8xf32>) -> tensor<?x3x16x16xf32> {
  %0 = nn.resize %x {mode = #nn<resize nearest>, scales = array<f64: 1.0, 1.0, 2.0, 2.0>} : tensor<?x3x8x8xf32> -> tensor<?x3x16x16xf32>
  return %0 : tensor<?x3x16x16xf32>
}

// -----

// Linear resize over two axes: four taps.
// CHECK-LABEL: func.func @resize_linear
// CHECK: linalg.generic
// CHECK-COUNT-4: tensor.extract
// CHECK-NOT: tensor.extract
// CHECK: arith.truncf
func.func @resize_linear(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x8x8xf32> {
  %0 = nn.resize %x {mode = #nn<resize linear>} : tensor<1x1x4x4xf32> -> tensor<1x1x8x8xf32>
  return %0 : tensor<1x1x8x8xf32>
}

// -----

// ONNX clamps an out-of-range start to the extent: an empty slice, whose
// offset must still be in bounds for tensor.extract_slice.
// CHECK-LABEL: func.func @empty_slice_at_end
// CHECK: tensor.extract_slice %{{.*}}[0, 0] [0, 5] [1, 1] : tensor<10x5xf32> to tensor<0x5xf32>
func.func @empty_slice_at_end(%x: tensor<10x5xf32>) -> tensor<0x5xf32> {
  %0 = nn.slice %x {starts = array<i64: 1000>, ends = array<i64: 1000>, axes = array<i64: 0>} : tensor<10x5xf32> -> tensor<0x5xf32>
  return %0 : tensor<0x5xf32>
}

// -----

// A static transpose that only moves unit dims keeps the data in order: a
// reshape, no copy. Must not fire: non-unit dims reordered.
// CHECK-LABEL: func.func @transpose_unit_dims
// CHECK: %[[C:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2]] : tensor<1x128x256xf32> into tensor<128x256xf32>
// CHECK: tensor.expand_shape %[[C]] {{\[}}[0, 1], [2]] output_shape [128, 1, 256] : tensor<128x256xf32> into tensor<128x1x256xf32>
// CHECK: linalg.transpose ins(%{{.*}} : tensor<1x4x8xf32>) outs(%{{.*}} : tensor<8x1x4xf32>) permutation = [2, 0, 1]
// CHECK-NOT: linalg.transpose
func.func @transpose_unit_dims(%x: tensor<1x128x256xf32>, %y: tensor<1x4x8xf32>) -> (tensor<128x1x256xf32>, tensor<8x1x4xf32>) {
  %0 = nn.transpose %x {perm = array<i64: 1, 0, 2>} : tensor<1x128x256xf32> -> tensor<128x1x256xf32>
  %1 = nn.transpose %y {perm = array<i64: 2, 0, 1>} : tensor<1x4x8xf32> -> tensor<8x1x4xf32>
  return %0, %1 : tensor<128x1x256xf32>, tensor<8x1x4xf32>
}
