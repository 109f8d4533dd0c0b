//===- ConvertersDataMovement.cpp - ONNX layout ops → nn --------*- C++ -*-===//
//
// Identity (the input), Constant, Flatten and Reshape
// (to nn.reshape with a computed result type; Reshape's shape must be a
// constant), Transpose, Concat, Squeeze/Unsqueeze (axes attribute before
// opset 13, constant input from 13), Gather and Cast. Concat's axis defaults to
// 1 before opset 4; Cast's `to` is a type name before opset 6.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/Converters.h"

using namespace mlir;
using namespace mlir::nn;
using namespace mlir::nn::onnx_import;

namespace {
RankedTensorType typeOf(Value v) { return cast<RankedTensorType>(v.getType()); }

LogicalResult convertIdentity(NodeContext &c) {
  c.setOutput(0, c.input(0));
  return success();
}

LogicalResult convertConstant(NodeContext &c) {
  MLIRContext *ctx = &c.g.getContext();
  Builder b(ctx);
  ElementsAttr value;
  if (const onnx::AttributeProto *a = c.attr("value")) {
    value = convertTensor(ctx, a->t());
  } else if (const onnx::AttributeProto *a = c.attr("value_float")) {
    value = DenseElementsAttr::get(RankedTensorType::get({}, b.getF32Type()),
                                   a->f());
  } else if (const onnx::AttributeProto *a = c.attr("value_int")) {
    value = DenseElementsAttr::get(RankedTensorType::get({}, b.getI64Type()),
                                   static_cast<int64_t>(a->i()));
  } else if (const onnx::AttributeProto *a = c.attr("value_floats")) {
    SmallVector<float> v(a->floats().begin(), a->floats().end());
    value = DenseElementsAttr::get(
        RankedTensorType::get({int64_t(v.size())}, b.getF32Type()),
        ArrayRef<float>(v));
  } else if (const onnx::AttributeProto *a = c.attr("value_ints")) {
    SmallVector<int64_t> v(a->ints().begin(), a->ints().end());
    value = DenseElementsAttr::get(
        RankedTensorType::get({int64_t(v.size())}, b.getI64Type()),
        ArrayRef<int64_t>(v));
  } else {
    return c.fail("only value, value_float(s) and value_int(s) are supported");
  }
  c.setOutput(0,
              c.g.op<ConstantOp>(
                  {}, {NamedAttribute(StringAttr::get(ctx, "value"), value)}));
  return success();
}

/// Product of `dims`, dynamic if any is.
int64_t product(ArrayRef<int64_t> dims) {
  int64_t p = 1;
  for (int64_t d : dims) {
    if (ShapedType::isDynamic(d)) {
      return ShapedType::kDynamic;
    }
    p *= d;
  }
  return p;
}

LogicalResult convertFlatten(NodeContext &c) {
  RankedTensorType type = typeOf(c.input(0));
  int64_t rank = type.getRank();
  int64_t axis = c.getInt("axis", 1);
  if (axis < -rank || axis > rank) {
    return c.fail("axis " + Twine(axis) + " is out of range for rank " +
                  Twine(rank));
  }
  if (axis < 0) {
    axis += rank;
  }
  auto result =
      RankedTensorType::get({product(type.getShape().take_front(axis)),
                             product(type.getShape().drop_front(axis))},
                            type.getElementType());
  c.setOutput(0, c.g.op<ReshapeOp>({c.input(0)}, {}, {result}));
  return success();
}

LogicalResult convertReshape(NodeContext &c) {
  RankedTensorType type = typeOf(c.input(0));
  std::optional<std::vector<int64_t>> shape;
  if (c.opset < 5) {
    shape = c.getInts("shape");
  } else {
    shape = c.constantInts(1);
  }
  if (!shape) {
    return c.fail("the target shape must be a constant");
  }
  bool allowZero = c.getInt("allowzero", 0) != 0;
  SmallVector<int64_t> dims;
  SmallVector<bool> copied(shape->size(), false);
  int inferred = -1;
  for (size_t i = 0; i < shape->size(); ++i) {
    int64_t d = (*shape)[i];
    if (d == 0 && !allowZero) {
      if (i >= static_cast<size_t>(type.getRank())) {
        return c.fail("shape entry " + Twine(i) +
                      " is 0 but the input has no such dimension");
      }
      d = type.getDimSize(i);
      copied[i] = true;
    } else if (d == -1) {
      if (inferred >= 0) {
        return c.fail("the shape has more than one -1");
      }
      inferred = i;
      d = ShapedType::kDynamic;
    } else if (d < 0) {
      return c.fail("invalid shape entry " + Twine(d));
    }
    dims.push_back(d);
  }
  if (inferred >= 0) {
    // Dimensions copied by 0 appear on both sides and cancel, so a dynamic
    // batch copied through still lets -1 be computed.
    int64_t inRest = 1, outRest = 1;
    bool isStatic = true;
    for (int64_t i = 0; i < type.getRank(); ++i) {
      if (i < static_cast<int64_t>(copied.size()) && copied[i]) {
        continue;
      }
      isStatic &= !type.isDynamicDim(i);
      inRest *= type.isDynamicDim(i) ? 1 : type.getDimSize(i);
    }
    for (size_t i = 0; i < dims.size(); ++i) {
      if (static_cast<int>(i) == inferred || copied[i]) {
        continue;
      }
      outRest *= dims[i];
    }
    if (isStatic) {
      if (outRest == 0 || inRest % outRest != 0) {
        return c.fail("cannot reshape " + Twine(inRest) +
                      " elements with the -1 in the shape");
      }
      dims[inferred] = inRest / outRest;
    }
  }
  auto result = RankedTensorType::get(dims, type.getElementType());
  c.setOutput(0, c.g.op<ReshapeOp>({c.input(0)}, {}, {result}));
  return success();
}

LogicalResult convertTranspose(NodeContext &c) {
  int64_t rank = typeOf(c.input(0)).getRank();
  std::vector<int64_t> perm;
  if (auto given = c.getInts("perm")) {
    perm = *given;
  } else {
    for (int64_t i = rank - 1; i >= 0; --i) {
      perm.push_back(i);
    }
  }
  c.setOutput(0, c.g.op<TransposeOp>({c.input(0)}, {c.g.i64s("perm", perm)}));
  return success();
}

LogicalResult convertConcat(NodeContext &c) {
  SmallVector<Value> operands;
  for (int i = 0; i < c.numInputs(); ++i) {
    if (c.hasInput(i)) {
      operands.push_back(c.input(i));
    }
  }
  if (c.opset >= 4 && !c.attr("axis")) {
    return c.fail("the axis attribute is required");
  }
  int64_t axis = c.getInt("axis", 1);
  c.setOutput(0, c.g.op<ConcatOp>(operands, {c.g.i64("axis", axis)}));
  return success();
}

/// Axes from the attribute (before opset 13) or the constant input 1.
LogicalResult getAxes(NodeContext &c,
                      std::optional<std::vector<int64_t>> &axes) {
  if (c.opset < 13) {
    axes = c.getInts("axes");
    return success();
  }
  if (!c.hasInput(1)) {
    return success();
  }
  axes = c.constantInts(1);
  if (!axes) {
    return c.fail("the axes input must be a constant");
  }
  return success();
}

LogicalResult convertSqueeze(NodeContext &c) {
  std::optional<std::vector<int64_t>> axes;
  if (failed(getAxes(c, axes))) {
    return failure();
  }
  SmallVector<NamedAttribute> attrs;
  if (axes) {
    attrs.push_back(c.g.i64s("axes", *axes));
  }
  c.setOutput(0, c.g.op<SqueezeOp>({c.input(0)}, attrs));
  return success();
}

LogicalResult convertUnsqueeze(NodeContext &c) {
  std::optional<std::vector<int64_t>> axes;
  if (failed(getAxes(c, axes))) {
    return failure();
  }
  if (!axes) {
    return c.fail("axes are required");
  }
  c.setOutput(0, c.g.op<UnsqueezeOp>({c.input(0)}, {c.g.i64s("axes", *axes)}));
  return success();
}

LogicalResult convertGather(NodeContext &c) {
  SmallVector<NamedAttribute> attrs;
  if (c.getInt("axis", 0) != 0) {
    attrs.push_back(c.g.i64("axis", c.getInt("axis", 0)));
  }
  c.setOutput(0, c.g.op<GatherOp>({c.input(0), c.input(1)}, attrs));
  return success();
}

LogicalResult convertCast(NodeContext &c) {
  int64_t to = c.getInt("to", 0);
  const onnx::AttributeProto *toAttr = c.attr("to");
  if (c.opset < 6 && toAttr && toAttr->has_s()) {
    // Opset 1 names the type ("FLOAT"); later opsets use the enum value.
    onnx::TensorProto::DataType parsed;
    if (!onnx::TensorProto::DataType_Parse(toAttr->s(), &parsed)) {
      return c.fail("unknown cast target type '" + toAttr->s() + "'");
    }
    to = parsed;
  }
  Type element =
      convertElementType(&c.g.getContext(), static_cast<int32_t>(to));
  if (!element) {
    return c.fail("cast to ONNX data type " + Twine(to) + " is not supported");
  }
  RankedTensorType type = typeOf(c.input(0));
  if (type.getElementType() == element) {
    c.setOutput(0, c.input(0));
    return success();
  }
  c.setOutput(0, c.g.op<CastOp>({c.input(0)}, {}, {type.clone(element)}));
  return success();
}
/// CastLike (opset 15): cast input 0 to the element type of input 1.
LogicalResult convertCastLike(NodeContext &c) {
  RankedTensorType type = typeOf(c.input(0));
  Type element = typeOf(c.input(1)).getElementType();
  if (type.getElementType() == element) {
    c.setOutput(0, c.input(0));
    return success();
  }
  c.setOutput(0, c.g.op<CastOp>({c.input(0)}, {}, {type.clone(element)}));
  return success();
}
} // namespace

void mlir::nn::onnx_import::addDataMovementConverters(ConverterTable &table) {
  table["Identity"] = convertIdentity;
  table["Constant"] = convertConstant;
  table["Flatten"] = convertFlatten;
  table["Reshape"] = convertReshape;
  table["Transpose"] = convertTranspose;
  table["Concat"] = convertConcat;
  table["Squeeze"] = convertSqueeze;
  table["Unsqueeze"] = convertUnsqueeze;
  table["Gather"] = convertGather;
  table["Cast"] = convertCast;
  table["CastLike"] = convertCastLike;
}
