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
    Reverse-mode rule of a differentiable op, used by `nn-autodiff`
    (passes/Autodiff.h), which never names an op.

    `buildGradients`: given the gradients flowing into the op's results (the
    cotangents; a null Value means "zero"), build the vector-Jacobian products
    with respect to each operand at the builder's insertion point, as nn ops
    located at the op. `operandGrads` receives exactly one entry per operand;
    operands that are not differentiable (indices, masks, labels, shapes) or
    whose gradient is zero get a null Value. Each gradient has the operand's
    own type: a rule for a broadcasting op reduces back to the operand's
    shape. Fails (with a diagnostic at the op) for configurations the rule
    does not cover.

    `decomposeForGradient`: ops without a direct rule (the recurrent layers)
    may instead rewrite themselves, at the builder's insertion point, into
    ops that have one; `replacements` gets one value per result. The default
    says "no decomposition".

    The rules live beside the ops, one short rule per op, in
    `ir/gradients/<Family>Gradients.cpp`, attached as external models when
    the dialect loads.
  }];
  let methods = [
    InterfaceMethod<
      /*desc=*/"Builds the operand gradients from the result gradients.",
      /*retTy=*/"::llvm::LogicalResult",
      /*methodName=*/"buildGradients",
      /*args=*/(ins "::mlir::OpBuilder &":$builder,
                    "::mlir::ValueRange":$resultGrads,
                    "::llvm::SmallVectorImpl<::mlir::Value> &":$operandGrads)>,
    InterfaceMethod<
      /*desc=*/"Rewrites the op into differentiable ops (results replaced "
               "by `replacements`); failure: no decomposition.",
      /*retTy=*/"::llvm::LogicalResult",
      /*methodName=*/"decomposeForGradient",
      /*args=*/(ins "::mlir::OpBuilder &":$builder,
                    "::llvm::SmallVectorImpl<::mlir::Value> &":$replacements),
      /*methodBody=*/"",
      /*defaultImplementation=*/"return ::mlir::failure();">,
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
