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

#endif // NN_CODEGEN_PASSES_TD
