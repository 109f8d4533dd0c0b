//===- ResizeGatherGradients.cpp - rules of resize and gather_elements ----===//
//
// Both adjoints are built from existing nn ops, so no new lowering is needed
// on any backend:
//   resize           resize is linear and separable: on each resized axis,
//                    y = W x with W [out, in] the interpolation weights of
//                    that axis (computed here exactly as the lowering in
//                    codegen/LowerGatherPadResize.cpp computes coordinates),
//                    so dx applies W^T axis by axis (transpose + matmul).
//   gather_elements  scatter-add as a one-hot contraction: compare the
//                    (wrapped, clamped) indices with [0, A) along a new axis,
//                    multiply by g and sum over the indexed axis, then pad
//                    the other axes up to the data's extents.
//
//===----------------------------------------------------------------------===//

#include "ir/gradients/GradientBuilder.h"

#include <cmath>

using namespace mlir;
using namespace mlir::nn;

namespace {
using GB = GradientBuilder;

/// The weights W[o][i] of one resized axis (in -> out), as the forward
/// lowering evaluates them in double precision.
std::vector<double> resizeWeights(ResizeOp op, int64_t in, int64_t out,
                                  double scale, double outLen) {
  std::vector<double> w(out * in, 0.0);
  auto clampIndex = [&](double f) {
    int64_t i = static_cast<int64_t>(f); // fptosi, as the lowering
    return std::min(std::max<int64_t>(i, 0), in - 1);
  };
  for (int64_t o = 0; o < out; ++o) {
    double x = static_cast<double>(o), c = 0;
    switch (op.getCoordinateTransformation()) {
    case CoordinateTransform::half_pixel:
      c = (x + 0.5) / scale - 0.5;
      break;
    case CoordinateTransform::pytorch_half_pixel:
      c = outLen > 1 ? (x + 0.5) / scale - 0.5 : 0.0;
      break;
    case CoordinateTransform::align_corners:
      c = outLen == 1 ? 0.0 : x * (in - 1.0) / (outLen - 1.0);
      break;
    case CoordinateTransform::asymmetric:
      c = x / scale;
      break;
    case CoordinateTransform::tf_half_pixel_for_nn:
      c = (x + 0.5) / scale;
      break;
    }
    if (op.getMode() == ResizeMode::linear) {
      double f = std::floor(c);
      w[o * in + clampIndex(f)] += 1.0 - (c - f);
      w[o * in + clampIndex(f + 1.0)] += c - f;
      continue;
    }
    double r = 0;
    switch (op.getNearestMode()) {
    case NearestMode::round_prefer_floor:
      r = std::ceil(c - 0.5);
      break;
    case NearestMode::round_prefer_ceil:
      r = std::floor(c + 0.5);
      break;
    case NearestMode::floor:
      r = std::floor(c);
      break;
    case NearestMode::ceil:
      r = std::ceil(c);
      break;
    }
    w[o * in + clampIndex(r)] = 1.0;
  }
  return w;
}

/// A constant [rows, cols] of `values` in `element` (f64 kept exact).
Value matrixConstant(GB &b, ArrayRef<double> values, int64_t rows, int64_t cols,
                     Type element) {
  if (element.isF64()) {
    auto type = RankedTensorType::get({rows, cols}, element);
    return ConstantOp::create(b.b, b.loc, type,
                              DenseElementsAttr::get(type, values));
  }
  auto type = RankedTensorType::get({rows, cols}, b.b.getF32Type());
  SmallVector<float> f(values.begin(), values.end());
  Value c = ConstantOp::create(b.b, b.loc, type,
                               DenseElementsAttr::get(type, ArrayRef(f)));
  return b.convert(c, element);
}

struct ResizeGradient
    : GradientOpInterface::ExternalModel<ResizeGradient, ResizeOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    auto resize = cast<ResizeOp>(op);
    GB b(builder, op);
    ArrayRef<int64_t> inShape = GB::shape(resize.getInput());
    ArrayRef<int64_t> outShape = GB::shape(resize.getOutput());
    Type element = getElementTypeOrSelf(resize.getInput().getType());
    std::optional<ArrayRef<double>> scales = resize.getScales();
    int64_t rank = inShape.size();
    Value g = resultGrads[0];
    for (int64_t d = 0; d < rank; ++d) {
      int64_t in = inShape[d], out = outShape[d];
      // The lowering leaves these axes alone (see ResizeOpLowering).
      if (scales ? (*scales)[d] == 1.0 : in == out) {
        continue;
      }
      double scale = scales ? (*scales)[d] : double(out) / double(in);
      double outLen = scales ? in * scale : double(out);
      std::vector<double> w = resizeWeights(resize, in, out, scale, outLen);
      // g [..., out_d, ...] -> [..., in_d, ...]: move d last, matmul by W.
      SmallVector<int64_t> perm, inverse(rank);
      for (int64_t k = 0; k < rank; ++k) {
        if (k != d) {
          perm.push_back(k);
        }
      }
      perm.push_back(d);
      for (int64_t k = 0; k < rank; ++k) {
        inverse[perm[k]] = k;
      }
      Value moved = d == rank - 1 ? g : b.transpose(g, perm);
      Value prod =
          b.op<MatmulOp>(moved, matrixConstant(b, w, out, in, element));
      g = d == rank - 1 ? prod : b.transpose(prod, inverse);
    }
    operandGrads.assign({g});
    return success();
  }
};

