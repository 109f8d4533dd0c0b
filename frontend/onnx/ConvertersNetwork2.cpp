//===- ConvertersNetwork2.cpp - more ONNX layers → nn -----------*- C++ -*-===//
//
// ConvTranspose (auto_pad and output_shape turned into explicit pads per the
// ONNX spec, which needs static spatial extents), PRelu,
// InstanceNormalization, Trilu (constant k) and inference Dropout including
// its mask output (all true, so it needs a static shape).
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/Converters.h"
#include "frontend/onnx/ModelLoader.h"

using namespace mlir;
using namespace mlir::nn;
using namespace mlir::nn::onnx_import;

namespace {
RankedTensorType typeOf(Value v) { return cast<RankedTensorType>(v.getType()); }

/// Python's floor division, which the ONNX spec's formulas use.
int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/// ConvTranspose. With `output_shape` or auto_pad SAME_*, the pads follow
/// the spec: total = stride * (in - 1) + output_padding + (kernel - 1) *
/// dilation + 1 - out, split evenly with the odd one at the end for
/// SAME_UPPER and at the beginning otherwise. A negative end pad (an output
/// larger than the natural one) becomes extra output_padding.
LogicalResult convertConvTranspose(NodeContext &c) {
  Value input = c.input(0), weight = c.input(1);
  ArrayRef<int64_t> x = typeOf(input).getShape();
  ArrayRef<int64_t> w = typeOf(weight).getShape();
  if (w.size() < 3 || x.size() != w.size()) {
    return c.fail("input and weight must have the same rank, 3 or more");
  }
  size_t k = w.size() - 2;
  std::vector<int64_t> kernel(w.begin() + 2, w.end());
  if (auto given = c.getInts("kernel_shape")) {
    if (given->size() != k) {
      return c.fail("kernel_shape must have " + Twine(k) + " entries");
    }
    for (size_t i = 0; i < k; ++i) {
      if (!ShapedType::isDynamic(kernel[i]) && kernel[i] != (*given)[i]) {
        return c.fail("kernel_shape does not match the weight");
      }
    }
    kernel = *given;
  }
  std::vector<int64_t> strides =
      c.getInts("strides").value_or(std::vector<int64_t>(k, 1));
  std::vector<int64_t> dilations =
      c.getInts("dilations").value_or(std::vector<int64_t>(k, 1));
  std::vector<int64_t> outputPadding =
      c.getInts("output_padding").value_or(std::vector<int64_t>(k, 0));
  if (strides.size() != k || dilations.size() != k ||
      outputPadding.size() != k) {
    return c.fail("strides, dilations and output_padding must have one entry "
                  "per spatial dimension (" +
                  Twine(k) + ")");
  }
  std::vector<int64_t> pads =
      c.getInts("pads").value_or(std::vector<int64_t>(2 * k, 0));
  std::string autoPad = c.getString("auto_pad", "NOTSET");
  std::optional<std::vector<int64_t>> outputShape = c.getInts("output_shape");
  bool same = autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER";
  if (!same && autoPad != "NOTSET" && autoPad != "VALID") {
    return c.fail("unknown auto_pad '" + autoPad + "'");
  }
  if (autoPad == "VALID") {
    pads.assign(2 * k, 0);
  }
  if (outputShape || same) {
    if (outputShape && outputShape->size() < k) {
      return c.fail("output_shape must have " + Twine(k) + " entries");
    }
    for (size_t i = 0; i < k; ++i) {
      int64_t in = x[i + 2];
      if (ShapedType::isDynamic(in) || ShapedType::isDynamic(kernel[i])) {
        return c.fail("output_shape and auto_pad need static spatial "
                      "dimensions and kernel");
      }
      // output_shape may list N and C too; the spatial extents are last.
      int64_t target = outputShape ? (*outputShape)[outputShape->size() - k + i]
                                   : in * strides[i];
      int64_t total = strides[i] * (in - 1) + outputPadding[i] +
                      (kernel[i] - 1) * dilations[i] + 1 - target;
      int64_t half = floorDiv(total, 2);
      int64_t begin = autoPad == "SAME_UPPER" ? half : total - half;
      int64_t end = total - begin;
      if (end < 0) {
        outputPadding[i] -= end;
        end = 0;
      }
      if (begin < 0) {
        return c.fail("output_shape is larger than the convolution can "
                      "produce");
      }
      pads[i] = begin;
      pads[i + k] = end;
    }
  }
  if (pads.size() != 2 * k) {
    return c.fail("pads must have " + Twine(2 * k) + " entries");
  }
  auto nonZero = [](ArrayRef<int64_t> v, int64_t dflt) {
    return llvm::any_of(v, [&](int64_t e) { return e != dflt; });
  };
  SmallVector<NamedAttribute> attrs;
  if (nonZero(strides, 1)) {
    attrs.push_back(c.g.i64s("strides", strides));
  }
  if (nonZero(dilations, 1)) {
    attrs.push_back(c.g.i64s("dilations", dilations));
  }
  if (nonZero(pads, 0)) {
    attrs.push_back(c.g.i64s("pads", pads));
  }
  if (nonZero(outputPadding, 0)) {
    attrs.push_back(c.g.i64s("output_padding", outputPadding));
  }
  if (c.getInt("group", 1) != 1) {
    attrs.push_back(c.g.i64("group", c.getInt("group", 1)));
  }
  SmallVector<Value> operands = {input, weight};
  if (c.hasInput(2)) {
    operands.push_back(c.input(2));
  }
  c.setOutput(0, c.g.op<ConvTransposeOp>(operands, attrs));
  return success();
}

LogicalResult convertPRelu(NodeContext &c) {
  Value x = c.input(0), slope = c.input(1);
  if (c.opset < 7) {
    // PRelu-1/6 predates broadcasting: a slope of size 1 is shared, a 1-D
    // slope of size C is per channel (dimension 1), else shapes must match.
    auto xt = cast<RankedTensorType>(x.getType());
    auto st = cast<RankedTensorType>(slope.getType());
    if (st.getRank() == 1 && xt.getRank() > 2 && st.getDimSize(0) != 1 &&
        st.getDimSize(0) == xt.getDimSize(1)) {
      SmallVector<int64_t> shape(xt.getRank() - 1, 1);
      shape[0] = st.getDimSize(0);
      slope = c.g.op<ReshapeOp>(
          {slope}, {}, {RankedTensorType::get(shape, st.getElementType())});
    } else if (st.getNumElements() != 1 && st != xt) {
      return c.fail(
          "a slope of shape " + formatShape(st.getShape()) +
          " is neither a scalar, per-channel, nor the input's shape " +
          formatShape(xt.getShape()) + " (PRelu before opset 7)");
    }
  }
  c.setOutput(0, c.g.op<PReluOp>({x, slope}));
  return success();
}

LogicalResult convertInstanceNorm(NodeContext &c) {
  SmallVector<NamedAttribute> attrs;
  if (c.attr("epsilon")) {
    attrs.push_back(c.g.f64("epsilon", c.getFloat("epsilon", 1e-5)));
  }
  c.setOutput(
      0, c.g.op<InstanceNormOp>({c.input(0), c.input(1), c.input(2)}, attrs));
  return success();
}

LogicalResult convertTrilu(NodeContext &c) {
  SmallVector<NamedAttribute> attrs;
  if (c.getInt("upper", 1) == 0) {
    attrs.push_back(c.g.boolean("upper", false));
  }
  if (c.hasInput(1)) {
    std::optional<std::vector<int64_t>> k = c.constantInts(1);
    if (!k || k->size() != 1) {
      return c.fail("k must be a constant integer scalar");
    }
    if ((*k)[0] != 0) {
      attrs.push_back(c.g.i64("k", (*k)[0]));
    }
  }
  c.setOutput(0, c.g.op<TriluOp>({c.input(0)}, attrs));
  return success();
}

/// True if input `i` is a constant boolean/integer tensor with a non-zero
/// first element; nullopt if it is not a constant.
std::optional<bool> constantFlag(NodeContext &c, int i) {
  const onnx::TensorProto *t = c.constantInput(i);
  if (!t || tensorVolume(*t) != 1) {
    return std::nullopt;
  }
  std::string bytes = tensorBytes(*t);
  return llvm::any_of(bytes, [](char b) { return b != 0; });
}

/// Dropout at inference: the identity. With a constant training_mode of
/// true, only a constant ratio of 0 is the identity too. The mask (opset 10+:
/// bool, before: the input's type) is all ones.
LogicalResult convertDropout(NodeContext &c) {
  Value input = c.input(0);
  RankedTensorType type = typeOf(input);
  if (c.opset < 7 && !c.getInt("is_test", 0)) {
    // Before opset 7, is_test=0 (the default) means training-mode dropout.
    return c.fail("is_test=0 (training-mode dropout) is not supported; "
                  "export the model for inference (is_test=1)");
  }
  if (c.opset >= 12 && c.hasInput(2)) {
    // A training_mode fed at run time is taken as false: nnc compiles for
    // inference. Only a constant true needs the ratio to be 0.
    std::optional<bool> training = constantFlag(c, 2);
    if (training.value_or(false)) {
      std::optional<double> ratio =
          c.hasInput(1) ? c.constantScalar(1) : std::optional<double>(0.5);
      if (!ratio || *ratio != 0.0) {
        return c.fail("training_mode=1 with a non-zero ratio is not "
                      "supported (inference only)");
      }
    }
  }
  c.setOutput(0, input);
  if (!c.outputUsed(1)) {
    return success();
  }
  if (!type.hasStaticShape()) {
    return c.fail("the mask output needs a static input shape");
  }
  MLIRContext *ctx = &c.g.getContext();
  Builder b(ctx);
  Type element = c.opset >= 10 ? b.getI1Type() : type.getElementType();
  Attribute one = isa<FloatType>(element)
                      ? Attribute(b.getFloatAttr(element, 1))
                      : Attribute(b.getIntegerAttr(element, 1));
  auto mask = DenseElementsAttr::get(type.clone(element), one);
  c.setOutput(
      1, c.g.op<ConstantOp>({}, {NamedAttribute(StringAttr::get(ctx, "value"),
                                                cast<ElementsAttr>(mask))}));
  return success();
}
} // namespace

void mlir::nn::onnx_import::addNetwork2Converters(ConverterTable &table) {
  table["ConvTranspose"] = convertConvTranspose;
  table["PRelu"] = convertPRelu;
  table["InstanceNormalization"] = convertInstanceNorm;
  table["Trilu"] = convertTrilu;
  // Replaces the mask-less Dropout of ConvertersDataMovement.cpp (this family
  // is registered after it).
  table["Dropout"] = convertDropout;
}
