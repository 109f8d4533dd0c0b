//===- ConvertersNetwork.cpp - ONNX layers → nn -----------------*- C++ -*-===//
//
// Contractions (MatMul, Gemm, Conv), pooling, inference BatchNormalization
// and Softmax/LogSoftmax. auto_pad is turned into explicit pads, which needs
// static spatial extents; before opset 13 softmax flattens to 2-D at `axis`,
// which is rebuilt with reshapes when it differs from a single-axis softmax.
// Older opsets: Gemm's C broadcasts only with broadcast=1 before opset 7;
// BatchNormalization is inference-only with is_test=1 before opset 7 and
// per-channel only with spatial=1 before opset 9.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/Converters.h"

#include "ir/ShapeUtils.h"

using namespace mlir;
using namespace mlir::nn;
using namespace mlir::nn::onnx_import;

namespace {
ArrayRef<int64_t> shapeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}

/// Adds `strides`, `dilations` and `pads` (from `pads` or `auto_pad`) of a
/// window over `input`'s spatial dims with kernel extents `kernel`.
LogicalResult addWindowAttrs(NodeContext &c, Value input,
                             ArrayRef<int64_t> kernel, bool withDilations,
                             SmallVectorImpl<NamedAttribute> &attrs) {
  size_t k = kernel.size();
  std::vector<int64_t> strides =
      c.getInts("strides").value_or(std::vector<int64_t>(k, 1));
  std::vector<int64_t> dilations =
      c.getInts("dilations").value_or(std::vector<int64_t>(k, 1));
  if (strides.size() != k || dilations.size() != k) {
    return c.fail("strides/dilations must have one entry per spatial "
                  "dimension (" +
                  Twine(k) + ")");
  }
  if (c.attr("strides")) {
    attrs.push_back(c.g.i64s("strides", strides));
  }
  if (c.attr("dilations")) {
    if (!withDilations &&
        llvm::any_of(dilations, [](int64_t d) { return d != 1; })) {
      return c.fail("dilations other than 1 are not supported here");
    }
    if (withDilations) {
      attrs.push_back(c.g.i64s("dilations", dilations));
    }
  }
  std::string autoPad = c.getString("auto_pad", "NOTSET");
  if (autoPad == "NOTSET") {
    if (auto pads = c.getInts("pads")) {
      attrs.push_back(c.g.i64s("pads", *pads));
    }
    return success();
  }
  if (autoPad == "VALID") {
    return success();
  }
  if (autoPad != "SAME_UPPER" && autoPad != "SAME_LOWER") {
    return c.fail("unknown auto_pad '" + autoPad + "'");
  }
  ArrayRef<int64_t> shape = shapeOf(input);
  if (shape.size() != k + 2) {
    return c.fail("input rank " + Twine(shape.size()) + " does not match a " +
                  Twine(k) + "-D window");
  }
  SmallVector<int64_t> pads(2 * k, 0);
  for (size_t i = 0; i < k; ++i) {
    int64_t in = shape[i + 2];
    if (ShapedType::isDynamic(in) || ShapedType::isDynamic(kernel[i]) ||
        strides[i] <= 0) {
      return c.fail("auto_pad " + autoPad +
                    " needs static spatial dimensions and kernel");
    }
    int64_t out = (in + strides[i] - 1) / strides[i];
    int64_t window = (kernel[i] - 1) * dilations[i] + 1;
    int64_t total = std::max<int64_t>(0, (out - 1) * strides[i] + window - in);
    int64_t small = total / 2;
    pads[i] = autoPad == "SAME_UPPER" ? small : total - small;
    pads[i + k] = total - pads[i];
  }
  attrs.push_back(c.g.i64s("pads", pads));
  return success();
}

LogicalResult convertMatMul(NodeContext &c) {
  c.setOutput(0, c.g.op<MatmulOp>({c.input(0), c.input(1)}));
  return success();
}

