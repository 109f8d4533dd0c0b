//===- LowerDataMovement.cpp - nn data-movement ops -> tensor/linalg ------===//
//
// In: nn constant, reshape, squeeze, unsqueeze, transpose, concat, slice,
// split, broadcast, tile and trilu on ranked tensors. Out: arith.constant,
// tensor reshapes and slices, linalg.transpose, and linalg.generic copies
// whose bodies read the input with tensor.extract at computed indices.
// Extents are folded to constants for static shapes and computed with arith
// on tensor.dim otherwise. Gather, pad and resize live in
// LowerGatherPadResize.cpp.
//
//===----------------------------------------------------------------------===//

#include "codegen/IndexingUtils.h"
#include "codegen/LoweringUtils.h"
#include "codegen/Transforms.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace mlir::nn;

namespace {

int64_t normalizeAxis(int64_t axis, int64_t rank) {
  return axis < 0 ? axis + rank : axis;
}

struct ConstantOpLowering : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    // dense<...> and dense_resource<...> alike: arith.constant takes any
    // typed ElementsAttr.
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, cast<TypedAttr>(op.getValue()));
    return success();
  }
};

/// The reassociation that groups the unit dimensions of the higher-rank type
/// (`unit[d]`) with their kept neighbours: leading units join the first kept
/// dimension, the others the kept dimension before them. Empty when nothing
/// is kept (the lower-rank type is rank 0).
SmallVector<ReassociationIndices> unitReassociation(ArrayRef<bool> unit) {
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices pending;
  for (int64_t d = 0, e = unit.size(); d < e; ++d) {
    if (unit[d]) {
      if (groups.empty()) {
        pending.push_back(d);
      } else {
        groups.back().push_back(d);
      }
      continue;
    }
    pending.push_back(d);
    groups.push_back(pending);
    pending.clear();
  }
  return groups;
}

/// `in` with the extents implied by `out` through `reassoc` made static: a
/// group with one dynamic extent whose collapsed extent is static.
RankedTensorType refineGroups(RankedTensorType in, RankedTensorType out,
                              ArrayRef<ReassociationIndices> reassoc,
                              bool inIsExpanded) {
  SmallVector<int64_t> shape(in.getShape());
  for (auto [g, group] : llvm::enumerate(reassoc)) {
    if (inIsExpanded) {
      int64_t total = out.getDimSize(g);
      int64_t known = 1, dyn = -1, nDyn = 0;
      for (int64_t d : group) {
        if (in.isDynamicDim(d)) {
          dyn = d;
          ++nDyn;
        } else {
          known *= in.getDimSize(d);
        }
      }
      if (nDyn == 1 && !ShapedType::isDynamic(total) && known != 0) {
        shape[dyn] = total / known;
      }
    } else if (in.isDynamicDim(g)) {
      int64_t prod = 1;
      for (int64_t d : group) {
        prod = out.isDynamicDim(d)
                   ? ShapedType::kDynamic
                   : (ShapedType::isDynamic(prod) ? prod
                                                  : prod * out.getDimSize(d));
      }
      shape[g] = prod;
    }
  }
  return in.clone(shape);
}

/// Whether a dynamic extent on each side of `reassoc` sits in the same group.
/// Only then do the element counts tie them: in ?x2x2 -> 4x? the two `?`
/// are equal, which a grouping [[0, 1], [2]] would not preserve.
bool sameGroupDynamic(RankedTensorType in, RankedTensorType out,
                      ArrayRef<ReassociationIndices> reassoc,
                      bool inIsExpanded) {
  RankedTensorType expanded = inIsExpanded ? in : out;
  RankedTensorType collapsed = inIsExpanded ? out : in;
  if (expanded.getNumDynamicDims() == 0 || collapsed.getNumDynamicDims() == 0) {
    return true;
  }
  for (auto [g, group] : llvm::enumerate(reassoc)) {
    if (collapsed.isDynamicDim(g)) {
      return llvm::any_of(group,
                          [&](int64_t d) { return expanded.isDynamicDim(d); });
    }
  }
  return false;
}

