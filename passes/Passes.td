//===- Passes.td - nn -> nn graph passes --------------------*- tablegen -*-===//

#ifndef NN_PASSES_TD
#define NN_PASSES_TD

include "mlir/Pass/PassBase.td"

def InferShapesPass : Pass<"nn-infer-shapes", "func::FuncOp"> {
  let summary = "Refine result types to the most static shapes inference allows";
  let description = [{
    Re-runs result-type inference (`InferTypeOpInterface`) over the function
    in order, replacing each result type by the meet of its declared and
    inferred types (a dimension is static if either says so), then updates
    the function's result types to what it returns. Uses that cannot absorb
    a refined type (ops outside the nn dialect) see a `tensor.cast` back to
    the old type. Typical use: after the inputs of an imported model were
    given static shapes.

    Before:
    ```mlir
    func.func @f(%a: tensor<2x3xf32>) -> tensor<?x3xf32> {
      %0 = nn.relu %a : tensor<2x3xf32>
      %1 = nn.add %0, %a : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<?x3xf32>
      return %1 : tensor<?x3xf32>
    }
    ```
    After: `%1` has type `tensor<2x3xf32>`, and so does `@f`'s result.
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

#endif // NN_PASSES_TD