LogicalResult convertGemm(NodeContext &c) {
  SmallVector<NamedAttribute> attrs;
  if (c.getInt("transA", 0)) {
    attrs.push_back(c.g.boolean("trans_a", true));
  }
  if (c.getInt("transB", 0)) {
    attrs.push_back(c.g.boolean("trans_b", true));
  }
  if (c.attr("alpha")) {
    attrs.push_back(c.g.f64("alpha", c.getFloat("alpha", 1.0)));
  }
  if (c.attr("beta")) {
    attrs.push_back(c.g.f64("beta", c.getFloat("beta", 1.0)));
  }
  SmallVector<Value> operands = {c.input(0), c.input(1)};
  if (c.hasInput(2)) {
    operands.push_back(c.input(2));
  }
  if (c.opset < 7 && c.hasInput(2) && !c.getInt("broadcast", 0)) {
    // Without broadcast=1, C must already be [M, N].
    ArrayRef<int64_t> a = shapeOf(c.input(0)), b = shapeOf(c.input(1));
    ArrayRef<int64_t> cShape = shapeOf(c.input(2));
    if (a.size() != 2 || b.size() != 2) {
      return c.fail("A and B must be matrices");
    }
    int64_t m = c.getInt("transA", 0) ? a[1] : a[0];
    int64_t n = c.getInt("transB", 0) ? b[0] : b[1];
    auto matches = [](int64_t x, int64_t y) {
      return ShapedType::isDynamic(x) || ShapedType::isDynamic(y) || x == y;
    };
    if (cShape.size() != 2 || !matches(cShape[0], m) ||
        !matches(cShape[1], n)) {
      return c.fail("C must have shape [M, N] unless broadcast=1 (before "
                    "opset 7)");
    }
  }
  c.setOutput(0, c.g.op<GemmOp>(operands, attrs));
  return success();
}

LogicalResult convertConv(NodeContext &c) {
  Value input = c.input(0), weight = c.input(1);
  ArrayRef<int64_t> w = shapeOf(weight);
  if (w.size() < 3) {
    return c.fail("the weight must have rank 3 or more");
  }
  SmallVector<NamedAttribute> attrs;
  if (failed(addWindowAttrs(c, input, w.drop_front(2), true, attrs))) {
    return failure();
  }
  if (c.getInt("group", 1) != 1) {
    attrs.push_back(c.g.i64("group", c.getInt("group", 1)));
  }
  SmallVector<Value> operands = {input, weight};
  if (c.hasInput(2)) {
    operands.push_back(c.input(2));
  }
  c.setOutput(0, c.g.op<ConvOp>(operands, attrs));
  return success();
}

template <typename OpTy, bool isMax> LogicalResult convertPool(NodeContext &c) {
  std::optional<std::vector<int64_t>> kernel = c.getInts("kernel_shape");
  if (!kernel) {
    return c.fail("the kernel_shape attribute is required");
  }
  SmallVector<NamedAttribute> attrs = {c.g.i64s("kernel_shape", *kernel)};
  if (failed(addWindowAttrs(c, c.input(0), *kernel, isMax, attrs))) {
    return failure();
  }
  if (c.getInt("ceil_mode", 0)) {
    attrs.push_back(c.g.boolean("ceil_mode", true));
  }
  if (!isMax && c.getInt("count_include_pad", 0)) {
    attrs.push_back(c.g.boolean("count_include_pad", true));
  }
  c.setOutput(0, c.g.op<OpTy>({c.input(0)}, attrs));
  if constexpr (isMax) {
    // MaxPool's optional Indices output (opset 8+).
    if (c.outputUsed(1)) {
      int64_t order = c.getInt("storage_order", 0);
      if (order != 0 && order != 1) {
        return c.fail("storage_order must be 0 or 1, not " + Twine(order));
      }
      if (order == 1) {
        attrs.push_back(c.g.boolean("column_major", true));
      }
      c.setOutput(1, c.g.op<MaxPoolIndicesOp>({c.input(0)}, attrs));
    }
  }
  return success();
}

