//===- NNElementwiseOps.td - elementwise ops with broadcasting -*- tablegen -*-===//
//
// Unary and binary math, comparisons, logic, select and cast. Binary and
// ternary ops broadcast their operands with NumPy rules; the result shape is
// the broadcast shape. Each math op carries its scalar semantics as one C++
// expression (`eval`), used by the constant folder and, later, by reference
// checks: the table below *is* the definition of the op family.
//
//===----------------------------------------------------------------------===//

#ifndef NN_ELEMENTWISE_OPS_TD
#define NN_ELEMENTWISE_OPS_TD

include "ir/NNBase.td"
include "ir/NNEnums.td"

//===----------------------------------------------------------------------===//
// Unary float math
//===----------------------------------------------------------------------===//

// `expr` computes the result from `double x` (and the op's attributes).
class NN_UnaryFloatOp<string mnemonic, string expr, list<Trait> traits = []>
    : NN_Op<mnemonic, traits # [Pure, NN_ElementwiseLike,
                                SameOperandsAndResultType]> {
  let arguments = (ins NN_FloatTensor:$input);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasFolder = 1;
  let extraClassDeclaration = [{
    /// The op's scalar semantics.
    double eval(double x) { return }] # expr # [{; }
  }];
  let extraClassDefinition = [{
    ::mlir::OpFoldResult $cppClass::fold(FoldAdaptor adaptor) {
      return ::mlir::nn::foldUnaryFloat(adaptor.getInput(), getType(),
                                        [&](double x) { return eval(x); });
    }
  }];
  let description = "Elementwise `" # mnemonic # "` on a float tensor: `y = "
      # expr # "`.\n\nExample:\n\n```mlir\n%y = nn." # mnemonic
      # " %x : tensor<4x8xf32>\n```";
}

// Unary ops defined on integers too: `iexpr` computes the result from
// `int64_t x` (wrapping, never trapping).
class NN_UnaryNumericOp<string mnemonic, string fexpr, string iexpr,
                        list<Trait> traits = []>
    : NN_UnaryFloatOp<mnemonic, fexpr, traits> {
  let arguments = (ins NN_NumericTensor:$input);
  let results = (outs NN_NumericTensor:$output);
  let extraClassDeclaration = [{
    /// The op's scalar semantics on floats and on integers.
    double eval(double x) { return }] # fexpr # [{; }
    static int64_t evalInt(int64_t x) { return }] # iexpr # [{; }
  }];
  let extraClassDefinition = [{
    ::mlir::OpFoldResult $cppClass::fold(FoldAdaptor adaptor) {
      return ::mlir::nn::foldUnary(adaptor.getInput(), getType(),
                                   [&](double x) { return eval(x); },
                                   &evalInt);
    }
  }];
  let description = "Elementwise `" # mnemonic # "` on a float or integer "
      # "tensor: `y = " # fexpr # "`.\n\nExample:\n\n```mlir\n%y = nn." # mnemonic
      # " %x : tensor<4x8xi64>\n```";
}

def NN_NegOp : NN_UnaryNumericOp<"neg", "-x",
    "static_cast<int64_t>(0 - static_cast<uint64_t>(x))"> {
  let summary = "negation";
  let hasCanonicalizer = 1;
}
def NN_AbsOp : NN_UnaryNumericOp<"abs", "std::fabs(x)",
    "x < 0 ? static_cast<int64_t>(0 - static_cast<uint64_t>(x)) : x"> {
  let summary = "absolute value";
}
def NN_ExpOp : NN_UnaryFloatOp<"exp", "std::exp(x)"> {
  let summary = "natural exponential";
}
def NN_LogOp : NN_UnaryFloatOp<"log", "std::log(x)"> {
  let summary = "natural logarithm";
}
def NN_SqrtOp : NN_UnaryFloatOp<"sqrt", "std::sqrt(x)"> {
  let summary = "square root";
}
def NN_RsqrtOp : NN_UnaryFloatOp<"rsqrt", "1.0 / std::sqrt(x)"> {
  let summary = "reciprocal square root";
}
def NN_ReciprocalOp : NN_UnaryFloatOp<"reciprocal", "1.0 / x"> {
  let summary = "reciprocal";
}
def NN_TanhOp : NN_UnaryFloatOp<"tanh", "std::tanh(x)"> {
  let summary = "hyperbolic tangent";
}
def NN_SigmoidOp : NN_UnaryFloatOp<"sigmoid", "1.0 / (1.0 + std::exp(-x))"> {
  let summary = "logistic sigmoid";
}
def NN_ReluOp : NN_UnaryFloatOp<"relu", "x > 0.0 ? x : 0.0"> {
  let summary = "rectified linear unit";
  let hasCanonicalizer = 1;
}
def NN_ErfOp : NN_UnaryFloatOp<"erf", "std::erf(x)"> {
  let summary = "Gauss error function";
}
def NN_SoftplusOp : NN_UnaryFloatOp<"softplus", "std::log1p(std::exp(x))"> {
  let summary = "softplus, log(1 + exp(x))";
}
def NN_FloorOp : NN_UnaryFloatOp<"floor", "std::floor(x)"> {
  let summary = "round toward negative infinity";
}
def NN_CeilOp : NN_UnaryFloatOp<"ceil", "std::ceil(x)"> {
  let summary = "round toward positive infinity";
}

