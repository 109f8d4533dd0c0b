//===- NNEnums.td - enumerations used by nn op attributes -*- tablegen -*-===//
//
// Every enum is a dialect attribute printed by its keyword, e.g.
// `predicate = #nn<cmp lt>`.
//
//===----------------------------------------------------------------------===//

#ifndef NN_ENUMS_TD
#define NN_ENUMS_TD

include "ir/NNBase.td"

class NN_I32Enum<string name, string summary, list<I32EnumAttrCase> cases>
    : I32EnumAttr<name, summary, cases> {
  let cppNamespace = "::mlir::nn";
  let genSpecializedAttr = 0;
}

class NN_EnumAttr<EnumAttrInfo info, string mnemonic>
    : EnumAttr<NN_Dialect, info, mnemonic> {
  let assemblyFormat = "$value";
}

def NN_CmpPredicate : NN_I32Enum<"CmpPredicate", "comparison predicate", [
  I32EnumAttrCase<"eq", 0>, I32EnumAttrCase<"ne", 1>, I32EnumAttrCase<"lt", 2>,
  I32EnumAttrCase<"le", 3>, I32EnumAttrCase<"gt", 4>, I32EnumAttrCase<"ge", 5>]>;
def NN_CmpPredicateAttr : NN_EnumAttr<NN_CmpPredicate, "cmp">;

def NN_GeluApproximation : NN_I32Enum<"GeluApproximation",
    "gelu approximation", [
  I32EnumAttrCase<"none", 0>, I32EnumAttrCase<"tanh", 1>]>;
def NN_GeluApproximationAttr : NN_EnumAttr<NN_GeluApproximation, "gelu">;

def NN_ReduceKind : NN_I32Enum<"ReduceKind", "reduction kind", [
  I32EnumAttrCase<"sum", 0>, I32EnumAttrCase<"mean", 1>,
  I32EnumAttrCase<"max", 2>, I32EnumAttrCase<"min", 3>,
  I32EnumAttrCase<"prod", 4>]>;
def NN_ReduceKindAttr : NN_EnumAttr<NN_ReduceKind, "reduce">;

def NN_PadMode : NN_I32Enum<"PadMode", "padding mode", [
  I32EnumAttrCase<"constant", 0>, I32EnumAttrCase<"reflect", 1>,
  I32EnumAttrCase<"edge", 2>]>;
def NN_PadModeAttr : NN_EnumAttr<NN_PadMode, "pad">;

def NN_ResizeMode : NN_I32Enum<"ResizeMode", "resize interpolation", [
  I32EnumAttrCase<"nearest", 0>, I32EnumAttrCase<"linear", 1>]>;
def NN_ResizeModeAttr : NN_EnumAttr<NN_ResizeMode, "resize">;

def NN_CoordinateTransform : NN_I32Enum<"CoordinateTransform",
    "how resized coordinates map back to the input (ONNX Resize)", [
  I32EnumAttrCase<"half_pixel", 0>, I32EnumAttrCase<"pytorch_half_pixel", 1>,
  I32EnumAttrCase<"align_corners", 2>, I32EnumAttrCase<"asymmetric", 3>,
  I32EnumAttrCase<"tf_half_pixel_for_nn", 4>]>;
def NN_CoordinateTransformAttr
    : NN_EnumAttr<NN_CoordinateTransform, "coord">;

def NN_NearestMode : NN_I32Enum<"NearestMode", "nearest rounding (ONNX Resize)", [
  I32EnumAttrCase<"round_prefer_floor", 0>,
  I32EnumAttrCase<"round_prefer_ceil", 1>, I32EnumAttrCase<"floor", 2>,
  I32EnumAttrCase<"ceil", 3>]>;
def NN_NearestModeAttr : NN_EnumAttr<NN_NearestMode, "nearest">;

def NN_RnnDirection : NN_I32Enum<"RnnDirection", "recurrence direction", [
  I32EnumAttrCase<"forward", 0>, I32EnumAttrCase<"reverse", 1>,
  I32EnumAttrCase<"bidirectional", 2>]>;
def NN_RnnDirectionAttr : NN_EnumAttr<NN_RnnDirection, "direction">;

def NN_LossReduction : NN_I32Enum<"LossReduction", "loss reduction", [
  I32EnumAttrCase<"none", 0>, I32EnumAttrCase<"mean", 1>,
  I32EnumAttrCase<"sum", 2>]>;
def NN_LossReductionAttr : NN_EnumAttr<NN_LossReduction, "reduction">;

#endif // NN_ENUMS_TD
