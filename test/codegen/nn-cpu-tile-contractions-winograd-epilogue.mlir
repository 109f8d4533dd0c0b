// RUN: %nn-opt %s -nn-cpu-winograd-conv="min-channels=1 min-pixels=1" -nn-cpu-tile-contractions | FileCheck %s
// RUN: %nn-opt %s -nn-cpu-winograd-conv="min-channels=1 min-pixels=1" "-nn-cpu-tile-contractions=fuse-epilogues=false" | FileCheck %s --check-prefix=OFF

// nn-cpu-tile-contractions (fuse-epilogues) computes the in-place
// elementwise consumer of a Winograd conv (nn-cpu-winograd-conv's output
// transform, one task per (image, filter) plane) inside that loop: each
// plane gets its residual add + relu right after its transform, reshaped
// from the plane [8, 8] to the output's [1, 1, 8, 8] and back. Off, the
// epilogue is a second loop over the whole output.
// CHECK-LABEL: func.func @winograd_epilogue
// CHECK:       scf.forall (%[[N:.*]], %[[F:.*]]) in (1, 3) shared_outs
// CHECK:         tensor.extract_slice %arg2[%[[N]], %[[F]], 0, 0] [1, 1, 8, 8]
// CHECK:         tensor.expand_shape %{{.*}} {{\[\[}}0, 1, 2], [3]] output_shape [1, 1, 8, 8] : tensor<8x8xf32> into tensor<1x1x8x8xf32>
// CHECK:         arith.maximumf %{{.*}} : vector<1x1x1x8xf32>
// CHECK:         tensor.collapse_shape %{{.*}} : tensor<1x1x8x8xf32> into tensor<8x8xf32>
// CHECK:         tensor.parallel_insert_slice
// CHECK:       } {nn.conv_output}
// CHECK-NOT:   linalg.generic
// CHECK:       return
// OFF-LABEL:   func.func @winograd_epilogue
// OFF:         } {nn.conv_output}
// OFF:         linalg.generic
// OFF:         arith.maximumf
func.func @winograd_epilogue(%x: tensor<1x2x10x10xf32>, %init: tensor<1x3x8x8xf32>, %r: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<[[[[-1.0, 0.0, 1.0], [2.0, 3.0, -3.0], [-2.0, -1.0, 0.0]], [[1.0, 2.0, 3.0], [-3.0, -2.0, -1.0], [0.0, 1.0, 2.0]]], [[[3.0, -3.0, -2.0], [-1.0, 0.0, 1.0], [2.0, 3.0, -3.0]], [[-2.0, -1.0, 0.0], [1.0, 2.0, 3.0], [-3.0, -2.0, -1.0]]], [[[0.0, 1.0, 2.0], [3.0, -3.0, -2.0], [-1.0, 0.0, 1.0]], [[2.0, 3.0, -3.0], [-2.0, -1.0, 0.0], [1.0, 2.0, 3.0]]]]> : tensor<3x2x3x3xf32>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[1, 1]> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x10x10xf32>, tensor<3x2x3x3xf32>) outs(%init : tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%r : tensor<1x3x8x8xf32>) outs(%c : tensor<1x3x8x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %out, %in : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}
