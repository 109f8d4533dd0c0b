//===- DataMovementExpand.cpp - pad, broadcast, tile, resize ... -*- C++
//-*-===//
//
// The data-movement ops that grow, split or re-grid a tensor: pad, broadcast,
// tile, squeeze/unsqueeze, split, resize and trilu (the rearranging ones --
// constant, reshape, transpose, concat, slice, gather -- are in
// DataMovement.cpp).
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"

#include "mlir/IR/PatternMatch.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::nn;

namespace {

/// Formats a scale factor briefly (`2.5`, not `2.500000e+00`).
std::string formatScale(double v) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << llvm::format("%g", v);
  return s;
}

/// Static extent `a * b`, dynamic when `a` is, std::nullopt on overflow.
std::optional<int64_t> mulExtent(int64_t a, int64_t b) {
  if (ShapedType::isDynamic(a)) {
    return ShapedType::kDynamic;
  }
  int64_t r;
  if (llvm::MulOverflow(a, b, r)) {
    return std::nullopt;
  }
  return r;
}

/// True when a reshape to `type` can compute its dynamic extent from the
/// element count: at most one dynamic extent and no zero extent beside it.
bool isReshapeComputable(RankedTensorType type) {
  if (type.getNumDynamicDims() == 0) {
    return true;
  }
  return type.getNumDynamicDims() == 1 &&
         !llvm::is_contained(type.getShape(), 0);
}

/// squeeze(x) = reshape(x), unsqueeze(x) = reshape(x): canonical IR keeps one
/// shape-only op.
template <typename OpTy> struct ShapeOnlyToReshape : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    if (!isReshapeComputable(type)) {
      return rewriter.notifyMatchFailure(
          op, "a reshape could not compute the result's dynamic extent "
              "from the element count");
    }
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, type, op.getInput());
    return success();
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// PadOp
//===----------------------------------------------------------------------===//

LogicalResult PadOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &types) {
  auto in = cast<RankedTensorType>(adaptor.getInput().getType());
  ArrayRef<int64_t> pads = adaptor.getPads();
  int64_t rank = in.getRank();
  if (static_cast<int64_t>(pads.size()) != 2 * rank) {
    return emitOptionalError(loc, "pads has ", pads.size(),
                             " entries but needs 2 * rank = ", 2 * rank,
                             " (begins, then ends) for the input ",
                             formatShape(in.getShape()));
  }
  PadMode mode = adaptor.getMode();
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t dim = in.getDimSize(i), begin = pads[i], end = pads[rank + i];
    if (ShapedType::isDynamic(dim)) {
      shape.push_back(ShapedType::kDynamic);
      continue;
    }
    // Reflect mirrors without the border, so it needs pad < extent.
    if (mode == PadMode::reflect &&
        ((begin > 0 && begin >= dim) || (end > 0 && end >= dim))) {
      return emitOptionalError(loc, "reflect pads (", begin, ", ", end,
                               ") of dimension ", i,
                               " must be smaller than its extent ", dim);
    }
    if (mode == PadMode::edge && dim == 0 && (begin > 0 || end > 0)) {
      return emitOptionalError(loc, "edge padding of dimension ", i,
                               " needs a non-empty extent");
    }
    int64_t out;
    if (llvm::AddOverflow(dim, begin, out) ||
        llvm::AddOverflow(out, end, out)) {
      return emitOptionalError(loc, "pads (", begin, ", ", end,
                               ") of dimension ", i, " overflow its extent");
    }
    if (out < 0) {
      return emitOptionalError(loc, "pads (", begin, ", ", end,
                               ") crop dimension ", i, " of extent ", dim,
                               " below zero");
    }
    shape.push_back(out);
  }
  types.push_back(RankedTensorType::get(shape, in.getElementType()));
  return success();
}

OpFoldResult PadOp::fold(FoldAdaptor) {
  // pad(x, 0) = x
  if (llvm::all_of(getPads(), [](int64_t p) { return p == 0; }) &&
      getInput().getType() == getType()) {
    return getInput();
  }
  return {};
}

//===----------------------------------------------------------------------===//
// BroadcastOp
//===----------------------------------------------------------------------===//

LogicalResult BroadcastOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  if (in.getRank() > out.getRank()) {
    return emitOpError("cannot broadcast ")
           << formatShape(in.getShape()) << " to the lower-rank "
           << formatShape(out.getShape());
  }
  int64_t lead = out.getRank() - in.getRank();
  for (int64_t i = 0; i < in.getRank(); ++i) {
    int64_t d = in.getDimSize(i), o = out.getDimSize(lead + i);
    if (!ShapedType::isDynamic(d) && !ShapedType::isDynamic(o) && d != 1 &&
        d != o) {
      return emitOpError("cannot broadcast ")
             << formatShape(in.getShape()) << " to "
             << formatShape(out.getShape()) << ": input dimension " << i
             << " has extent " << d << ", which is neither 1 nor " << o;
    }
  }
  return success();
}

