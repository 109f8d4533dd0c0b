//===- ConvertersReductions.cpp - ONNX reductions → nn -------*- C++ -*-===//
//
// ReduceSum/Mean/Max/Min/Prod (axes attribute, or a constant axes input from
// opset 13 for ReduceSum and 18 for the others), ArgMax/ArgMin, the class
// losses NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss (whose
// optional log_prob output is nn.log_softmax on axis 1),
// LayerNormalization (with its Mean / InvStdDev outputs), GatherElements,
// Slice, and the shape queries Shape/Size/ConstantOfShape, folded to constants
// (static shapes / constant shape inputs only).
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/Converters.h"

using namespace mlir;
using namespace mlir::nn;
using namespace mlir::nn::onnx_import;

namespace {
RankedTensorType typeOf(Value v) { return cast<RankedTensorType>(v.getType()); }

NamedAttribute named(NodeContext &c, StringRef name, Attribute value) {
  return NamedAttribute(StringAttr::get(&c.g.getContext(), name), value);
}

/// Reduce<kind>: from `axesInputOpset` the axes come from the optional
/// constant input 1 and noop_with_empty_axes applies; before, from the axes
/// attribute. Empty axes reduce everything unless noop_with_empty_axes.
template <ReduceKind kind, int axesInputOpset>
LogicalResult convertReduce(NodeContext &c) {
  std::optional<std::vector<int64_t>> axes;
  bool noop = false;
  if (c.opset < axesInputOpset) {
    axes = c.getInts("axes");
  } else {
    noop = c.getInt("noop_with_empty_axes", 0) != 0;
    if (c.hasInput(1)) {
      axes = c.constantInts(1);
      if (!axes) {
        return c.fail("the axes input must be a constant");
      }
    }
  }
  if (!axes || axes->empty()) {
    if (noop) {
      c.setOutput(0, c.input(0));
      return success();
    }
    axes.reset();
  }
  SmallVector<NamedAttribute> attrs = {
      named(c, "kind", ReduceKindAttr::get(&c.g.getContext(), kind))};
  if (axes) {
    attrs.push_back(c.g.i64s("axes", *axes));
  }
  if (!c.getInt("keepdims", 1)) {
    attrs.push_back(c.g.boolean("keepdims", false));
  }
  c.setOutput(0, c.g.op<ReduceOp>({c.input(0)}, attrs));
  return success();
}

template <typename OpTy> LogicalResult convertArgReduce(NodeContext &c) {
  SmallVector<NamedAttribute> attrs;
  if (c.getInt("axis", 0) != 0) {
    attrs.push_back(c.g.i64("axis", c.getInt("axis", 0)));
  }
  if (!c.getInt("keepdims", 1)) {
    attrs.push_back(c.g.boolean("keepdims", false));
  }
  if (c.getInt("select_last_index", 0)) {
    attrs.push_back(c.g.boolean("select_last_index", true));
  }
  c.setOutput(0, c.g.op<OpTy>({c.input(0)}, attrs));
  return success();
}

/// reduction (default mean) and ignore_index of the class losses.
LogicalResult addLossAttrs(NodeContext &c,
                           SmallVectorImpl<NamedAttribute> &attrs) {
  std::string reduction = c.getString("reduction", "mean");
  LossReduction kind;
  if (reduction == "mean") {
    kind = LossReduction::mean;
  } else if (reduction == "sum") {
    kind = LossReduction::sum;
  } else if (reduction == "none") {
    kind = LossReduction::none;
  } else {
    return c.fail("unknown reduction '" + reduction + "'");
  }
  if (kind != LossReduction::mean) {
    attrs.push_back(
        named(c, "reduction", LossReductionAttr::get(&c.g.getContext(), kind)));
  }
  if (c.attr("ignore_index")) {
    attrs.push_back(c.g.i64("ignore_index", c.getInt("ignore_index", 0)));
  }
  return success();
}

template <typename OpTy> LogicalResult convertClassLoss(NodeContext &c) {
  SmallVector<NamedAttribute> attrs;
  if (failed(addLossAttrs(c, attrs))) {
    return failure();
  }
  SmallVector<Value> operands = {c.input(0), c.input(1)};
  if (c.hasInput(2)) {
    operands.push_back(c.input(2));
  }
  c.setOutput(0, c.g.op<OpTy>(operands, attrs));
  if (std::is_same_v<OpTy, SoftmaxCrossEntropyOp> && c.outputUsed(1)) {
    c.setOutput(1, c.g.op<LogSoftmaxOp>({c.input(0)}, {c.g.i64("axis", 1)}));
  }
  return success();
}

/// LayerNormalization. Output 0 is nn.layer_norm; the optional Mean and
/// InvStdDev outputs, over axes [axis, rank) with kept dimensions, are built
/// from nn ops when used: mean = reduce_mean(x), inv_std_dev =
/// rsqrt(reduce_mean((x - mean)^2) + epsilon).
LogicalResult convertLayerNorm(NodeContext &c) {
  int64_t axis = c.getInt("axis", -1);
  double epsilon = c.getFloat("epsilon", 1e-5);
  SmallVector<NamedAttribute> attrs;
  if (axis != -1) {
    attrs.push_back(c.g.i64("axis", axis));
  }
  if (c.attr("epsilon")) {
    attrs.push_back(c.g.f64("epsilon", epsilon));
  }
  SmallVector<Value> operands = {c.input(0), c.input(1)};
  if (c.hasInput(2)) {
    operands.push_back(c.input(2));
  }
  c.setOutput(0, c.g.op<LayerNormOp>(operands, attrs));
  if (!c.outputUsed(1) && !c.outputUsed(2)) {
    return success();
  }

  Value x = c.input(0);
  RankedTensorType type = typeOf(x);
  int64_t rank = type.getRank();
  if (axis < -rank || axis >= rank) {
    return c.fail("axis " + Twine(axis) + " is out of range for a rank-" +
                  Twine(rank) + " input");
  }
  if (axis < 0) {
    axis += rank;
  }
  // stash_type is the type Mean/InvStdDev are computed (and returned) in;
  // computing in another type than the input's would need casts.
  int64_t stash = c.getInt("stash_type", onnx::TensorProto::FLOAT);
  Type stashType = convertElementType(&c.g.getContext(), stash);
  if (!isa<FloatType>(type.getElementType())) {
    return c.fail("the input must be a float tensor");
  }
  if (stashType != type.getElementType()) {
    std::string input;
    llvm::raw_string_ostream(input) << type.getElementType();
    return c.fail("the Mean / InvStdDev outputs are only supported when "
                  "stash_type matches the input element type (stash_type " +
                  Twine(stash) + " vs. input " + input +
                  "); use a float32 input, set stash_type to the input type, "
                  "or drop those outputs");
  }
  SmallVector<int64_t> axes;
  for (int64_t i = axis; i < rank; ++i) {
    axes.push_back(i);
  }
  auto reduceMean = [&](Value v) {
    return c.g.op<ReduceOp>(
        {v}, {named(c, "kind",
                    ReduceKindAttr::get(&c.g.getContext(), ReduceKind::mean)),
              c.g.i64s("axes", axes)});
  };
  Value mean = reduceMean(x);
  c.setOutput(1, mean);
  if (c.outputUsed(2)) {
    Value centered = c.g.op<SubOp>({x, mean});
    Value variance = reduceMean(c.g.op<MulOp>({centered, centered}));
    auto scalarType = RankedTensorType::get({}, type.getElementType());
    Value eps = c.g.op<ConstantOp>(
        {}, {named(c, "value",
                   DenseElementsAttr::get(
                       scalarType,
                       FloatAttr::get(type.getElementType(), epsilon)))});
    c.setOutput(2, c.g.op<RsqrtOp>({c.g.op<AddOp>({variance, eps})}));
  }
  return success();
}

LogicalResult convertGatherElements(NodeContext &c) {
  SmallVector<NamedAttribute> attrs;
  if (c.getInt("axis", 0) != 0) {
    attrs.push_back(c.g.i64("axis", c.getInt("axis", 0)));
  }
  c.setOutput(0, c.g.op<GatherElementsOp>({c.input(0), c.input(1)}, attrs));
  return success();
}

Value i64Constant(NodeContext &c, ArrayRef<int64_t> shape,
                  ArrayRef<int64_t> values) {
  Builder b(&c.g.getContext());
  auto type = RankedTensorType::get(shape, b.getI64Type());
  return c.g.op<ConstantOp>(
      {}, {named(c, "value", DenseElementsAttr::get(type, values))});
}

LogicalResult convertShape(NodeContext &c) {
  RankedTensorType type = typeOf(c.input(0));
  int64_t rank = type.getRank();
  int64_t start = c.getInt("start", 0), end = c.getInt("end", rank);
  start = std::clamp<int64_t>(start < 0 ? start + rank : start, 0, rank);
  end = std::clamp<int64_t>(end < 0 ? end + rank : end, 0, rank);
  SmallVector<int64_t> dims;
  for (int64_t i = start; i < end; ++i) {
    if (type.isDynamicDim(i)) {
      return c.fail("dimension " + Twine(i) +
                    " is dynamic; only static shapes are supported");
    }
    dims.push_back(type.getDimSize(i));
  }
  c.setOutput(0, i64Constant(c, {int64_t(dims.size())}, dims));
  return success();
}

LogicalResult convertSize(NodeContext &c) {
  RankedTensorType type = typeOf(c.input(0));
  if (!type.hasStaticShape()) {
    return c.fail("the input shape is dynamic; only static shapes are "
                  "supported");
  }
  c.setOutput(0, i64Constant(c, {}, {type.getNumElements()}));
  return success();
}

LogicalResult convertConstantOfShape(NodeContext &c) {
  std::optional<std::vector<int64_t>> shape = c.constantInts(0);
  if (!shape) {
    return c.fail("the shape input must be a constant");
  }
  MLIRContext *ctx = &c.g.getContext();
  Attribute element = FloatAttr::get(Float32Type::get(ctx), 0.0);
  if (const onnx::AttributeProto *a = c.attr("value")) {
    auto dense =
        dyn_cast_or_null<DenseElementsAttr>(convertTensor(ctx, a->t()));
    if (!dense || dense.getNumElements() != 1) {
      return c.fail("the value attribute must be a one-element tensor");
    }
    element = *dense.getValues<Attribute>().begin();
  }
  Type elementType = cast<TypedAttr>(element).getType();
  auto type = RankedTensorType::get(*shape, elementType);
  c.setOutput(0, c.g.op<ConstantOp>({}, {named(c, "value",
                                               DenseElementsAttr::get(
                                                   type, ArrayRef(element)))}));
  return success();
}

/// Slice: starts/ends/axes as attributes before opset 10, then constant
/// inputs 1..4 (starts, ends, axes, steps).
LogicalResult convertSlice(NodeContext &c) {
  std::optional<std::vector<int64_t>> starts, ends, axes, steps;
  if (c.opset < 10) {
    starts = c.getInts("starts");
    ends = c.getInts("ends");
    axes = c.getInts("axes");
  } else {
    starts = c.constantInts(1);
    ends = c.constantInts(2);
    if (!starts || !ends) {
      return c.fail("starts and ends must be constants");
    }
    if (c.hasInput(3) && !(axes = c.constantInts(3))) {
      return c.fail("the axes input must be a constant");
    }
    if (c.hasInput(4) && !(steps = c.constantInts(4))) {
      return c.fail("the steps input must be a constant");
    }
  }
  if (!starts || !ends) {
    return c.fail("the starts and ends attributes are required");
  }
  SmallVector<NamedAttribute> attrs = {c.g.i64s("starts", *starts),
                                       c.g.i64s("ends", *ends)};
  if (axes) {
    attrs.push_back(c.g.i64s("axes", *axes));
  }
  if (steps) {
    attrs.push_back(c.g.i64s("steps", *steps));
  }
  c.setOutput(0, c.g.op<SliceOp>({c.input(0)}, attrs));
  return success();
}
} // namespace

void mlir::nn::onnx_import::addReductionConverters(ConverterTable &table) {
  table["ReduceSum"] = convertReduce<ReduceKind::sum, 13>;
  table["ReduceMean"] = convertReduce<ReduceKind::mean, 18>;
  table["ReduceMax"] = convertReduce<ReduceKind::max, 18>;
  table["ReduceMin"] = convertReduce<ReduceKind::min, 18>;
  table["ReduceProd"] = convertReduce<ReduceKind::prod, 18>;
  table["ArgMax"] = convertArgReduce<ArgMaxOp>;
  table["ArgMin"] = convertArgReduce<ArgMinOp>;
  table["NegativeLogLikelihoodLoss"] = convertClassLoss<NllOp>;
  table["SoftmaxCrossEntropyLoss"] = convertClassLoss<SoftmaxCrossEntropyOp>;
  table["LayerNormalization"] = convertLayerNorm;
  table["GatherElements"] = convertGatherElements;
  table["Shape"] = convertShape;
  table["Size"] = convertSize;
  table["ConstantOfShape"] = convertConstantOfShape;
  table["Slice"] = convertSlice;
}
