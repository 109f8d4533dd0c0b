//===- DataMovement.cpp - constants, reshape, transpose, slice, gather -*- C++
//-*-===//

#include "ir/NNOps.h"

#include "mlir/IR/PatternMatch.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::nn;

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::inferReturnTypes(MLIRContext *,
                                           std::optional<Location> loc,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &types) {
  auto value = dyn_cast_or_null<ElementsAttr>(adaptor.getValueAttr());
  if (!value) {
    return emitOptionalError(loc, "expected an elements attribute as value");
  }
  types.push_back(value.getType());
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValueAttr(); }

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  for (RankedTensorType t : {in, out}) {
    if (elementCountOverflows(t.getShape())) {
      return emitOpError("shape ")
             << formatShape(t.getShape()) << " has more than 2^63 elements";
    }
  }
  std::optional<int64_t> inCount = staticElementCount(in.getShape());
  std::optional<int64_t> outCount = staticElementCount(out.getShape());
  if (inCount && outCount && *inCount != *outCount) {
    return emitOpError("cannot reshape ")
           << formatShape(in.getShape()) << " (" << *inCount << " elements) to "
           << formatShape(out.getShape()) << " (" << *outCount << " elements)";
  }
  if (inCount && !outCount && out.getNumDynamicDims() > 1) {
    return emitOpError("result ")
           << formatShape(out.getShape())
           << " has more than one dynamic dimension; a reshape of a static "
              "input can leave only one extent to compute";
  }
  if (inCount && !outCount) {
    int64_t known = 1;
    for (int64_t d : out.getShape()) {
      known *= ShapedType::isDynamic(d) ? 1 : d;
    }
    if (known == 0 ? *inCount != 0 : *inCount % known != 0) {
      return emitOpError("cannot reshape ")
             << formatShape(in.getShape()) << " (" << *inCount
             << " elements) to " << formatShape(out.getShape())
             << ": the static extents do not divide the element count";
    }
  }
  return success();
}

SmallVector<Type> ReshapeOp::refineResultTypes() {
  // A static input fixes the result's single dynamic extent: the element
  // count divided by the static extents.
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  std::optional<int64_t> count = staticElementCount(in.getShape());
  if (!count || out.getNumDynamicDims() != 1) {
    return {out};
  }
  int64_t known = 1;
  for (int64_t d : out.getShape()) {
    known *= ShapedType::isDynamic(d) ? 1 : d;
  }
  if (known == 0 || *count % known != 0) {
    return {out};
  }
  SmallVector<int64_t> shape(out.getShape());
  for (int64_t &d : shape) {
    if (ShapedType::isDynamic(d)) {
      d = *count / known;
    }
  }
  return {out.clone(shape)};
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  // reshape(x : T -> T) = x
  if (getInput().getType() == getType()) {
    return getInput();
  }
  // reshape(constant) = constant of the new shape.
  if (auto dense = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput())) {
    if (getType().hasStaticShape()) {
      return dense.reshape(getType());
    }
  }
  return {};
}

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

namespace {

/// Formats an attribute list as `[1, 0, 2]` for diagnostics.
std::string formatList(ArrayRef<int64_t> values) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << '[';
  llvm::interleaveComma(values, os);
  os << ']';
  return s;
}

} // namespace

//===----------------------------------------------------------------------===//
// TransposeOp
//===----------------------------------------------------------------------===//

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  auto in = cast<RankedTensorType>(adaptor.getInput().getType());
  ArrayRef<int64_t> perm = adaptor.getPerm();
  int64_t rank = in.getRank();
  if (static_cast<int64_t>(perm.size()) != rank) {
    return emitOptionalError(loc, "perm has ", perm.size(),
                             " entries but the input ",
                             formatShape(in.getShape()), " has rank ", rank);
  }
  SmallVector<bool> seen(rank, false);
  SmallVector<int64_t> shape;
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || seen[p]) {
      return emitOptionalError(loc, "perm ", formatList(perm),
                               " is not a permutation of [0, ", rank, ")");
    }
    seen[p] = true;
    shape.push_back(in.getDimSize(p));
  }
  types.push_back(RankedTensorType::get(shape, in.getElementType()));
  return success();
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  // transpose(x, identity) = x
  ArrayRef<int64_t> perm = getPerm();
  bool identity = llvm::all_of(llvm::enumerate(perm), [](auto ip) {
    return ip.value() == static_cast<int64_t>(ip.index());
  });
  if (identity && getInput().getType() == getType()) {
    return getInput();
  }
  // Result dim i is input dim perm[i].
  return foldDataMovement(
      adaptor.getInput(), getType(),
      [&](ArrayRef<int64_t> c, SmallVectorImpl<int64_t> &src) {
        src.assign(c.size(), 0);
        for (auto [i, p] : llvm::enumerate(perm)) {
          src[p] = c[i];
        }
      });
}