/// `src` reshaped to the static `out` through a collapse to the extents where
/// the running products of both shapes agree, then an expand ([128, 1, 256]
/// -> [128, 256] -> [128, 4, 64]); null when a shape is not static and
/// nonempty. Unlike tensor.reshape, collapse and expand work on a strided
/// source (a slice), which then is not copied.
Value reshapeThroughCommonExtents(OpBuilder &b, Location loc, Value src,
                                  RankedTensorType out) {
  auto in = cast<RankedTensorType>(src.getType());
  if (!in.hasStaticShape() || !out.hasStaticShape() || in.getRank() == 0 ||
      out.getRank() == 0 || in.getNumElements() == 0 ||
      in.getNumElements() != out.getNumElements()) {
    return nullptr;
  }
  auto prefixes = [](ArrayRef<int64_t> shape) {
    SmallVector<int64_t> p;
    int64_t acc = 1;
    for (int64_t d : shape) {
      p.push_back(acc *= d);
    }
    return p;
  };
  SmallVector<int64_t> pin = prefixes(in.getShape());
  SmallVector<int64_t> pout = prefixes(out.getShape());
  SmallVector<ReassociationIndices> inGroups, outGroups;
  SmallVector<int64_t> mid;
  int64_t i = 0, j = 0, done = 1;
  int64_t rin = in.getRank(), rout = out.getRank();
  while (i < rin) {
    // The next product both shapes reach, each group ending at the last
    // dim with that product (trailing unit dims join it).
    int64_t target = pin[i];
    while (j < rout && pout[j] < target) {
      ++j;
    }
    while (i < rin && j < rout && pin[i] != pout[j]) {
      if (pin[i] < pout[j]) {
        ++i;
      } else {
        ++j;
      }
    }
    if (i >= rin || j >= rout) {
      return nullptr;
    }
    int64_t value = pin[i];
    while (i + 1 < rin && pin[i + 1] == value) {
      ++i;
    }
    while (j + 1 < rout && pout[j + 1] == value) {
      ++j;
    }
    int64_t inStart = inGroups.empty() ? 0 : inGroups.back().back() + 1;
    int64_t outStart = outGroups.empty() ? 0 : outGroups.back().back() + 1;
    inGroups.push_back(llvm::to_vector(llvm::seq<int64_t>(inStart, i + 1)));
    outGroups.push_back(llvm::to_vector(llvm::seq<int64_t>(outStart, j + 1)));
    mid.push_back(value / done);
    done = value;
    ++i;
    ++j;
  }
  if (j != rout) {
    return nullptr;
  }
  Value v = src;
  if (static_cast<int64_t>(mid.size()) != rin) {
    v = tensor::CollapseShapeOp::create(b, loc, in.clone(mid), v, inGroups);
  }
  if (static_cast<int64_t>(mid.size()) != rout) {
    v = tensor::ExpandShapeOp::create(b, loc, out, v, outGroups);
  }
  return v;
}

