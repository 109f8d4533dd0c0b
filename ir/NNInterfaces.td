//===- NNInterfaces.td - op interfaces of the nn dialect -*- tablegen -*-===//
//
// Per-op behaviour that passes query without naming ops:
//   - shape inference: upstream `InferTypeOpInterface` via `NN_InferShape`
//     (NNBase.td);
//   - fusibility: the fusion-kind traits in NNBase.td / NNTraits.h;
//   - gradients: `GradientOpInterface` below, used by the autodiff pass.
//
//===----------------------------------------------------------------------===//

#ifndef NN_INTERFACES_TD
#define NN_INTERFACES_TD

include "mlir/IR/OpBase.td"

def NN_GradientOpInterface : OpInterface<"GradientOpInterface"> {
  let cppNamespace = "::mlir::nn";
  let description = [{
    Reverse-mode rule of a differentiable op: given the gradients flowing into
    the op's results (the cotangents; a null Value means "zero"), build the
    vector-Jacobian products with respect to each operand at the builder's
    insertion point. Operands that are not differentiable (indices, masks,
    shapes) get a null Value. Gradients are returned with the operand's own
    type: a rule for a broadcasting op reduces back to the operand's shape.
  }];
  let methods = [
    InterfaceMethod<
      /*desc=*/"Builds the operand gradients from the result gradients.",
      /*retTy=*/"::llvm::LogicalResult",
      /*methodName=*/"buildGradients",
      /*args=*/(ins "::mlir::OpBuilder &":$builder,
                    "::mlir::ValueRange":$resultGrads,
                    "::llvm::SmallVectorImpl<::mlir::Value> &":$operandGrads)>,
  ];
}

def NN_ShapeRefinementOpInterface : OpInterface<"ShapeRefinementOpInterface"> {
  let cppNamespace = "::mlir::nn";
  let description = [{
    For ops whose result shape is given by the result type rather than
    inferred from operands (reshape, broadcast): returns the result types
    with each dynamic extent that the operands' current types now determine
    made static. `nn-infer-shapes` uses it after input shapes were pinned.
  }];
  let methods = [
    InterfaceMethod<
      /*desc=*/"Result types refined from the current operand types.",
      /*retTy=*/"::llvm::SmallVector<::mlir::Type>",
      /*methodName=*/"refineResultTypes">,
  ];
}

#endif // NN_INTERFACES_TD