namespace {

/// transpose(transpose(x, p1), p2) = transpose(x, q) with q[i] = p1[p2[i]]:
/// outer result dim i is inner dim p2[i], which is x's dim p1[p2[i]].
struct ComposeTransposes : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getInput().getDefiningOp<TransposeOp>();
    if (!inner) {
      return rewriter.notifyMatchFailure(op, "input is not a transpose");
    }
    ArrayRef<int64_t> p1 = inner.getPerm();
    SmallVector<int64_t> perm;
    for (int64_t p : op.getPerm()) {
      perm.push_back(p1[p]);
    }
    rewriter.replaceOpWithNewOp<TransposeOp>(op, op.getType(), inner.getInput(),
                                             perm);
    return success();
  }
};

} // namespace

void TransposeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<ComposeTransposes>(context);
}

//===----------------------------------------------------------------------===//
// ConcatOp
//===----------------------------------------------------------------------===//

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  ValueRange inputs = adaptor.getInputs();
  if (inputs.empty()) {
    return emitOptionalError(loc, "needs at least one operand");
  }
  auto first = cast<RankedTensorType>(inputs.front().getType());
  int64_t rank = first.getRank();
  FailureOr<int64_t> axis =
      normalizeAxis(loc, static_cast<int64_t>(adaptor.getAxis()), rank);
  if (failed(axis)) {
    return failure();
  }
  SmallVector<int64_t> shape(first.getShape());
  for (auto [n, v] : llvm::enumerate(inputs.drop_front())) {
    auto t = cast<RankedTensorType>(v.getType());
    if (t.getElementType() != first.getElementType()) {
      return emitOptionalError(loc, "operand ", n + 1, " has element type ",
                               t.getElementType(), " but operand 0 has ",
                               first.getElementType());
    }
    if (t.getRank() != rank) {
      return emitOptionalError(loc, "operand ", n + 1, " of shape ",
                               formatShape(t.getShape()),
                               " has a different rank than operand 0 of shape ",
                               formatShape(first.getShape()));
    }
    for (int64_t d = 0; d < rank; ++d) {
      int64_t e = t.getDimSize(d);
      if (d == *axis) {
        if (ShapedType::isDynamic(shape[d]) || ShapedType::isDynamic(e)) {
          shape[d] = ShapedType::kDynamic;
        } else if (llvm::AddOverflow(shape[d], e, shape[d])) {
          return emitOptionalError(loc, "the concatenated extent of axis ",
                                   *axis, " overflows");
        }
        continue;
      }
      if (ShapedType::isDynamic(e)) {
        continue;
      }
      if (!ShapedType::isDynamic(shape[d]) && shape[d] != e) {
        return emitOptionalError(
            loc, "operand ", n + 1, " of shape ", formatShape(t.getShape()),
            " differs from the other operands in dimension ", d, " (", e,
            " vs ", shape[d], "); only the concat axis ", *axis, " may differ");
      }
      shape[d] = e;
    }
  }
  types.push_back(RankedTensorType::get(shape, first.getElementType()));
  return success();
}

OpFoldResult ConcatOp::fold(FoldAdaptor adaptor) {
  // concat(x) = x
  if (getInputs().size() == 1 && getInputs().front().getType() == getType()) {
    return getInputs().front();
  }
  int64_t rank = getType().getRank();
  int64_t axis = static_cast<int64_t>(getAxis());
  return foldConcat(adaptor.getInputs(), axis < 0 ? axis + rank : axis,
                    getType());
}

//===----------------------------------------------------------------------===//
// SliceOp
//===----------------------------------------------------------------------===//