struct ReshapeOpLowering : OpConversionPattern<ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto in = cast<RankedTensorType>(input.getType());
    auto out = cast<RankedTensorType>(op.getType());
    if (in == out) {
      rewriter.replaceOp(op, input);
      return success();
    }
    // With one dynamic extent on each side the element count ties them, so a
    // reassociation found from the static extents is the real one.
    if (in.getNumDynamicDims() <= 1 && out.getNumDynamicDims() <= 1 &&
        in.getRank() != out.getRank()) {
      bool collapse = in.getRank() > out.getRank();
      std::optional<SmallVector<ReassociationIndices>> reassoc =
          collapse ? getReassociationIndicesForReshape(in, out)
                   : getReassociationIndicesForReshape(out, in);
      if (reassoc && sameGroupDynamic(in, out, *reassoc, collapse)) {
        RankedTensorType refined = refineGroups(in, out, *reassoc, collapse);
        Value src = castTo(rewriter, loc, input, refined);
        Value v;
        if (collapse) {
          v = tensor::CollapseShapeOp::create(rewriter, loc, src, *reassoc);
        } else {
          v = expand(rewriter, loc, src, out, *reassoc);
        }
        rewriter.replaceOp(op, castTo(rewriter, loc, v, out));
        return success();
      }
    }
    // Static same-rank reshapes (a slice split into heads) as collapse +
    // expand: no copy of a strided source.
    if (Value v = reshapeThroughCommonExtents(rewriter, loc, input, out)) {
      rewriter.replaceOp(op, v);
      return success();
    }
    // General case: tensor.reshape with a shape tensor whose one dynamic
    // entry is the element count over the static extents.
    if (out.getNumDynamicDims() > 1) {
      return rewriter.notifyMatchFailure(
          op, "more than one dynamic result extent to compute");
    }
    IndexMath m{rewriter, loc};
    OpFoldResult count = m.c(1);
    for (OpFoldResult s : mixedSizes(rewriter, loc, input)) {
      count = m.mul(count, s);
    }
    int64_t known = 1;
    for (int64_t d : out.getShape()) {
      known *= ShapedType::isDynamic(d) ? 1 : d;
    }
    SmallVector<Value> shape;
    for (int64_t d : out.getShape()) {
      shape.push_back(
          m.v(ShapedType::isDynamic(d)
                  ? m.ceilDiv(count, m.c(std::max<int64_t>(known, 1)))
                  : m.c(d)));
    }
    Value shapeTensor = tensor::FromElementsOp::create(rewriter, loc, shape);
    rewriter.replaceOpWithNewOp<tensor::ReshapeOp>(op, out, input, shapeTensor);
    return success();
  }

  /// expand_shape of `src` to `out`; a dynamic result extent is the source
  /// extent over the static extents of its group.
  static Value expand(OpBuilder &b, Location loc, Value src,
                      RankedTensorType out,
                      ArrayRef<ReassociationIndices> reassoc) {
    IndexMath m{b, loc};
    SmallVector<OpFoldResult> srcSizes = mixedSizes(b, loc, src);
    SmallVector<OpFoldResult> shape(out.getRank());
    SmallVector<int64_t> staticShape(out.getShape());
    for (auto [g, group] : llvm::enumerate(reassoc)) {
      int64_t known = 1;
      for (int64_t d : group) {
        known *= out.isDynamicDim(d) ? 1 : out.getDimSize(d);
      }
      for (int64_t d : group) {
        if (!out.isDynamicDim(d)) {
          shape[d] = m.c(out.getDimSize(d));
          continue;
        }
        shape[d] = m.ceilDiv(srcSizes[g], m.c(std::max<int64_t>(known, 1)));
        if (std::optional<int64_t> c = getConstantIntValue(shape[d])) {
          staticShape[d] = *c;
        }
      }
    }
    return tensor::ExpandShapeOp::create(b, loc, out.clone(staticShape), src,
                                         reassoc, shape);
  }
};

struct SqueezeOpLowering : OpConversionPattern<SqueezeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SqueezeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto in = cast<RankedTensorType>(adaptor.getInput().getType());
    SmallVector<bool> unit(in.getRank(), false);
    if (op.getAxes().empty()) {
      for (int64_t d = 0; d < in.getRank(); ++d) {
        unit[d] = in.getDimSize(d) == 1;
      }
    }
    for (int64_t a : op.getAxes()) {
      unit[normalizeAxis(a, in.getRank())] = true;
    }
    // A squeezed dynamic extent is 1 by the op's contract.
    SmallVector<int64_t> shape(in.getShape());
    for (int64_t d = 0; d < in.getRank(); ++d) {
      if (unit[d]) {
        shape[d] = 1;
      }
    }
    Value src = castTo(rewriter, loc, adaptor.getInput(), in.clone(shape));
    Value v = tensor::CollapseShapeOp::create(rewriter, loc, src,
                                              unitReassociation(unit));
    rewriter.replaceOp(op, castTo(rewriter, loc, v, op.getType()));
    return success();
  }
};