struct GatherElementsGradient
    : GradientOpInterface::ExternalModel<GatherElementsGradient,
                                         GatherElementsOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    auto gather = cast<GatherElementsOp>(op);
    Value data = gather.getData(), indices = gather.getIndices();
    if (!isa<FloatType>(getElementTypeOrSelf(data))) {
      operandGrads.assign({Value(), Value()});
      return success();
    }
    GB b(builder, op);
    ArrayRef<int64_t> dataShape = GB::shape(data);
    SmallVector<int64_t> idxShape(GB::shape(indices));
    int64_t rank = dataShape.size();
    // The accessor is unsigned (I64Attr): read it as a signed axis.
    int64_t axis = static_cast<int64_t>(gather.getAxis());
    axis = axis < 0 ? axis + rank : axis;
    int64_t extent = dataShape[axis];
    // The index each element read: negative ones wrap, then clamped into
    // [0, extent - 1] as the lowering reads.
    Value i = b.select(b.cmp(CmpPredicate::lt, indices, b.scalar(0, indices)),
                       b.add(indices, b.scalar(extent, indices)), indices);
    i = b.select(b.cmp(CmpPredicate::lt, i, b.scalar(0, i)), b.scalar(0, i), i);
    i = b.select(b.cmp(CmpPredicate::gt, i, b.scalar(extent - 1, i)),
                 b.scalar(extent - 1, i), i);
    // onehot[..., j, a, ...] = (i[..., j, ...] == a), a new axis after axis.
    SmallVector<int64_t> expanded(idxShape);
    expanded.insert(expanded.begin() + axis + 1, 1);
    Value onehot = b.cmp(
        CmpPredicate::eq, b.reshape(i, expanded),
        b.iota(extent, getElementTypeOrSelf(indices), axis + 1, rank + 1));
    Value g = b.reshape(resultGrads[0], expanded);
    Value scattered =
        b.sum(b.mul(b.toFloat(onehot, g), g), {axis}, /*keepdims=*/false);
    // Positions off `axis` that the indices did not cover get zeros.
    SmallVector<int64_t> pads(2 * rank, 0);
    bool pad = false;
    for (int64_t k = 0; k < rank; ++k) {
      if (k != axis && idxShape[k] < dataShape[k]) {
        pads[rank + k] = dataShape[k] - idxShape[k];
        pad = true;
      }
    }
    if (pad) {
      scattered = b.op<PadOp>(scattered, pads, PadMode::constant, APFloat(0.0));
    }
    operandGrads.assign({scattered, Value()});
    return success();
  }
};
} // namespace

void mlir::nn::attachResizeGatherGradients(MLIRContext &ctx) {
  ResizeOp::attachInterface<ResizeGradient>(ctx);
  GatherElementsOp::attachInterface<GatherElementsGradient>(ctx);
}