namespace {

/// One sliced axis with ONNX semantics.
struct SliceAxis {
  int64_t axis, start, end, step;
};

/// Checks the attributes of a slice against `rank` and lists its axes.
LogicalResult getSliceAxes(std::optional<Location> loc, int64_t rank,
                           ArrayRef<int64_t> starts, ArrayRef<int64_t> ends,
                           std::optional<ArrayRef<int64_t>> axesAttr,
                           std::optional<ArrayRef<int64_t>> stepsAttr,
                           SmallVectorImpl<SliceAxis> &result) {
  size_t n = starts.size();
  if (ends.size() != n) {
    return emitOptionalError(loc, "starts has ", n, " entries but ends has ",
                             ends.size());
  }
  if (axesAttr && axesAttr->size() != n) {
    return emitOptionalError(loc, "axes has ", axesAttr->size(),
                             " entries but starts has ", n);
  }
  if (stepsAttr && stepsAttr->size() != n) {
    return emitOptionalError(loc, "steps has ", stepsAttr->size(),
                             " entries but starts has ", n);
  }
  if (!axesAttr && static_cast<int64_t>(n) > rank) {
    return emitOptionalError(loc, "starts has ", n,
                             " entries but the input has rank ", rank);
  }
  SmallVector<int64_t> axes;
  if (axesAttr) {
    if (failed(normalizeAxes(loc, *axesAttr, rank, axes))) {
      return failure();
    }
  } else {
    axes = llvm::to_vector(llvm::seq<int64_t>(0, n));
  }
  for (size_t i = 0; i < n; ++i) {
    int64_t step = stepsAttr ? (*stepsAttr)[i] : 1;
    if (step == 0) {
      return emitOptionalError(loc, "steps must not be 0 (axis ", axes[i], ")");
    }
    result.push_back({axes[i], starts[i], ends[i], step});
  }
  return success();
}

/// ONNX clamping of a start or end on an extent `dim`: negative values count
/// from the end, then clamp to [0, dim] (or [-1, dim - 1] for negative steps).
/// `v + dim` cannot overflow since v < 0 <= dim.
int64_t clampSliceBound(int64_t v, int64_t dim, int64_t step) {
  if (v < 0) {
    v += dim;
  }
  return step > 0 ? std::clamp<int64_t>(v, 0, dim)
                  : std::clamp<int64_t>(v, -1, dim - 1);
}

/// Number of elements a clamped slice takes: max(0, ceil((end - start) /
/// step)), in unsigned arithmetic so that |INT64_MIN| does not overflow.
int64_t sliceExtent(int64_t dim, const SliceAxis &s) {
  int64_t start = clampSliceBound(s.start, dim, s.step);
  int64_t end = clampSliceBound(s.end, dim, s.step);
  int64_t span = s.step > 0 ? end - start : start - end;
  if (span <= 0) {
    return 0;
  }
  uint64_t stride = s.step > 0 ? static_cast<uint64_t>(s.step)
                               : 0 - static_cast<uint64_t>(s.step);
  return static_cast<int64_t>((static_cast<uint64_t>(span) - 1) / stride + 1);
}

} // namespace

LogicalResult SliceOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  auto in = cast<RankedTensorType>(adaptor.getInput().getType());
  SmallVector<SliceAxis> slices;
  if (failed(getSliceAxes(loc, in.getRank(), adaptor.getStarts(),
                          adaptor.getEnds(), adaptor.getAxes(),
                          adaptor.getSteps(), slices))) {
    return failure();
  }
  SmallVector<int64_t> shape(in.getShape());
  for (const SliceAxis &s : slices) {
    int64_t dim = shape[s.axis];
    shape[s.axis] =
        ShapedType::isDynamic(dim) ? ShapedType::kDynamic : sliceExtent(dim, s);
  }
  types.push_back(RankedTensorType::get(shape, in.getElementType()));
  return success();
}

OpFoldResult SliceOp::fold(FoldAdaptor adaptor) {
  auto in = cast<RankedTensorType>(getInput().getType());
  SmallVector<SliceAxis> slices;
  if (failed(getSliceAxes(std::nullopt, in.getRank(), getStarts(), getEnds(),
                          getAxes(), getSteps(), slices))) {
    return {};
  }
  // A constant input: element c of the result is input element
  // start + c * step on each sliced axis.
  if (in.hasStaticShape()) {
    OpFoldResult folded = foldDataMovement(
        adaptor.getInput(), getType(),
        [&](ArrayRef<int64_t> c, SmallVectorImpl<int64_t> &src) {
          src.assign(c.begin(), c.end());
          for (const SliceAxis &s : slices) {
            int64_t start =
                clampSliceBound(s.start, in.getDimSize(s.axis), s.step);
            src[s.axis] = start + c[s.axis] * s.step;
          }
        });
    if (folded) {
      return folded;
    }
  }
  // slice(x, whole extent, step 1) = x
  if (in != getType()) {
    return {};
  }
  for (const SliceAxis &s : slices) {
    int64_t dim = in.getDimSize(s.axis);
    if (s.step != 1) {
      return {};
    }
    // A dynamic extent is only known to be covered by [0, INT64_MAX).
    bool whole = ShapedType::isDynamic(dim)
                     ? s.start == 0 && s.end == INT64_MAX
                     : clampSliceBound(s.start, dim, 1) == 0 &&
                           clampSliceBound(s.end, dim, 1) == dim;
    if (!whole) {
      return {};
    }
  }
  return getInput();
}

