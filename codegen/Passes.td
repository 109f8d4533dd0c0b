//===- Passes.td - nn lowering passes -----------------------*- tablegen -*-===//

#ifndef NN_CODEGEN_PASSES_TD
#define NN_CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertNNToLinalgPass : Pass<"convert-nn-to-linalg", "func::FuncOp"> {
  let summary = "Lower nn ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Every nn op becomes linalg structured ops (generic, named contractions,
    convolutions, pooling), tensor ops (reshape, slices, padding) and scalar
    arith/math inside them, still on tensors. Broadcasting is expressed in
    indexing maps. An op that has no lowering yet is an error at its
    location (which names the ONNX node for imported models).

    Before:
    ```mlir
    %y = nn.relu %x : tensor<4x8xf32>
    ```
    After:
    ```mlir
    %e = tensor.empty() : tensor<4x8xf32>
    %y = linalg.generic {...iterator_types = ["parallel", "parallel"]}
        ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
      ^bb0(%a: f32, %o: f32):
        %r = arith.maximumf %a, %cst : f32
        linalg.yield %r : f32
    } -> tensor<4x8xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect"
  ];
}

def LowerFusionGroupsPass : Pass<"nn-lower-fusion-groups", "func::FuncOp"> {
  let summary = "Turn each nn.fusion_group (already lowered to linalg) into one loop nest";
  let description = [{
    Runs after `convert-nn-to-linalg` (and linalg elementwise fusion): the
    region of every `nn.fusion_group` holds linalg/tensor ops. The op that
    produces the yielded value is tiled along its outer parallel dimensions
    and every producer inside the group is fused into the tile loop
    (`scf::tileConsumerAndFuseProducersUsingSCF`): the group becomes one
    `scf.for` nest, marked `nn.fused_kernel`, whose intermediates are
    tile-sized. Tile sizes: a matmul-like contraction keeps M x N tiles of
    64 x 256 (its K loop stays whole, so the tiles can be vectorized); any
    other group tiles its leading dimensions by 1 (rows for reductions and
    convolutions), never a dimension that a producer reduces. The group's
    ops then replace the group op. A group with a single structured op is
    only unwrapped.

    Before (after convert-nn-to-linalg):
    ```mlir
    %r = nn.fusion_group "epilogue" : tensor<128x512xf32> {
      %f = linalg.fill ... ; %m = linalg.matmul ... ; %e = linalg.generic ...
      nn.yield %e : tensor<128x512xf32>
    }
    ```
    After: `%r = scf.for ... { scf.for ... { fill, matmul, generic on a
    64x256 tile } } {nn.fused_kernel}`.
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::scf::SCFDialect", "::mlir::arith::ArithDialect"
  ];
}

#endif // NN_CODEGEN_PASSES_TD
