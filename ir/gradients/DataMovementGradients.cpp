//===- DataMovementGradients.cpp - rules of the layout ops ------*- C++ -*-===//
//
// The adjoint of moving data is moving the gradient back:
//   reshape/squeeze/unsqueeze  reshape g      transpose  inverse permutation
//   concat   slice g per input                split      concat the gradients
//   slice    pad g back (strides interleave zeros, negative steps reverse)
//   pad      pad g with the negated pads (constant mode)
//   broadcast, tile   sum the copies        trilu   trilu(g)
//   gather   nn.gather_grad (scatter-add)
//   (resize and gather_elements: ResizeGatherGradients.cpp)
// Integer operands (indices) never get a gradient.
//
//===----------------------------------------------------------------------===//

#include "ir/gradients/GradientBuilder.h"

#include <limits>

using namespace mlir;
using namespace mlir::nn;

namespace {
using GB = GradientBuilder;

/// Pads (negative: crops) `x` along `axis`, zeros filling.
Value padAxis(GB &b, Value x, int64_t axis, int64_t before, int64_t after) {
  int64_t rank = GB::rank(x);
  if (before == 0 && after == 0) {
    return x;
  }
  SmallVector<int64_t> pads(2 * rank, 0);
  pads[axis] = before;
  pads[rank + axis] = after;
  return b.op<PadOp>(x, pads, PadMode::constant, APFloat(0.0));
}

/// x[start : end : step] along `axis` (ONNX Slice semantics).
Value sliceAxis(GB &b, Value x, int64_t axis, int64_t start, int64_t end,
                int64_t step = 1) {
  SmallVector<NamedAttribute> attrs = {
      b.b.getNamedAttr("starts", b.b.getDenseI64ArrayAttr({start})),
      b.b.getNamedAttr("ends", b.b.getDenseI64ArrayAttr({end})),
      b.b.getNamedAttr("axes", b.b.getDenseI64ArrayAttr({axis}))};
  if (step != 1) {
    attrs.push_back(
        b.b.getNamedAttr("steps", b.b.getDenseI64ArrayAttr({step})));
  }
  return SliceOp::create(b.b, b.loc, ValueRange{x}, attrs)->getResult(0);
}

/// For ops whose gradient is `g` reshaped to the operand.
template <typename OpT>
struct ReshapeLikeGradient
    : GradientOpInterface::ExternalModel<ReshapeLikeGradient<OpT>, OpT> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    operandGrads.assign(
        {b.reshape(resultGrads[0], GB::shape(op->getOperand(0)))});
    return success();
  }
};

struct TransposeGradient
    : GradientOpInterface::ExternalModel<TransposeGradient, TransposeOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    ArrayRef<int64_t> perm = cast<TransposeOp>(op).getPerm();
    SmallVector<int64_t> inverse(perm.size());
    for (auto [i, p] : llvm::enumerate(perm)) {
      inverse[p] = i;
    }
    operandGrads.assign({b.transpose(resultGrads[0], inverse)});
    return success();
  }
};

struct ConcatGradient
    : GradientOpInterface::ExternalModel<ConcatGradient, ConcatOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    int64_t rank = GB::rank(op->getResult(0));
    int64_t axis = cast<ConcatOp>(op).getAxis();
    axis = axis < 0 ? axis + rank : axis;
    int64_t offset = 0;
    operandGrads.clear();
    for (Value in : op->getOperands()) {
      int64_t size = GB::shape(in)[axis];
      operandGrads.push_back(
          sliceAxis(b, resultGrads[0], axis, offset, offset + size));
      offset += size;
    }
    return success();
  }
};

struct SplitGradient
    : GradientOpInterface::ExternalModel<SplitGradient, SplitOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    SmallVector<Value> parts;
    for (auto [g, r] : llvm::zip(resultGrads, op->getResults())) {
      parts.push_back(b.orZeros(g, r.getType()));
    }
    operandGrads.assign(
        {b.op<ConcatOp>(ValueRange(parts), cast<SplitOp>(op).getAxis())});
    return success();
  }
};