//===----------------------------------------------------------------------===//
// GatherOp, GatherElementsOp
//===----------------------------------------------------------------------===//

LogicalResult GatherOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  auto data = cast<RankedTensorType>(adaptor.getData().getType());
  auto indices = cast<RankedTensorType>(adaptor.getIndices().getType());
  FailureOr<int64_t> axis = normalizeAxis(
      loc, static_cast<int64_t>(adaptor.getAxis()), data.getRank());
  if (failed(axis)) {
    return failure();
  }
  ArrayRef<int64_t> d = data.getShape();
  SmallVector<int64_t> shape(d.take_front(*axis));
  llvm::append_range(shape, indices.getShape());
  llvm::append_range(shape, d.drop_front(*axis + 1));
  types.push_back(RankedTensorType::get(shape, data.getElementType()));
  return success();
}

OpFoldResult GatherOp::fold(FoldAdaptor adaptor) {
  // gather(constant, constant indices) = a constant; an index out of range
  // is not folded (the runtime reports it).
  auto indices = dyn_cast_or_null<DenseIntElementsAttr>(adaptor.getIndices());
  auto data = cast<RankedTensorType>(getData().getType());
  if (!indices || !data.hasStaticShape() ||
      indices.getNumElements() > kMaxFoldElements) {
    return {};
  }
  int64_t rank = data.getRank();
  int64_t axis = static_cast<int64_t>(getAxis());
  axis = axis < 0 ? axis + rank : axis;
  SmallVector<int64_t> ids;
  for (const APInt &v : indices.getValues<APInt>()) {
    ids.push_back(v.getSExtValue());
  }
  ArrayRef<int64_t> idShape = indices.getType().getShape();
  int64_t idRank = idShape.size();
  int64_t extent = data.getDimSize(axis);
  // Result coordinate = data[:axis] ++ indices coordinate ++ data[axis+1:].
  return foldDataMovement(
      adaptor.getData(), getType(),
      [&](ArrayRef<int64_t> c, SmallVectorImpl<int64_t> &src) {
        src.assign(c.begin(), c.begin() + axis);
        int64_t linear = 0;
        for (int64_t k = 0; k < idRank; ++k) {
          linear = linear * idShape[k] + c[axis + k];
        }
        int64_t id = idRank == 0 && ids.size() == 1 ? ids[0] : ids[linear];
        src.push_back(id < 0 ? id + extent : id);
        src.append(c.begin() + axis + idRank, c.end());
      });
}

LogicalResult GatherElementsOp::inferReturnTypes(MLIRContext *,
                                                 std::optional<Location> loc,
                                                 Adaptor adaptor,
                                                 SmallVectorImpl<Type> &types) {
  auto data = cast<RankedTensorType>(adaptor.getData().getType());
  auto indices = cast<RankedTensorType>(adaptor.getIndices().getType());
  if (indices.getRank() != data.getRank()) {
    return emitOptionalError(
        loc, "indices of shape ", formatShape(indices.getShape()),
        " must have the rank of data of shape ", formatShape(data.getShape()));
  }
  FailureOr<int64_t> axis = normalizeAxis(
      loc, static_cast<int64_t>(adaptor.getAxis()), data.getRank());
  if (failed(axis)) {
    return failure();
  }
  for (int64_t i = 0; i < data.getRank(); ++i) {
    int64_t di = data.getDimSize(i), ii = indices.getDimSize(i);
    if (i != *axis && !ShapedType::isDynamic(di) &&
        !ShapedType::isDynamic(ii) && ii > di) {
      return emitOptionalError(
          loc, "indices of shape ", formatShape(indices.getShape()),
          " exceed data of shape ", formatShape(data.getShape()),
          " in dimension ", i, ", which is not the gather axis ", *axis);
    }
  }
  types.push_back(
      RankedTensorType::get(indices.getShape(), data.getElementType()));
  return success();
}
