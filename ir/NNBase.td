//===- NNBase.td - nn dialect, type constraints, op base classes -*- tablegen -*-===//
//
// The `nn` dialect: tensor-level neural-network operations with ONNX/NumPy
// semantics. Everything declarative about the dialect lives in ODS; this file
// holds what every op family shares:
//   - the dialect definition,
//   - tensor type constraints,
//   - `NN_InferShape`, the single way result types are inferred and checked,
//   - fusion-kind traits that passes query instead of naming ops.
//
//===----------------------------------------------------------------------===//

#ifndef NN_BASE_TD
#define NN_BASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def NN_Dialect : Dialect {
  let name = "nn";
  let cppNamespace = "::mlir::nn";
  let summary = "Tensor-level neural-network operations";
  let description = [{
    Ops on ranked tensors with ONNX/NumPy semantics: elementwise math with
    broadcasting, contractions, normalizations and reductions, pooling, data
    movement, recurrent layers and losses. Result types are inferred from
    operands and attributes (`InferTypeOpInterface`); a dynamic dimension `?`
    (e.g. a batch) flows through inference where sound.
  }];
  let hasConstantMaterializer = 1;
  let useDefaultAttributePrinterParser = 1;
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def NN_Float : AnyTypeOf<[F16, BF16, F32, F64], "floating-point">;
def NN_Int : AnyTypeOf<[AnyInteger], "integer">;
def NN_Index : AnyTypeOf<[I32, I64], "32/64-bit integer">;

def NN_Tensor : RankedTensorOf<[NN_Float, NN_Int]>;
def NN_FloatTensor : RankedTensorOf<[NN_Float]>;
def NN_IntTensor : RankedTensorOf<[NN_Int]>;
def NN_BoolTensor : RankedTensorOf<[I1]>;
def NN_IndexTensor : RankedTensorOf<[NN_Index]>;
def NN_NumericTensor : RankedTensorOf<[NN_Float, NN_Int]>;

//===----------------------------------------------------------------------===//
// Traits
//===----------------------------------------------------------------------===//

// Result types are inferred in one hook per op,
//   static LogicalResult inferReturnTypes(MLIRContext *, std::optional<Location>,
//                                         Adaptor, SmallVectorImpl<Type> &);
// which also checks every shape invariant and reports it at the op's location.
// A declared result type is accepted when it is *compatible* with the inferred
// one (same element type and rank; equal extents where both are static), so
// IR may carry more static information than inference can derive.
def NN_InferShape : InferTypeOpAdaptorBase<[{
  static bool isCompatibleReturnTypes(::mlir::TypeRange l, ::mlir::TypeRange r) {
    return ::mlir::nn::areCompatibleResultTypes(l, r);
  }
}]>;

// Fusion kinds (see ir/NNTraits.h). Fusion passes group ops by these traits and
// never by op name.
def NN_ElementwiseLike : NativeOpTrait<"ElementwiseLike"> {
  let cppNamespace = "::mlir::nn";
}
def NN_ContractionLike : NativeOpTrait<"ContractionLike"> {
  let cppNamespace = "::mlir::nn";
}
def NN_ReductionLike : NativeOpTrait<"ReductionLike"> {
  let cppNamespace = "::mlir::nn";
}
def NN_LayoutLike : NativeOpTrait<"LayoutLike"> {
  let cppNamespace = "::mlir::nn";
}

//===----------------------------------------------------------------------===//
// Op base class
//===----------------------------------------------------------------------===//

class NN_Op<string mnemonic, list<Trait> traits = []>
    : Op<NN_Dialect, mnemonic, traits>;

#endif // NN_BASE_TD