template <typename OpTy> LogicalResult convertGlobalPool(NodeContext &c) {
  c.setOutput(0, c.g.op<OpTy>({c.input(0)}));
  return success();
}

LogicalResult convertBatchNorm(NodeContext &c) {
  if (c.getInt("training_mode", 0)) {
    return c.fail("training_mode=1 is not supported (inference only)");
  }
  if (c.opset < 7 && !c.getInt("is_test", 0)) {
    return c.fail("is_test=0 (training mode) is not supported; export the "
                  "model for inference (is_test=1)");
  }
  if (c.opset < 9 && !c.getInt("spatial", 1)) {
    return c.fail("spatial=0 (per-activation statistics) is not supported");
  }
  SmallVector<NamedAttribute> attrs;
  if (c.attr("epsilon")) {
    attrs.push_back(c.g.f64("epsilon", c.getFloat("epsilon", 1e-5)));
  }
  c.setOutput(0, c.g.op<BatchNormOp>({c.input(0), c.input(1), c.input(2),
                                      c.input(3), c.input(4)},
                                     attrs));
  return success();
}

/// Softmax/LogSoftmax. From opset 13 along one axis (default -1); before,
/// the input is coerced to 2-D [prod(d[:axis]), prod(d[axis:])] (default
/// axis 1) and normalized along the second dimension.
template <typename OpTy> LogicalResult convertSoftmax(NodeContext &c) {
  Value input = c.input(0);
  ArrayRef<int64_t> shape = shapeOf(input);
  int64_t rank = shape.size();
  int64_t axis = c.getInt("axis", c.opset < 13 ? 1 : -1);
  if (axis < -rank || axis >= std::max<int64_t>(rank, 1)) {
    return c.fail("axis " + Twine(axis) + " is out of range for rank " +
                  Twine(rank));
  }
  if (axis < 0) {
    axis += rank;
  }
  if (c.opset >= 13 || axis == rank - 1) {
    c.setOutput(0, c.g.op<OpTy>({input}, {c.g.i64("axis", axis)}));
    return success();
  }
  // Both semantics agree only when the trailing block is a single axis.
  std::optional<int64_t> outer = staticElementCount(shape.take_front(axis));
  std::optional<int64_t> inner = staticElementCount(shape.drop_front(axis));
  if (!outer || !inner) {
    return c.fail("opset < 13 softmax over axes [" + Twine(axis) + ", " +
                  Twine(rank) + ") needs a static input shape");
  }
  Type element = cast<RankedTensorType>(input.getType()).getElementType();
  auto flatType = RankedTensorType::get({*outer, *inner}, element);
  Value flat = c.g.op<ReshapeOp>({input}, {}, {flatType});
  Value normalized = c.g.op<OpTy>({flat}, {c.g.i64("axis", 1)});
  c.setOutput(0, c.g.op<ReshapeOp>({normalized}, {}, {input.getType()}));
  return success();
}
} // namespace

void mlir::nn::onnx_import::addNetworkConverters(ConverterTable &table) {
  table["MatMul"] = convertMatMul;
  table["Gemm"] = convertGemm;
  table["Conv"] = convertConv;
  table["MaxPool"] = convertPool<MaxPoolOp, true>;
  table["AveragePool"] = convertPool<AvgPoolOp, false>;
  table["GlobalAveragePool"] = convertGlobalPool<GlobalAvgPoolOp>;
  table["GlobalMaxPool"] = convertGlobalPool<GlobalMaxPoolOp>;
  table["BatchNormalization"] = convertBatchNorm;
  table["Softmax"] = convertSoftmax<SoftmaxOp>;
  table["LogSoftmax"] = convertSoftmax<LogSoftmaxOp>;
}