struct UnsqueezeOpLowering : OpConversionPattern<UnsqueezeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(UnsqueezeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto in = cast<RankedTensorType>(input.getType());
    int64_t rank = in.getRank() + op.getAxes().size();
    SmallVector<bool> unit(rank, false);
    for (int64_t a : op.getAxes()) {
      unit[normalizeAxis(a, rank)] = true;
    }
    SmallVector<OpFoldResult> inSizes = mixedSizes(rewriter, loc, input);
    SmallVector<OpFoldResult> sizes;
    SmallVector<int64_t> shape;
    for (int64_t d = 0, k = 0; d < rank; ++d) {
      sizes.push_back(unit[d] ? rewriter.getIndexAttr(1) : inSizes[k]);
      shape.push_back(unit[d] ? 1 : in.getDimSize(k++));
    }
    Value v = tensor::ExpandShapeOp::create(
        rewriter, loc, in.clone(shape), input, unitReassociation(unit), sizes);
    rewriter.replaceOp(op, castTo(rewriter, loc, v, op.getType()));
    return success();
  }
};

struct TransposeOpLowering : OpConversionPattern<TransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto out = cast<RankedTensorType>(op.getType());
    // Only unit dims move ([1, 128, 256] -> [128, 1, 256]): the data stays
    // in order, a reshape (no copy).
    auto in = cast<RankedTensorType>(adaptor.getInput().getType());
    SmallVector<int64_t> moved;
    for (int64_t p : op.getPerm()) {
      if (in.getDimSize(p) != 1) {
        moved.push_back(p);
      }
    }
    if (in.hasStaticShape() && llvm::is_sorted(moved)) {
      if (Value v = reshapeThroughCommonExtents(rewriter, loc,
                                                adaptor.getInput(), out)) {
        rewriter.replaceOp(op, v);
        return success();
      }
    }
    SmallVector<OpFoldResult> inSizes =
        mixedSizes(rewriter, loc, adaptor.getInput());
    SmallVector<OpFoldResult> sizes;
    for (int64_t p : op.getPerm()) {
      sizes.push_back(inSizes[p]);
    }
    Value init = emptyLike(rewriter, loc, out, sizes);
    auto t = linalg::TransposeOp::create(rewriter, loc, adaptor.getInput(),
                                         init, op.getPerm());
    rewriter.replaceOp(op, t->getResult(0));
    return success();
  }
};

struct ConcatOpLowering : OpConversionPattern<ConcatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto out = cast<RankedTensorType>(op.getType());
    int64_t axis = normalizeAxis(op.getAxis(), out.getRank());
    IndexMath m{rewriter, loc};
    SmallVector<SmallVector<OpFoldResult>> operandSizes;
    OpFoldResult total = m.c(0);
    for (Value v : adaptor.getInputs()) {
      operandSizes.push_back(mixedSizes(rewriter, loc, v));
      total = m.add(total, operandSizes.back()[axis]);
    }
    SmallVector<OpFoldResult> sizes = operandSizes.front();
    sizes[axis] = total;
    Value acc = emptyLike(rewriter, loc, out, sizes);
    SmallVector<OpFoldResult> offsets(out.getRank(), m.c(0));
    SmallVector<OpFoldResult> strides(out.getRank(), m.c(1));
    for (auto [v, vSizes] : llvm::zip(adaptor.getInputs(), operandSizes)) {
      acc = tensor::InsertSliceOp::create(rewriter, loc, v, acc, offsets,
                                          vSizes, strides);
      offsets[axis] = m.add(offsets[axis], vSizes[axis]);
    }
    rewriter.replaceOp(op, acc);
    return success();
  }
};