SmallVector<Type> BroadcastOp::refineResultTypes() {
  // A dynamic result extent is pinned by a static input extent other than 1.
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  SmallVector<int64_t> shape(out.getShape());
  int64_t offset = out.getRank() - in.getRank();
  for (int64_t d = 0; d < in.getRank(); ++d) {
    int64_t e = in.getDimSize(d);
    if (ShapedType::isDynamic(shape[d + offset]) && !ShapedType::isDynamic(e) &&
        e != 1) {
      shape[d + offset] = e;
    }
  }
  return {out.clone(shape)};
}

OpFoldResult BroadcastOp::fold(FoldAdaptor adaptor) {
  // broadcast(x : T -> T) = x
  if (getInput().getType() == getType()) {
    return getInput();
  }
  // Trailing dimensions align; an extent-1 input dimension repeats.
  ArrayRef<int64_t> inShape =
      cast<RankedTensorType>(getInput().getType()).getShape();
  return foldDataMovement(
      adaptor.getInput(), getType(),
      [&](ArrayRef<int64_t> c, SmallVectorImpl<int64_t> &src) {
        size_t offset = c.size() - inShape.size();
        for (size_t d = 0; d < inShape.size(); ++d) {
          src.push_back(inShape[d] == 1 ? 0 : c[offset + d]);
        }
      });
}

//===----------------------------------------------------------------------===//
// TileOp
//===----------------------------------------------------------------------===//

LogicalResult TileOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  auto in = cast<RankedTensorType>(adaptor.getInput().getType());
  ArrayRef<int64_t> repeats = adaptor.getRepeats();
  if (static_cast<int64_t>(repeats.size()) != in.getRank()) {
    return emitOptionalError(
        loc, "repeats has ", repeats.size(), " entries but the input ",
        formatShape(in.getShape()), " has rank ", in.getRank());
  }
  SmallVector<int64_t> shape;
  for (auto [i, r] : llvm::enumerate(repeats)) {
    if (r < 1) {
      return emitOptionalError(loc, "repeats[", i, "] = ", r,
                               " must be at least 1");
    }
    std::optional<int64_t> e = mulExtent(in.getDimSize(i), r);
    if (!e) {
      return emitOptionalError(loc, "tiling dimension ", i, " by ", r,
                               " overflows its extent");
    }
    shape.push_back(*e);
  }
  types.push_back(RankedTensorType::get(shape, in.getElementType()));
  return success();
}

OpFoldResult TileOp::fold(FoldAdaptor adaptor) {
  // tile(x, 1) = x
  if (llvm::all_of(getRepeats(), [](int64_t r) { return r == 1; }) &&
      getInput().getType() == getType()) {
    return getInput();
  }
  // Element c of the result is input element c mod extent.
  ArrayRef<int64_t> inShape =
      cast<RankedTensorType>(getInput().getType()).getShape();
  return foldDataMovement(
      adaptor.getInput(), getType(),
      [&](ArrayRef<int64_t> c, SmallVectorImpl<int64_t> &src) {
        for (auto [d, e] : llvm::enumerate(inShape)) {
          src.push_back(c[d] % e);
        }
      });
}

//===----------------------------------------------------------------------===//
// SqueezeOp, UnsqueezeOp
//===----------------------------------------------------------------------===//

LogicalResult SqueezeOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  auto in = cast<RankedTensorType>(adaptor.getInput().getType());
  SmallVector<int64_t> axes;
  if (adaptor.getAxes().empty()) {
    // Without axes, whether a dynamic extent is 1 decides the result rank.
    if (in.getNumDynamicDims() != 0) {
      return emitOptionalError(loc, "squeeze without axes of ",
                               formatShape(in.getShape()),
                               " is ambiguous for its dynamic extents; give "
                               "axes");
    }
    for (auto [i, d] : llvm::enumerate(in.getShape())) {
      if (d == 1) {
        axes.push_back(i);
      }
    }
  } else if (failed(
                 normalizeAxes(loc, adaptor.getAxes(), in.getRank(), axes))) {
    return failure();
  }
  SmallVector<int64_t> shape;
  for (auto [i, d] : llvm::enumerate(in.getShape())) {
    if (!llvm::is_contained(axes, static_cast<int64_t>(i))) {
      shape.push_back(d);
    } else if (!ShapedType::isDynamic(d) && d != 1) {
      return emitOptionalError(loc, "cannot squeeze dimension ", i,
                               " of extent ", d, " in ",
                               formatShape(in.getShape()));
    }
  }
  types.push_back(RankedTensorType::get(shape, in.getElementType()));
  return success();
}

OpFoldResult SqueezeOp::fold(FoldAdaptor adaptor) {
  // squeeze(constant) = the constant reshaped.
  return foldReshapeConstant(adaptor.getInput(), getType());
}

void SqueezeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<ShapeOnlyToReshape<SqueezeOp>>(context);
}

