//===- ShapeUtils.cpp - shape arithmetic for nn op inference -----*- C++
//-*-===//

#include "ir/ShapeUtils.h"

#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;

bool nn::areCompatibleResultTypes(TypeRange lhs, TypeRange rhs) {
  if (lhs.size() != rhs.size()) {
    return false;
  }
  for (auto [l, r] : llvm::zip(lhs, rhs)) {
    if (getElementTypeOrSelf(l) != getElementTypeOrSelf(r)) {
      return false;
    }
    if (failed(verifyCompatibleShape(l, r))) {
      return false;
    }
  }
  return true;
}

std::string nn::formatShape(ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (auto [i, d] : llvm::enumerate(shape)) {
    if (i) {
      s += ", ";
    }
    s += ShapedType::isDynamic(d) ? "?" : std::to_string(d);
  }
  return s + "]";
}

LogicalResult nn::broadcastShapes(std::optional<Location> loc,
                                  ArrayRef<ArrayRef<int64_t>> shapes,
                                  SmallVectorImpl<int64_t> &result) {
  size_t rank = 0;
  for (ArrayRef<int64_t> s : shapes) {
    rank = std::max(rank, s.size());
  }
  result.assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t &out = result[rank - 1 - i];
    bool sawDynamic = false;
    for (ArrayRef<int64_t> s : shapes) {
      if (i >= s.size()) {
        continue;
      }
      int64_t d = s[s.size() - 1 - i];
      if (ShapedType::isDynamic(d)) {
        sawDynamic = true;
        continue;
      }
      if (d == 1) {
        continue;
      }
      if (out != 1 && out != d) {
        std::string all;
        for (auto [k, t] : llvm::enumerate(shapes)) {
          all += (k ? " and " : "") + formatShape(t);
        }
        return emitOptionalError(loc, "operands of shapes ", all,
                                 " are not broadcast-compatible (dimension ",
                                 out, " vs ", d, ")");
      }
      out = d;
    }
    // A dynamic extent only stays dynamic when no static extent > 1 pins it.
    if (sawDynamic && out == 1) {
      out = ShapedType::kDynamic;
    }
  }
  return success();
}

LogicalResult nn::broadcastShapes(std::optional<Location> loc, TypeRange types,
                                  SmallVectorImpl<int64_t> &result) {
  SmallVector<ArrayRef<int64_t>> shapes;
  for (Type t : types) {
    auto ranked = dyn_cast<RankedTensorType>(t);
    if (!ranked) {
      return emitOptionalError(loc, "expected ranked tensor operands");
    }
    shapes.push_back(ranked.getShape());
  }
  return broadcastShapes(loc, shapes, result);
}

LogicalResult nn::inferBroadcastResult(std::optional<Location> loc,
                                       TypeRange operands, Type element,
                                       SmallVectorImpl<Type> &results) {
  SmallVector<int64_t> shape;
  if (failed(broadcastShapes(loc, operands, shape))) {
    return failure();
  }
  results.push_back(RankedTensorType::get(shape, element));
  return success();
}

FailureOr<int64_t> nn::normalizeAxis(std::optional<Location> loc, int64_t axis,
                                     int64_t rank, StringRef what) {
  if (axis < -rank || axis >= rank) {
    if (rank == 0) {
      return emitOptionalError(loc, what, " ", axis,
                               " is invalid for a rank-0 tensor");
    }
    return emitOptionalError(loc, what, " ", axis, " is out of range [", -rank,
                             ", ", rank - 1, "] for a rank-", rank, " tensor");
  }
  return axis < 0 ? axis + rank : axis;
}

LogicalResult nn::normalizeAxes(std::optional<Location> loc,
                                ArrayRef<int64_t> axes, int64_t rank,
                                SmallVectorImpl<int64_t> &result,
                                StringRef what) {
  result.clear();
  llvm::SmallSet<int64_t, 8> seen;
  for (int64_t a : axes) {
    FailureOr<int64_t> n = normalizeAxis(loc, a, rank, what);
    if (failed(n)) {
      return failure();
    }
    if (!seen.insert(*n).second) {
      return emitOptionalError(loc, what, " contain dimension ", *n,
                               " more than once");
    }
    result.push_back(*n);
  }
  return success();
}

int64_t nn::slidingWindowExtent(int64_t in, int64_t kernel, int64_t stride,
                                int64_t dilation, int64_t padBegin,
                                int64_t padEnd, bool ceilMode) {
  if (ShapedType::isDynamic(in)) {
    return ShapedType::kDynamic;
  }
  int64_t span = in + padBegin + padEnd - dilation * (kernel - 1) - 1;
  if (span < 0) {
    return -1;
  }
  int64_t out = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
  // With ceil_mode, the last window must start inside the input or the
  // begin padding (ONNX/PyTorch rule).
  if (ceilMode && (out - 1) * stride >= in + padBegin) {
    --out;
  }
  return out;
}

std::optional<int64_t> nn::staticElementCount(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (ShapedType::isDynamic(d) || llvm::MulOverflow(n, d, n)) {
      return std::nullopt;
    }
  }
  return n;
}

bool nn::elementCountOverflows(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (!ShapedType::isDynamic(d) && llvm::MulOverflow(n, d, n)) {
      return true;
    }
  }
  return false;
}
