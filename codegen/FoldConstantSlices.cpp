//===- FoldConstantSlices.cpp - slices of weights become weights ----------===//
//
// See FoldConstantSlicesPass in Passes.td. Recurrent layers keep each gate's
// weights as a slice of one stacked constant (ONNX's W[dir, 4*hidden, in]);
// the contraction tilers only recognize a *constant* operand, whose transpose
// and padding they do once at compile time. A slice is a runtime view, so
// every gate's GEMV repacked its weights at every step.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_FOLDCONSTANTSLICESPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {

/// The raw bytes of a non-splat dense or resource constant, if `cst` is one
/// with a byte-sized element type.
std::optional<ArrayRef<char>> rawBytes(arith::ConstantOp cst,
                                       RankedTensorType type) {
  size_t width = type.getElementTypeBitWidth();
  if (width % 8 != 0 || !type.hasStaticShape()) {
    return std::nullopt;
  }
  size_t expected = size_t(type.getNumElements()) * (width / 8);
  ArrayRef<char> data;
  if (auto dense = dyn_cast<DenseElementsAttr>(cst.getValue())) {
    if (dense.isSplat()) {
      return std::nullopt; // canonicalization already folds splat slices
    }
    data = dense.getRawData();
  } else if (auto res = dyn_cast<DenseResourceElementsAttr>(cst.getValue())) {
    AsmResourceBlob *blob = res.getRawHandle().getBlob();
    if (!blob) {
      return std::nullopt;
    }
    data = blob->getData();
  }
  if (data.size() != expected) {
    return std::nullopt;
  }
  return data;
}

/// Copies the static slice `slice` of the row-major `src` into a new
/// resource constant.
void foldSlice(tensor::ExtractSliceOp slice, ArrayRef<char> src) {
  auto srcType = slice.getSourceType();
  auto dstType = slice.getResultType();
  size_t elem = srcType.getElementTypeBitWidth() / 8;
  ArrayRef<int64_t> offsets = slice.getStaticOffsets();
  ArrayRef<int64_t> sizes = slice.getStaticSizes();
  ArrayRef<int64_t> strides = slice.getStaticStrides();
  int64_t rank = srcType.getRank();
  SmallVector<int64_t> srcStrides(rank, 1);
  for (int64_t d = rank - 2; d >= 0; --d) {
    srcStrides[d] = srcStrides[d + 1] * srcType.getDimSize(d + 1);
  }
  int64_t count = 1;
  for (int64_t s : sizes) {
    count *= s;
  }
  AsmResourceBlob blob = HeapAsmResourceBlob::allocate(
      size_t(count) * elem, /*align=*/64, /*dataIsMutable=*/true);
  char *dst = blob.getMutableData().data();
  SmallVector<int64_t> index(rank, 0);
  for (int64_t i = 0; i < count; ++i) {
    int64_t at = 0;
    for (int64_t d = 0; d < rank; ++d) {
      at += (offsets[d] + index[d] * strides[d]) * srcStrides[d];
    }
    std::memcpy(dst + i * elem, src.data() + at * elem, elem);
    for (int64_t d = rank - 1; d >= 0 && ++index[d] == sizes[d]; --d) {
      index[d] = 0;
    }
  }
  // The slice may drop unit dimensions: the data is laid out the same.
  auto attr = DenseResourceElementsAttr::get(dstType, "slice", std::move(blob));
  OpBuilder b(slice);
  Value folded = arith::ConstantOp::create(b, slice.getLoc(), attr);
  slice.getResult().replaceAllUsesWith(folded);
  slice.erase();
}

struct FoldConstantSlicesPass
    : nn::impl::FoldConstantSlicesPassBase<FoldConstantSlicesPass> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<arith::ConstantOp> constants;
    getOperation().walk([&](arith::ConstantOp c) { constants.push_back(c); });
    for (arith::ConstantOp cst : constants) {
      auto type = dyn_cast<RankedTensorType>(cst.getType());
      if (!type || type.getNumElements() < minElements || cst->use_empty()) {
        continue;
      }
      // Only when every use is a static slice: the slices then replace the
      // constant instead of duplicating it.
      SmallVector<tensor::ExtractSliceOp> slices;
      bool allSlices = true;
      for (Operation *user : cst->getUsers()) {
        auto slice = dyn_cast<tensor::ExtractSliceOp>(user);
        if (!slice || !slice.hasUnitStride() ||
            ShapedType::isDynamicShape(slice.getStaticOffsets()) ||
            ShapedType::isDynamicShape(slice.getStaticSizes())) {
          allSlices = false;
          break;
        }
        slices.push_back(slice);
      }
      std::optional<ArrayRef<char>> bytes = rawBytes(cst, type);
      if (!allSlices || !bytes) {
        continue;
      }
      for (tensor::ExtractSliceOp slice : slices) {
        foldSlice(slice, *bytes);
      }
      cst.erase();
    }
  }
};

} // namespace
