//===- ConvertersElementwise.cpp - ONNX elementwise ops → nn ----*- C++ -*-===//
//
// Unary and (broadcasting) binary math, activations with their ONNX default
// attributes, comparisons, logic and Where. Variadic Sum/Max/Min fold
// pairwise left to right. Before opset 7, binary ops broadcast only with
// `broadcast=1`, B aligned to A at `axis`; that is rebuilt with an unsqueeze
// of B's trailing dims followed by the usual (numpy) broadcasting.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/Converters.h"

#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mlir::nn;
using namespace mlir::nn::onnx_import;

namespace {
/// Rewrites `b` so that numpy broadcasting against `a` gives the pre-opset-7
/// semantics: with broadcast=1, B's dims match A's dims starting at `axis`
/// (default: suffix matching), so B gets trailing 1s; without it, the shapes
/// must be equal.
LogicalResult legacyBroadcast(NodeContext &c, Value a, Value &b) {
  if (c.opset >= 7) {
    return success();
  }
  ArrayRef<int64_t> aShape = cast<RankedTensorType>(a.getType()).getShape();
  ArrayRef<int64_t> bShape = cast<RankedTensorType>(b.getType()).getShape();
  int64_t aRank = aShape.size(), bRank = bShape.size();
  auto compatible = [](int64_t x, int64_t y) {
    return ShapedType::isDynamic(x) || ShapedType::isDynamic(y) || x == y;
  };
  if (!c.getInt("broadcast", 0)) {
    bool same = aRank == bRank;
    for (int64_t i = 0; same && i < aRank; ++i) {
      same = compatible(aShape[i], bShape[i]);
    }
    if (!same) {
      return c.fail("the input shapes differ and broadcast is not set (before "
                    "opset 7 shapes must match unless broadcast=1)");
    }
    return success();
  }
  if (bRank > aRank) {
    return c.fail("with broadcast=1, B (rank " + Twine(bRank) +
                  ") must not have a higher rank than A (rank " + Twine(aRank) +
                  ")");
  }
  int64_t axis = c.getInt("axis", aRank - bRank);
  if (axis < 0) {
    axis += aRank;
  }
  if (axis < 0 || axis + bRank > aRank) {
    return c.fail("axis " + Twine(c.getInt("axis", 0)) +
                  " does not fit B (rank " + Twine(bRank) + ") into A (rank " +
                  Twine(aRank) + ")");
  }
  // B must be a contiguous block of A's shape (or have size-1 dims), and the
  // result keeps A's shape: the broadcast is one-directional.
  for (int64_t i = 0; i < bRank; ++i) {
    if (bShape[i] != 1 && !compatible(aShape[axis + i], bShape[i])) {
      return c.fail("with broadcast=1 and axis " + Twine(axis) + ", B's dim " +
                    Twine(i) + " (" + Twine(bShape[i]) +
                    ") does not match A's dim " + Twine(axis + i) + " (" +
                    Twine(aShape[axis + i]) + ")");
    }
  }
  SmallVector<int64_t> trailing;
  for (int64_t i = axis + bRank; i < aRank; ++i) {
    trailing.push_back(i - axis);
  }
  if (!trailing.empty() && bRank > 0) {
    b = c.g.op<UnsqueezeOp>({b}, {c.g.i64s("axes", trailing)});
  }
  return success();
}

template <typename OpTy> LogicalResult unary(NodeContext &c) {
  c.setOutput(0, c.g.op<OpTy>({c.input(0)}));
  return success();
}

template <typename OpTy> LogicalResult binary(NodeContext &c) {
  Value rhs = c.input(1);
  if (failed(legacyBroadcast(c, c.input(0), rhs))) {
    return failure();
  }
  c.setOutput(0, c.g.op<OpTy>({c.input(0), rhs}));
  return success();
}

/// Sum/Max/Min take one or more inputs: ((a op b) op c) ... Before opset 8
/// all inputs must have the same shape.
template <typename OpTy> LogicalResult variadic(NodeContext &c) {
  if (c.numInputs() < 1 || !c.hasInput(0)) {
    return c.fail("needs at least one input");
  }
  Value acc = c.input(0);
  for (int i = 1; i < c.numInputs(); ++i) {
    if (c.opset < 8 &&
        failed(verifyCompatibleShape(acc.getType(), c.input(i).getType()))) {
      return c.fail("input " + Twine(i) +
                    " has a different shape from input 0 (before opset 8 "
                    "inputs do not broadcast)");
    }
    acc = c.g.op<OpTy>({acc, c.input(i)});
    if (!acc) {
      return failure(); // the builder holds the reason
    }
  }
  c.setOutput(0, acc);
  return success();
}

template <CmpPredicate predicate> LogicalResult compare(NodeContext &c) {
  MLIRContext *ctx = &c.g.getContext();
  Value rhs = c.input(1);
  if (failed(legacyBroadcast(c, c.input(0), rhs))) {
    return failure();
  }
  c.setOutput(0, c.g.op<CmpOp>(
                     {c.input(0), rhs},
                     {NamedAttribute(StringAttr::get(ctx, "predicate"),
                                     CmpPredicateAttr::get(ctx, predicate))}));
  return success();
}

/// Unary op with float attributes copied when present (defaults match ONNX).
template <typename OpTy>
LogicalResult withFloatAttrs(NodeContext &c,
                             std::initializer_list<const char *> names) {
  SmallVector<NamedAttribute> attrs;
  for (const char *name : names) {
    if (c.attr(name)) {
      attrs.push_back(c.g.f64(name, c.getFloat(name, 0.0)));
    }
  }
  c.setOutput(0, c.g.op<OpTy>({c.input(0)}, attrs));
  return success();
}

LogicalResult convertLeakyRelu(NodeContext &c) {
  return withFloatAttrs<LeakyReluOp>(c, {"alpha"});
}
LogicalResult convertElu(NodeContext &c) {
  return withFloatAttrs<EluOp>(c, {"alpha"});
}
LogicalResult convertSelu(NodeContext &c) {
  return withFloatAttrs<SeluOp>(c, {"alpha", "gamma"});
}

/// Clip: bounds are attributes before opset 11, optional constant inputs
/// from 11 on.
/// Clip: attribute bounds before opset 11, optional inputs from 11. Constant
/// bounds on a float input become nn.clamp; bounds known only at run time
/// (or integer inputs, or min > max) become min(max(x, min), max), which is
/// ONNX's definition.
LogicalResult convertClip(NodeContext &c) {
  SmallVector<NamedAttribute> attrs;
  if (c.opset < 11) {
    if (c.attr("min")) {
      attrs.push_back(c.g.f64("min", c.getFloat("min", 0.0)));
    }
    if (c.attr("max")) {
      attrs.push_back(c.g.f64("max", c.getFloat("max", 0.0)));
    }
    c.setOutput(0, c.g.op<ClampOp>({c.input(0)}, attrs));
    return success();
  }
  Value x = c.input(0);
  bool isFloat = isa<FloatType>(getElementTypeOrSelf(x.getType()));
  std::optional<double> lo = c.hasInput(1) ? c.constantScalar(1) : std::nullopt;
  std::optional<double> hi = c.hasInput(2) ? c.constantScalar(2) : std::nullopt;
  bool constantBounds = (!c.hasInput(1) || lo) && (!c.hasInput(2) || hi) &&
                        (!lo || !hi || *lo <= *hi);
  if (isFloat && constantBounds) {
    if (lo) {
      attrs.push_back(c.g.f64("min", *lo));
    }
    if (hi) {
      attrs.push_back(c.g.f64("max", *hi));
    }
    c.setOutput(0, c.g.op<ClampOp>({x}, attrs));
    return success();
  }
  if (c.hasInput(1)) {
    x = c.g.op<MaxOp>({x, c.input(1)});
  }
  if (c.hasInput(2)) {
    x = c.g.op<MinOp>({x, c.input(2)});
  }
  c.setOutput(0, x);
  return success();
}

/// Pow allows an exponent of another (e.g. integer) type; nn.pow takes the
/// base's element type for both.
LogicalResult convertPow(NodeContext &c) {
  Value base = c.input(0), exponent = c.input(1);
  if (failed(legacyBroadcast(c, base, exponent))) {
    return failure();
  }
  auto baseType = cast<RankedTensorType>(base.getType());
  auto expType = cast<RankedTensorType>(exponent.getType());
  if (expType.getElementType() != baseType.getElementType()) {
    exponent = c.g.op<CastOp>({exponent}, {},
                              {expType.clone(baseType.getElementType())});
  }
  c.setOutput(0, c.g.op<PowOp>({base, exponent}));
  return success();
}

LogicalResult convertWhere(NodeContext &c) {
  c.setOutput(0, c.g.op<SelectOp>({c.input(0), c.input(1), c.input(2)}));
  return success();
}
} // namespace