struct SliceOpLowering : OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto out = cast<RankedTensorType>(op.getType());
    int64_t rank = out.getRank();
    IndexMath m{rewriter, loc};
    SmallVector<OpFoldResult> dims = mixedSizes(rewriter, loc, input);
    SmallVector<OpFoldResult> offsets(rank, m.c(0)), sizes(dims);
    SmallVector<int64_t> steps(rank, 1);
    ArrayRef<int64_t> starts = op.getStarts(), ends = op.getEnds();
    for (size_t i = 0; i < starts.size(); ++i) {
      int64_t d = op.getAxes() ? normalizeAxis((*op.getAxes())[i], rank)
                               : static_cast<int64_t>(i);
      int64_t step = op.getSteps() ? (*op.getSteps())[i] : 1;
      steps[d] = step;
      // ONNX clamping: [0, dim] for a positive step, start in [0, dim - 1]
      // and end in [-1, dim - 1] for a negative one.
      OpFoldResult s =
          starts[i] < 0 ? m.add(dims[d], m.c(starts[i])) : m.c(starts[i]);
      OpFoldResult e =
          ends[i] < 0 ? m.add(dims[d], m.c(ends[i])) : m.c(ends[i]);
      if (step > 0) {
        s = m.clamp(s, m.c(0), dims[d]);
        e = m.clamp(e, m.c(0), dims[d]);
        sizes[d] = m.max(m.c(0), m.ceilDiv(m.sub(e, s), m.c(step)));
      } else {
        OpFoldResult last = m.sub(dims[d], m.c(1));
        s = m.clamp(s, m.c(0), last);
        e = m.clamp(e, m.c(-1), last);
        sizes[d] = m.max(m.c(0), m.ceilDiv(m.sub(s, e), m.c(-step)));
      }
      offsets[d] = s;
    }
    // An empty slice may start at the extent (ONNX clamps starts to [0, dim]);
    // tensor.extract_slice wants an in-bounds offset, and any is as good.
    for (int64_t d = 0; d < rank; ++d) {
      std::optional<int64_t> size = getConstantIntValue(sizes[d]);
      if (size && *size == 0) {
        offsets[d] = m.c(0);
      }
    }
    if (llvm::all_of(steps, [](int64_t s) { return s > 0; })) {
      SmallVector<OpFoldResult> strides;
      for (int64_t s : steps) {
        strides.push_back(m.c(s));
      }
      Value v = tensor::ExtractSliceOp::create(rewriter, loc, input, offsets,
                                               sizes, strides);
      rewriter.replaceOp(op, castTo(rewriter, loc, v, out));
      return success();
    }
    // A negative step reverses: out[i] = in[start + i * step].
    SmallVector<Value> starts_;
    for (OpFoldResult o : offsets) {
      starts_.push_back(m.v(o));
    }
    Value v = buildIndexedGeneric(
        rewriter, loc, out, sizes, {}, {},
        [&](OpBuilder &b, Location l, ArrayRef<Value> ivs, ValueRange) {
          IndexMath bm{b, l};
          SmallVector<Value> idx;
          for (int64_t d = 0; d < rank; ++d) {
            idx.push_back(
                bm.v(bm.add(bm.mul(ivs[d], bm.c(steps[d])), starts_[d])));
          }
          return tensor::ExtractOp::create(b, l, input, idx).getResult();
        });
    rewriter.replaceOp(op, v);
    return success();
  }
};