LogicalResult UnsqueezeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  auto in = cast<RankedTensorType>(adaptor.getInput().getType());
  int64_t rank = in.getRank() + adaptor.getAxes().size();
  SmallVector<int64_t> axes;
  if (failed(normalizeAxes(loc, adaptor.getAxes(), rank, axes))) {
    return failure();
  }
  SmallVector<int64_t> shape;
  ArrayRef<int64_t> rest = in.getShape();
  for (int64_t i = 0; i < rank; ++i) {
    if (llvm::is_contained(axes, i)) {
      shape.push_back(1);
    } else {
      shape.push_back(rest.front());
      rest = rest.drop_front();
    }
  }
  types.push_back(RankedTensorType::get(shape, in.getElementType()));
  return success();
}

OpFoldResult UnsqueezeOp::fold(FoldAdaptor adaptor) {
  // unsqueeze(constant) = the constant reshaped.
  return foldReshapeConstant(adaptor.getInput(), getType());
}

void UnsqueezeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<ShapeOnlyToReshape<UnsqueezeOp>>(context);
}

//===----------------------------------------------------------------------===//
// SplitOp
//===----------------------------------------------------------------------===//

LogicalResult SplitOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  auto in = cast<RankedTensorType>(adaptor.getInput().getType());
  FailureOr<int64_t> axis =
      normalizeAxis(loc, static_cast<int64_t>(adaptor.getAxis()), in.getRank());
  if (failed(axis)) {
    return failure();
  }
  ArrayRef<int64_t> sizes = adaptor.getSizes();
  if (sizes.empty()) {
    return emitOptionalError(loc, "sizes must name at least one piece");
  }
  int64_t total = 0;
  SmallVector<int64_t> shape(in.getShape());
  for (int64_t s : sizes) {
    if (s < 0) {
      return emitOptionalError(loc, "sizes must not be negative, got ", s);
    }
    if (llvm::AddOverflow(total, s, total)) {
      return emitOptionalError(loc, "sizes overflow when summed");
    }
    shape[*axis] = s;
    types.push_back(RankedTensorType::get(shape, in.getElementType()));
  }
  int64_t dim = in.getDimSize(*axis);
  if (!ShapedType::isDynamic(dim) && total != dim) {
    return emitOptionalError(loc, "sizes sum to ", total, " but dimension ",
                             *axis, " of ", formatShape(in.getShape()),
                             " has extent ", dim);
  }
  return success();
}

//===----------------------------------------------------------------------===//
// ResizeOp
//===----------------------------------------------------------------------===//

LogicalResult ResizeOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  if (in.getRank() != out.getRank()) {
    return emitOpError("cannot resize ")
           << formatShape(in.getShape()) << " to "
           << formatShape(out.getShape()) << " of another rank";
  }
  std::optional<ArrayRef<double>> scales = getScales();
  if (!scales) {
    return success();
  }
  if (static_cast<int64_t>(scales->size()) != in.getRank()) {
    return emitOpError("scales has ")
           << scales->size() << " entries but the input has rank "
           << in.getRank();
  }
  for (auto [i, s] : llvm::enumerate(*scales)) {
    if (!(s > 0.0)) {
      return emitOpError("scales[")
             << i << "] = " << formatScale(s) << " must be positive";
    }
    int64_t d = in.getDimSize(i), o = out.getDimSize(i);
    if (ShapedType::isDynamic(d) || ShapedType::isDynamic(o)) {
      continue;
    }
    double expected = std::floor(static_cast<double>(d) * s);
    if (static_cast<double>(o) != expected) {
      return emitOpError("output extent ")
             << o << " of dimension " << i << " is not floor(" << d << " * "
             << formatScale(s) << ") = " << formatScale(expected);
    }
  }
  return success();
}

//===----------------------------------------------------------------------===//
// TriluOp
//===----------------------------------------------------------------------===//

LogicalResult TriluOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  auto in = cast<RankedTensorType>(adaptor.getInput().getType());
  if (in.getRank() < 2) {
    return emitOptionalError(loc, "input of shape ", formatShape(in.getShape()),
                             " needs rank >= 2 (a batch of matrices)");
  }
  types.push_back(in);
  return success();
}

OpFoldResult TriluOp::fold(FoldAdaptor) {
  // trilu(x) = x when the kept triangle covers every (i, j) of an M x N
  // matrix: upper with k <= 1 - M, lower with k >= N - 1.
  auto in = cast<RankedTensorType>(getInput().getType());
  if (in != getType()) {
    return {};
  }
  int64_t m = in.getDimSize(in.getRank() - 2);
  int64_t n = in.getDimSize(in.getRank() - 1);
  int64_t k = static_cast<int64_t>(getK());
  bool keepsAll = getUpper() ? !ShapedType::isDynamic(m) && k <= 1 - m
                             : !ShapedType::isDynamic(n) && k >= n - 1;
  return keepsAll ? OpFoldResult(getInput()) : OpFoldResult();
}