void mlir::nn::onnx_import::addElementwiseConverters(ConverterTable &table) {
  table["Add"] = binary<AddOp>;
  table["Sub"] = binary<SubOp>;
  table["Mul"] = binary<MulOp>;
  table["Div"] = binary<DivOp>;
  table["Pow"] = convertPow;
  table["Sum"] = variadic<AddOp>;
  table["Max"] = variadic<MaxOp>;
  table["Min"] = variadic<MinOp>;
  table["Relu"] = unary<ReluOp>;
  table["Sigmoid"] = unary<SigmoidOp>;
  table["Tanh"] = unary<TanhOp>;
  table["Exp"] = unary<ExpOp>;
  table["Log"] = unary<LogOp>;
  table["Sqrt"] = unary<SqrtOp>;
  table["Neg"] = unary<NegOp>;
  table["Abs"] = unary<AbsOp>;
  table["Erf"] = unary<ErfOp>;
  table["Reciprocal"] = unary<ReciprocalOp>;
  table["Floor"] = unary<FloorOp>;
  table["Ceil"] = unary<CeilOp>;
  table["Softplus"] = unary<SoftplusOp>;
  table["LeakyRelu"] = convertLeakyRelu;
  table["Elu"] = convertElu;
  table["Selu"] = convertSelu;
  table["Clip"] = convertClip;
  table["Equal"] = compare<CmpPredicate::eq>;
  table["Less"] = compare<CmpPredicate::lt>;
  table["LessOrEqual"] = compare<CmpPredicate::le>;
  table["Greater"] = compare<CmpPredicate::gt>;
  table["GreaterOrEqual"] = compare<CmpPredicate::ge>;
  table["Not"] = unary<NotOp>;
  table["And"] = binary<AndOp>;
  table["Or"] = binary<OrOp>;
  table["Xor"] = binary<XorOp>;
  table["Where"] = convertWhere;
}