struct SplitOpLowering : OpConversionPattern<SplitOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SplitOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto in = cast<RankedTensorType>(input.getType());
    int64_t axis = normalizeAxis(op.getAxis(), in.getRank());
    IndexMath m{rewriter, loc};
    SmallVector<OpFoldResult> sizes = mixedSizes(rewriter, loc, input);
    SmallVector<OpFoldResult> offsets(in.getRank(), m.c(0));
    SmallVector<OpFoldResult> strides(in.getRank(), m.c(1));
    SmallVector<Value> results;
    int64_t offset = 0;
    for (auto [size, result] : llvm::zip(op.getSizes(), op.getOutputs())) {
      offsets[axis] = m.c(offset);
      sizes[axis] = m.c(size);
      Value v = tensor::ExtractSliceOp::create(rewriter, loc, input, offsets,
                                               sizes, strides);
      results.push_back(castTo(rewriter, loc, v, result.getType()));
      offset += size;
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

struct BroadcastOpLowering : OpConversionPattern<BroadcastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BroadcastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto in = cast<RankedTensorType>(adaptor.getInput().getType());
    auto out = cast<RankedTensorType>(op.getType());
    int64_t lead = out.getRank() - in.getRank();
    for (int64_t d = 0; d < out.getRank(); ++d) {
      if (out.isDynamicDim(d) && (d < lead || !in.isDynamicDim(d - lead))) {
        return rewriter.notifyMatchFailure(
            op, "a dynamic result extent without a dynamic input extent");
      }
    }
    Value v = buildElementwiseGeneric(
        rewriter, op.getLoc(), out, adaptor.getInput(),
        [](OpBuilder &, Location, ValueRange args) { return args[0]; });
    rewriter.replaceOp(op, v);
    return success();
  }
};

struct TileOpLowering : OpConversionPattern<TileOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TileOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto out = cast<RankedTensorType>(op.getType());
    IndexMath m{rewriter, loc};
    SmallVector<OpFoldResult> inSizes = mixedSizes(rewriter, loc, input);
    SmallVector<OpFoldResult> sizes;
    SmallVector<Value> inDims;
    for (auto [s, r] : llvm::zip(inSizes, op.getRepeats())) {
      sizes.push_back(m.mul(s, m.c(r)));
      inDims.push_back(m.v(s));
    }
    ArrayRef<int64_t> repeats = op.getRepeats();
    // out[i] = in[i mod extent]
    Value v = buildIndexedGeneric(
        rewriter, loc, out, sizes, {}, {},
        [&](OpBuilder &b, Location l, ArrayRef<Value> ivs, ValueRange) {
          SmallVector<Value> idx;
          for (auto [d, iv] : llvm::enumerate(ivs)) {
            idx.push_back(
                repeats[d] == 1
                    ? iv
                    : arith::RemUIOp::create(b, l, iv, inDims[d]).getResult());
          }
          return tensor::ExtractOp::create(b, l, input, idx).getResult();
        });
    rewriter.replaceOp(op, v);
    return success();
  }
};

struct TriluOpLowering : OpConversionPattern<TriluOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TriluOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto out = cast<RankedTensorType>(op.getType());
    int64_t rank = out.getRank();
    if (rank < 2) {
      return rewriter.notifyMatchFailure(op, "trilu needs rank >= 2");
    }
    bool upper = op.getUpper();
    int64_t k = op.getK();
    // Keeps x[..., i, j] where j - i >= k (upper) or j - i <= k (lower).
    Value v = buildIndexedGeneric(
        rewriter, loc, out, mixedSizes(rewriter, loc, input), input,
        rewriter.getMultiDimIdentityMap(rank),
        [&](OpBuilder &b, Location l, ArrayRef<Value> ivs, ValueRange args) {
          Value diff =
              arith::SubIOp::create(b, l, ivs[rank - 1], ivs[rank - 2]);
          Value keep = arith::CmpIOp::create(
              b, l,
              upper ? arith::CmpIPredicate::sge : arith::CmpIPredicate::sle,
              diff, arith::ConstantIndexOp::create(b, l, k));
          Value zero = scalarConstant(b, l, out.getElementType(), 0.0);
          return arith::SelectOp::create(b, l, keep, args[0], zero).getResult();
        });
    rewriter.replaceOp(op, v);
    return success();
  }
};

} // namespace

void mlir::nn::populateDataMovementToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<ConstantOpLowering, ReshapeOpLowering, SqueezeOpLowering,
               UnsqueezeOpLowering, TransposeOpLowering, ConcatOpLowering,
               SliceOpLowering, SplitOpLowering, BroadcastOpLowering,
               TileOpLowering, TriluOpLowering>(patterns.getContext());
  populateGatherPadResizeToLinalgPatterns(patterns);
}
