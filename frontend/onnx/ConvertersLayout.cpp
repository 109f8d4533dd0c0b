//===- ConvertersLayout.cpp - ONNX resampling and layout ops → nn -*- C++
//-*-===//
//
// Resize/Upsample (to nn.resize with the output shape computed from
// constant scales or sizes), Split, Expand (to nn.broadcast with the
// bidirectionally broadcast shape), Tile, Pad and Range (folded to an
// nn.constant). Every shape-like operand (scales, sizes, split, shape,
// repeats, pads, Range bounds) must be a constant known at import time.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/Converters.h"
#include "frontend/onnx/ModelLoader.h"

#include <cmath>
#include <cstring>

using namespace mlir;
using namespace mlir::nn;
using namespace mlir::nn::onnx_import;

namespace {
RankedTensorType typeOf(Value v) { return cast<RankedTensorType>(v.getType()); }

/// A float32/float64 constant input `i` as doubles.
std::optional<std::vector<double>> constantFloats(NodeContext &c, int i) {
  const onnx::TensorProto *t = c.constantInput(i);
  if (!t) {
    return std::nullopt;
  }
  std::string bytes = tensorBytes(*t);
  std::vector<double> result;
  if (t->data_type() == onnx::TensorProto::FLOAT) {
    for (size_t k = 0; k + 4 <= bytes.size(); k += 4) {
      float v;
      std::memcpy(&v, bytes.data() + k, 4);
      result.push_back(v);
    }
  } else if (t->data_type() == onnx::TensorProto::DOUBLE) {
    for (size_t k = 0; k + 8 <= bytes.size(); k += 8) {
      double v;
      std::memcpy(&v, bytes.data() + k, 8);
      result.push_back(v);
    }
  } else {
    return std::nullopt;
  }
  return result;
}

/// Resize (opset 10: scales input 1; from 11: roi, scales, sizes inputs 1-3)
/// and Upsample (opset 7: scales attribute; 9: scales input 1). Before opset
/// 11 the coordinate mapping is `asymmetric` with `floor` rounding, which is
/// what Upsample's repeat semantics and the ONNX 10→11 adapter give.
LogicalResult convertResize(NodeContext &c) {
  MLIRContext *ctx = &c.g.getContext();
  Value input = c.input(0);
  RankedTensorType type = typeOf(input);
  int64_t rank = type.getRank();
  bool legacy = c.node.op_type() == "Upsample" || c.opset < 11;

  std::string mode = c.getString("mode", "nearest");
  ResizeMode resizeMode;
  if (mode == "nearest") {
    resizeMode = ResizeMode::nearest;
  } else if (mode == "linear" || mode == "bilinear") {
    resizeMode = ResizeMode::linear;
  } else {
    return c.fail("mode '" + mode +
                  "' is not supported (use nearest or linear)");
  }
  CoordinateTransform coord = CoordinateTransform::asymmetric;
  NearestMode nearest = NearestMode::floor;
  if (!legacy) {
    std::string ct =
        c.getString("coordinate_transformation_mode", "half_pixel");
    std::optional<CoordinateTransform> parsed =
        symbolizeCoordinateTransform(ct);
    if (!parsed) {
      return c.fail("coordinate_transformation_mode '" + ct +
                    "' is not supported (use half_pixel, pytorch_half_pixel, "
                    "tf_half_pixel_for_nn, "
                    "align_corners or asymmetric)");
    }
    coord = *parsed;
    std::string nm = c.getString("nearest_mode", "round_prefer_floor");
    std::optional<NearestMode> parsedNearest = symbolizeNearestMode(nm);
    if (!parsedNearest) {
      return c.fail("nearest_mode '" + nm + "' is not supported");
    }
    nearest = *parsedNearest;
  }

  std::optional<std::vector<double>> scales;
  std::optional<std::vector<int64_t>> sizes;
  if (c.node.op_type() == "Upsample" && c.opset < 9) {
    const onnx::AttributeProto *a = c.attr("scales");
    if (!a) {
      return c.fail("the scales attribute is required");
    }
    scales = std::vector<double>(a->floats().begin(), a->floats().end());
  } else {
    int scalesIndex = legacy ? 1 : 2;
    if (c.hasInput(scalesIndex)) {
      scales = constantFloats(c, scalesIndex);
      if (!scales) {
        return c.fail("the scales input must be a float constant");
      }
      // Opset 11-12 pass an empty scales tensor when sizes are given.
      if (scales->empty()) {
        scales.reset();
      }
    }
    if (!legacy && c.hasInput(3)) {
      sizes = c.constantInts(3);
      if (!sizes) {
        return c.fail("the sizes input must be a constant");
      }
    }
  }
  if (scales.has_value() == sizes.has_value()) {
    return c.fail("exactly one of scales and sizes must be given");
  }

  SmallVector<int64_t> shape;
  if (scales) {
    if (static_cast<int64_t>(scales->size()) != rank) {
      return c.fail("scales has " + Twine(scales->size()) +
                    " entries but the input has rank " + Twine(rank));
    }
    for (int64_t i = 0; i < rank; ++i) {
      double s = (*scales)[i];
      if (!(s > 0.0)) {
        return c.fail("scales must be positive");
      }
      int64_t d = type.getDimSize(i);
      shape.push_back(
          ShapedType::isDynamic(d)
              ? d
              : static_cast<int64_t>(std::floor(static_cast<double>(d) * s)));
    }
  } else {
    if (static_cast<int64_t>(sizes->size()) != rank) {
      return c.fail("sizes has " + Twine(sizes->size()) +
                    " entries but the input has rank " + Twine(rank));
    }
    for (int64_t s : *sizes) {
      if (s <= 0) {
        return c.fail("sizes must be positive");
      }
      shape.push_back(s);
    }
  }

  SmallVector<NamedAttribute> attrs = {NamedAttribute(
      StringAttr::get(ctx, "mode"), ResizeModeAttr::get(ctx, resizeMode))};
  if (coord != CoordinateTransform::half_pixel) {
    attrs.emplace_back(StringAttr::get(ctx, "coordinate_transformation"),
                       CoordinateTransformAttr::get(ctx, coord));
  }
  if (resizeMode == ResizeMode::nearest &&
      nearest != NearestMode::round_prefer_floor) {
    attrs.emplace_back(StringAttr::get(ctx, "nearest_mode"),
                       NearestModeAttr::get(ctx, nearest));
  }
  if (scales) {
    attrs.emplace_back(StringAttr::get(ctx, "scales"),
                       DenseF64ArrayAttr::get(ctx, *scales));
  }
  c.setOutput(0, c.g.op<ResizeOp>({input}, attrs, {type.clone(shape)}));
  return success();
}

/// Split: sizes from the `split` attribute (before opset 13) or the constant
/// input 1; equal parts, one per output, when absent.
LogicalResult convertSplit(NodeContext &c) {
  Value input = c.input(0);
  RankedTensorType type = typeOf(input);
  int64_t rank = type.getRank();
  int64_t axis = c.getInt("axis", 0);
  if (axis < -rank || axis >= rank) {
    return c.fail("axis " + Twine(axis) + " is out of range for rank " +
                  Twine(rank));
  }
  if (axis < 0) {
    axis += rank;
  }
  std::optional<std::vector<int64_t>> sizes;
  if (c.opset < 13) {
    sizes = c.getInts("split");
  } else if (c.hasInput(1)) {
    sizes = c.constantInts(1);
    if (!sizes) {
      return c.fail("the split input must be a constant");
    }
  }
  int64_t parts = c.node.output_size();
  if (!sizes) {
    int64_t extent = type.getDimSize(axis);
    if (ShapedType::isDynamic(extent)) {
      return c.fail("an equal split needs a static extent along axis " +
                    Twine(axis));
    }
    if (parts == 0 || extent % parts != 0) {
      return c.fail("extent " + Twine(extent) + " does not split into " +
                    Twine(parts) + " equal parts");
    }
    sizes = std::vector<int64_t>(parts, extent / parts);
  }
  if (static_cast<int64_t>(sizes->size()) != parts) {
    return c.fail("split has " + Twine(sizes->size()) +
                  " entries but the node has " + Twine(parts) + " outputs");
  }
  SmallVector<Value> results = c.g.ops<SplitOp>(
      {input}, {c.g.i64("axis", axis), c.g.i64s("sizes", *sizes)});
  for (auto [i, result] : llvm::enumerate(results)) {
    c.setOutput(i, result);
  }
  return success();
}

/// Expand: the result shape is the bidirectional broadcast of the input
/// shape and the constant `shape` operand.
LogicalResult convertExpand(NodeContext &c) {
  Value input = c.input(0);
  RankedTensorType type = typeOf(input);
  std::optional<std::vector<int64_t>> target = c.constantInts(1);
  if (!target) {
    return c.fail("the shape input must be a constant");
  }
  ArrayRef<int64_t> in = type.getShape();
  size_t rank = std::max(in.size(), target->size());
  SmallVector<int64_t> shape(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t a = i < rank - in.size() ? 1 : in[i - (rank - in.size())];
    int64_t b =
        i < rank - target->size() ? 1 : (*target)[i - (rank - target->size())];
    if (b < 0) {
      return c.fail("invalid shape entry " + Twine(b));
    }
    if (a == 1) {
      shape[i] = b;
    } else if (b == 1 || a == b) {
      shape[i] = a;
    } else if (ShapedType::isDynamic(a)) {
      shape[i] = b;
    } else {
      return c.fail("extent " + Twine(a) + " does not broadcast to " +
                    Twine(b));
    }
  }
  c.setOutput(0, c.g.op<BroadcastOp>({input}, {}, {type.clone(shape)}));
  return success();
}

LogicalResult convertTile(NodeContext &c) {
  std::optional<std::vector<int64_t>> repeats = c.constantInts(1);
  if (!repeats) {
    return c.fail("the repeats input must be a constant");
  }
  c.setOutput(0, c.g.op<TileOp>({c.input(0)}, {c.g.i64s("repeats", *repeats)}));
  return success();
}

/// Pad: `paddings` (opset 1) / `pads` and `value` attributes before opset
/// 11, constant `pads` and `constant_value` inputs from 11.
LogicalResult convertPad(NodeContext &c) {
  MLIRContext *ctx = &c.g.getContext();
  std::optional<std::vector<int64_t>> pads;
  double value = 0.0;
  if (c.opset < 11) {
    pads = c.getInts(c.opset < 2 ? "paddings" : "pads");
    if (!pads) {
      return c.fail("the pads attribute is required");
    }
    value = c.getFloat("value", 0.0);
  } else {
    pads = c.constantInts(1);
    if (!pads) {
      return c.fail("the pads input must be a constant");
    }
    if (c.hasInput(2)) {
      std::optional<double> v = c.constantScalar(2);
      if (!v) {
        return c.fail("the constant_value input must be a constant scalar");
      }
      value = *v;
    }
    if (c.hasInput(3)) {
      return c.fail("the axes input is not supported");
    }
  }
  std::string mode = c.getString("mode", "constant");
  std::optional<PadMode> padMode = symbolizePadMode(mode);
  if (!padMode) {
    return c.fail("mode '" + mode +
                  "' is not supported (use constant, reflect or edge)");
  }
  SmallVector<NamedAttribute> attrs = {c.g.i64s("pads", *pads)};
  if (*padMode != PadMode::constant) {
    attrs.emplace_back(StringAttr::get(ctx, "mode"),
                       PadModeAttr::get(ctx, *padMode));
  }
  if (value != 0.0) {
    attrs.push_back(c.g.f64("value", value));
  }
  c.setOutput(0, c.g.op<PadOp>({c.input(0)}, attrs));
  return success();
}

/// Range with constant start, limit and delta, folded to a constant:
/// output[i] = start + i * delta for i < max(ceil((limit - start) / delta), 0).
LogicalResult convertRange(NodeContext &c) {
  constexpr int64_t kMaxRangeElements = int64_t(1) << 24;
  std::optional<double> start = c.constantScalar(0);
  std::optional<double> limit = c.constantScalar(1);
  std::optional<double> delta = c.constantScalar(2);
  if (!start || !limit || !delta) {
    return c.fail("start, limit and delta must be constant scalars");
  }
  if (*delta == 0.0) {
    return c.fail("delta must not be 0");
  }
  Type element = typeOf(c.input(0)).getElementType();
  double count = std::ceil((*limit - *start) / *delta);
  int64_t n = count > 0 ? static_cast<int64_t>(count) : 0;
  if (n > kMaxRangeElements) {
    return c.fail("the range has " + Twine(n) + " elements, more than " +
                  Twine(kMaxRangeElements));
  }
  auto type = RankedTensorType::get({n}, element);
  ElementsAttr value;
  if (element.isF32()) {
    SmallVector<float> v;
    for (int64_t i = 0; i < n; ++i) {
      v.push_back(static_cast<float>(*start) +
                  static_cast<float>(i) * static_cast<float>(*delta));
    }
    value = DenseElementsAttr::get(type, ArrayRef<float>(v));
  } else if (element.isF64()) {
    SmallVector<double> v;
    for (int64_t i = 0; i < n; ++i) {
      v.push_back(*start + static_cast<double>(i) * *delta);
    }
    value = DenseElementsAttr::get(type, ArrayRef<double>(v));
  } else if (auto intType = dyn_cast<IntegerType>(element);
             intType && intType.getWidth() > 1) {
    SmallVector<APInt> v;
    auto s = static_cast<int64_t>(*start), d = static_cast<int64_t>(*delta);
    for (int64_t i = 0; i < n; ++i) {
      v.push_back(APInt(intType.getWidth(), static_cast<uint64_t>(s + i * d),
                        /*isSigned=*/true, /*implicitTrunc=*/true));
    }
    value = DenseElementsAttr::get(type, ArrayRef<APInt>(v));
  } else {
    return c.fail("only float, double and integer ranges are supported");
  }
  c.setOutput(
      0, c.g.op<ConstantOp>(
             {}, {NamedAttribute(StringAttr::get(&c.g.getContext(), "value"),
                                 value)}));
  return success();
}
} // namespace

void mlir::nn::onnx_import::addLayoutConverters(ConverterTable &table) {
  table["Resize"] = convertResize;
  table["Upsample"] = convertResize;
  table["Split"] = convertSplit;
  table["Expand"] = convertExpand;
  table["Tile"] = convertTile;
  table["Pad"] = convertPad;
  table["Range"] = convertRange;
}