def NN_LeakyReluOp : NN_UnaryFloatOp<"leaky_relu",
    "x >= 0.0 ? x : getAlpha().convertToDouble() * x"> {
  let summary = "leaky rectified linear unit";
  let description = [{
    `y = x >= 0 ? x : alpha * x`, `alpha` defaulting to 0.01.

    ```mlir
    %y = nn.leaky_relu %x {alpha = 2.000000e-01 : f64} : tensor<4x8xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input,
                       DefaultValuedAttr<F64Attr, "0.01">:$alpha);
}
def NN_EluOp : NN_UnaryFloatOp<"elu",
    "x >= 0.0 ? x : getAlpha().convertToDouble() * std::expm1(x)"> {
  let summary = "exponential linear unit";
  let description = [{
    `y = x >= 0 ? x : alpha * (exp(x) - 1)`, `alpha` defaulting to 1.

    ```mlir
    %y = nn.elu %x : tensor<4x8xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input,
                       DefaultValuedAttr<F64Attr, "1.0">:$alpha);
}
def NN_SeluOp : NN_UnaryFloatOp<"selu",
    "getGamma().convertToDouble() * (x > 0.0 ? x : "
    "getAlpha().convertToDouble() * std::expm1(x))"> {
  let summary = "scaled exponential linear unit";
  let description = [{
    `y = gamma * (x > 0 ? x : alpha * (exp(x) - 1))` with ONNX's default
    alpha = 1.6732632 and gamma = 1.0507010.

    ```mlir
    %y = nn.selu %x : tensor<4x8xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input,
      DefaultValuedAttr<F64Attr, "1.67326319217681884765625">:$alpha,
      DefaultValuedAttr<F64Attr, "1.05070102214813232421875">:$gamma);
}
def NN_GeluOp : NN_UnaryFloatOp<"gelu",
    "getApproximation() == GeluApproximation::tanh"
    " ? 0.5 * x * (1.0 + std::tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)))"
    " : 0.5 * x * (1.0 + std::erf(x * 0.7071067811865476))"> {
  let summary = "Gaussian error linear unit (exact or tanh approximation)";
  let description = [{
    Exact: `y = x/2 * (1 + erf(x / sqrt(2)))`; with `approximation = tanh`:
    `y = x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))`.

    ```mlir
    %y = nn.gelu %x {approximation = #nn<gelu tanh>} : tensor<4x8xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input,
      DefaultValuedAttr<NN_GeluApproximationAttr,
                        "GeluApproximation::none">:$approximation);
}
def NN_ClampOp : NN_UnaryFloatOp<"clamp",
    "std::min(std::max(x, getMin() ? getMin()->convertToDouble() : -INFINITY),"
    " getMax() ? getMax()->convertToDouble() : INFINITY)"> {
  let summary = "clamp to [min, max] (either bound optional)";
  let description = [{
    `y = min(max(x, min), max)`; an absent bound does not clamp (ONNX Clip,
    ReLU6 is `{min = 0.0, max = 6.0}`). Requires min <= max.

    ```mlir
    %y = nn.clamp %x {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : tensor<4x8xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, OptionalAttr<F64Attr>:$min,
                       OptionalAttr<F64Attr>:$max);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Binary math with broadcasting
//===----------------------------------------------------------------------===//

// `fexpr` computes the result from `double a, b`; `iexpr` from `int64_t a, b`
// (empty: the op is float-only).
// `leftId`/`rightId`: the identity element on that side ("" for none).
class NN_BinaryOp<string mnemonic, string fexpr, string iexpr,
                  list<Trait> traits = [], string leftId = "",
                  string rightId = "">
    : NN_Op<mnemonic, traits # [Pure, NN_ElementwiseLike, NN_InferShape,
                                AllElementTypesMatch<["lhs", "rhs", "output"]>]> {
  let arguments = (ins NN_NumericTensor:$lhs, NN_NumericTensor:$rhs);
  let results = (outs NN_NumericTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
  let extraClassDeclaration = [{
    /// The op's scalar semantics on floats.
    static double evalFloat(double a, double b) { return }] # fexpr # [{; }
    /// The op's scalar semantics on integers (nullptr: float-only op).
    static constexpr bool kHasIntegerSemantics = }] #
        !if(!empty(iexpr), "false", "true") # [{;
    static int64_t evalInt(int64_t a, int64_t b) {
      (void)a; (void)b;
      return }] # !if(!empty(iexpr), "0", iexpr) # [{;
    }
    /// `e` with `e op x = x` / `x op e = x`, used by the folder.
    static constexpr std::optional<double> kLeftIdentity = }] #
        !if(!empty(leftId), "std::nullopt", leftId) # [{;
    static constexpr std::optional<double> kRightIdentity = }] #
        !if(!empty(rightId), "std::nullopt", rightId) # [{;
  }];
  let extraClassDefinition = [{
    ::mlir::OpFoldResult $cppClass::fold(FoldAdaptor adaptor) {
      return ::mlir::nn::foldBinary(*this, adaptor.getLhs(), adaptor.getRhs(),
          &evalFloat, kHasIntegerSemantics ? &evalInt : nullptr);
    }
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *, std::optional<::mlir::Location> loc,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return ::mlir::nn::inferBroadcastResult(loc,
          {adaptor.getLhs().getType(), adaptor.getRhs().getType()},
          ::mlir::getElementTypeOrSelf(adaptor.getLhs().getType()), types);
    }
  }];
  let description = "Elementwise `" # mnemonic # "` with NumPy broadcasting: "
      # "`y = " # fexpr # "`.\n\nExample:\n\n```mlir\n%y = nn." # mnemonic
      # " %a, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>\n```";
}

def NN_AddOp : NN_BinaryOp<"add", "a + b",
    "static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b))", [Commutative],
                        "0.0", "0.0"> {
  let summary = "addition";
}
def NN_SubOp : NN_BinaryOp<"sub", "a - b",
    "static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b))", [], "", "0.0"> {
  let summary = "subtraction";
}
def NN_MulOp : NN_BinaryOp<"mul", "a * b",
    "static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b))", [Commutative],
                        "1.0", "1.0"> {
  let summary = "multiplication";
}
def NN_DivOp : NN_BinaryOp<"div", "a / b", "b == 0 ? 0 : b == -1 ? static_cast<int64_t>(0 - static_cast<uint64_t>(a)) : a / b", [], "",
                        "1.0"> {
  let summary = "division (integers truncate toward zero)";
}
def NN_PowOp : NN_BinaryOp<"pow", "std::pow(a, b)", ""> {
  let summary = "power";
  let arguments = (ins NN_FloatTensor:$lhs, NN_FloatTensor:$rhs);
  let results = (outs NN_FloatTensor:$output);
}
def NN_MaxOp : NN_BinaryOp<"max", "std::fmax(a, b)", "std::max(a, b)",
                           [Commutative]> {
  let summary = "elementwise maximum";
}
def NN_MinOp : NN_BinaryOp<"min", "std::fmin(a, b)", "std::min(a, b)",
                           [Commutative]> {
  let summary = "elementwise minimum";
}

def NN_PReluOp : NN_Op<"prelu", [Pure, NN_ElementwiseLike, NN_InferShape,
    AllElementTypesMatch<["input", "slope", "output"]>]> {
  let summary = "parametric ReLU: x >= 0 ? x : slope * x";
  let description = [{
    `slope` broadcasts to the shape of `input` (unidirectional broadcasting);
    the result has the shape of `input`.

    ```mlir
    %y = nn.prelu %x, %s : (tensor<2x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<2x3x4x4xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_FloatTensor:$slope);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $slope attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Comparisons, logic, select, cast
//===----------------------------------------------------------------------===//

def NN_CmpOp : NN_Op<"cmp", [Pure, NN_ElementwiseLike, NN_InferShape,
                             AllElementTypesMatch<["lhs", "rhs"]>]> {
  let summary = "elementwise comparison with broadcasting, giving i1";
  let description = [{
    Compares `lhs` and `rhs` elementwise under `predicate` (eq, ne, lt, le,
    gt, ge). Operands broadcast; the result has element type `i1`.

    ```mlir
    %m = nn.cmp lt, %a, %b : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xi1>
    ```
  }];
  let arguments = (ins NN_CmpPredicateAttr:$predicate, NN_Tensor:$lhs,
                       NN_Tensor:$rhs);
  let results = (outs NN_BoolTensor:$output);
  let assemblyFormat = [{
    `` $predicate `,` $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
}

class NN_LogicalBinaryOp<string mnemonic, string expr>
    : NN_Op<mnemonic, [Pure, NN_ElementwiseLike, NN_InferShape, Commutative]> {
  let summary = "elementwise logical " # mnemonic # " of i1 tensors";
  let description = "`y = " # expr # "` with broadcasting.\n\n```mlir\n"
      # "%y = nn." # mnemonic # " %a, %b : (tensor<4xi1>, tensor<4xi1>) -> "
      # "tensor<4xi1>\n```";
  let arguments = (ins NN_BoolTensor:$lhs, NN_BoolTensor:$rhs);
  let results = (outs NN_BoolTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *, std::optional<::mlir::Location> loc,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return ::mlir::nn::inferBroadcastResult(loc,
          {adaptor.getLhs().getType(), adaptor.getRhs().getType()},
          ::mlir::getElementTypeOrSelf(adaptor.getLhs().getType()), types);
    }
  }];
}
def NN_AndOp : NN_LogicalBinaryOp<"and", "a && b">;
def NN_OrOp : NN_LogicalBinaryOp<"or", "a || b">;
def NN_XorOp : NN_LogicalBinaryOp<"xor", "a != b">;

def NN_NotOp : NN_Op<"not", [Pure, NN_ElementwiseLike,
                             SameOperandsAndResultType]> {
  let summary = "elementwise logical negation of an i1 tensor";
  let description = [{
    ```mlir
    %y = nn.not %m : tensor<4xi1>
    ```
  }];
  let arguments = (ins NN_BoolTensor:$input);
  let results = (outs NN_BoolTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasCanonicalizer = 1;
}

def NN_SelectOp : NN_Op<"select", [Pure, NN_ElementwiseLike, NN_InferShape,
    AllElementTypesMatch<["on_true", "on_false", "output"]>]> {
  let summary = "elementwise choice: cond ? on_true : on_false (ONNX Where)";
  let description = [{
    All three operands broadcast together.

    ```mlir
    %y = nn.select %c, %a, %b : (tensor<4x1xi1>, tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
    ```
  }];
  let arguments = (ins NN_BoolTensor:$condition, NN_Tensor:$on_true,
                       NN_Tensor:$on_false);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = [{
    $condition `,` $on_true `,` $on_false attr-dict `:`
    functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def NN_CastOp : NN_Op<"cast", [Pure, NN_ElementwiseLike]> {
  let summary = "elementwise conversion to another element type";
  let description = [{
    Converts each element to the result's element type: floats round to
    nearest, float to integer truncates toward zero, anything to `i1` is
    `x != 0`. Shapes must match.

    ```mlir
    %y = nn.cast %x : tensor<4xf32> -> tensor<4xi64>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

#endif // NN_ELEMENTWISE_OPS_TD