struct SliceGradient
    : GradientOpInterface::ExternalModel<SliceGradient, SliceOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    auto slice = cast<SliceOp>(op);
    ArrayRef<int64_t> in = GB::shape(slice.getInput());
    ArrayRef<int64_t> out = GB::shape(slice.getOutput());
    int64_t rank = in.size();
    Value g = resultGrads[0];
    for (auto [i, startAttr] : llvm::enumerate(slice.getStarts())) {
      int64_t axis =
          slice.getAxes() ? (*slice.getAxes())[i] : static_cast<int64_t>(i);
      axis = axis < 0 ? axis + rank : axis;
      int64_t step = slice.getSteps() ? (*slice.getSteps())[i] : 1;
      int64_t d = in[axis], n = out[axis];
      // ONNX: a negative start counts from the end, then clamps.
      int64_t start = startAttr < 0 ? startAttr + d : startAttr;
      start = step > 0 ? std::clamp<int64_t>(start, 0, d)
                       : std::clamp<int64_t>(start, 0, d - 1);
      if (n == 0) {
        g = padAxis(b, g, axis, 0, d);
        continue;
      }
      if (step < 0) {
        // Taking start, start+step, ... is reversing a forward slice that
        // starts at the last element taken.
        g = sliceAxis(b, g, axis, -1, std::numeric_limits<int64_t>::min(), -1);
        start += (n - 1) * step;
        step = -step;
      }
      int64_t size = n;
      if (step > 1) {
        // Interleave step-1 zeros after each element: [.., n, 1, ..] padded
        // to [.., n, step, ..], then flattened.
        SmallVector<int64_t> s(GB::shape(g));
        s.insert(s.begin() + axis + 1, 1);
        Value e = padAxis(b, b.reshape(g, s), axis + 1, 0, step - 1);
        s.erase(s.begin() + axis + 1);
        s[axis] = n * step;
        g = b.reshape(e, s);
        size = n * step;
      }
      g = padAxis(b, g, axis, start, d - start - size);
    }
    operandGrads.assign({g});
    return success();
  }
};

struct PadGradient : GradientOpInterface::ExternalModel<PadGradient, PadOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    auto pad = cast<PadOp>(op);
    if (pad.getMode() != PadMode::constant) {
      return op->emitError("no gradient rule for nn.pad in mode '")
             << stringifyPadMode(pad.getMode())
             << "'; only constant padding is differentiable";
    }
    GB b(builder, op);
    SmallVector<int64_t> crop =
        llvm::map_to_vector(pad.getPads(), [](int64_t p) { return -p; });
    operandGrads.assign(
        {b.op<PadOp>(resultGrads[0], crop, PadMode::constant, APFloat(0.0))});
    return success();
  }
};

struct BroadcastGradient
    : GradientOpInterface::ExternalModel<BroadcastGradient, BroadcastOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    operandGrads.assign(
        {b.sumToShape(resultGrads[0], op->getOperand(0).getType())});
    return success();
  }
};

struct TileGradient : GradientOpInterface::ExternalModel<TileGradient, TileOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    auto tile = cast<TileOp>(op);
    ArrayRef<int64_t> in = GB::shape(tile.getInput());
    // [r0 * d0, r1 * d1, ..] -> [r0, d0, r1, d1, ..], summed over the r's.
    SmallVector<int64_t> split, axes;
    for (auto [i, r] : llvm::enumerate(tile.getRepeats())) {
      split.append({r, in[i]});
      axes.push_back(2 * i);
    }
    Value s = b.sum(b.reshape(resultGrads[0], split), axes, false);
    operandGrads.assign({b.reshape(s, in)});
    return success();
  }
};

struct TriluGradient
    : GradientOpInterface::ExternalModel<TriluGradient, TriluOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    auto trilu = cast<TriluOp>(op);
    operandGrads.assign(
        {b.op<TriluOp>(resultGrads[0], trilu.getUpper(), trilu.getK())});
    return success();
  }
};
/// Scatter-add of the gradient slices back to the rows they were read from.
struct GatherGradient
    : GradientOpInterface::ExternalModel<GatherGradient, GatherOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    auto gather = cast<GatherOp>(op);
    Value data = gather.getData();
    if (!isa<FloatType>(getElementTypeOrSelf(data))) {
      operandGrads.assign({Value(), Value()});
      return success();
    }
    operandGrads.assign(
        {GatherGradOp::create(builder, op->getLoc(), data.getType(),
                              ValueRange{resultGrads[0], gather.getIndices()},
                              GB::copyAttrs(op, {"axis"}))
             .getResult(),
         Value()});
    return success();
  }
};
} // namespace

void mlir::nn::attachDataMovementGradients(MLIRContext &ctx) {
  GatherOp::attachInterface<GatherGradient>(ctx);
  ReshapeOp::attachInterface<ReshapeLikeGradient<ReshapeOp>>(ctx);
  SqueezeOp::attachInterface<ReshapeLikeGradient<SqueezeOp>>(ctx);
  UnsqueezeOp::attachInterface<ReshapeLikeGradient<UnsqueezeOp>>(ctx);
  TransposeOp::attachInterface<TransposeGradient>(ctx);
  ConcatOp::attachInterface<ConcatGradient>(ctx);
  SplitOp::attachInterface<SplitGradient>(ctx);
  SliceOp::attachInterface<SliceGradient>(ctx);
  PadOp::attachInterface<PadGradient>(ctx);
  BroadcastOp::attachInterface<BroadcastGradient>(ctx);
  TileOp::attachInterface<TileGradient>(ctx);
  TriluOp::attachInterface<TriluGradient>(ctx);
}
