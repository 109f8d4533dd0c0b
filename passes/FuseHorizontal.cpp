//===- FuseHorizontal.cpp - the nn-fuse-horizontal pass ---------*- C++ -*-===//
//
// In: a func.func of nn ops. Out: each group of matmuls that the horizontal
// rule of planFusionGroups picks (same input, constant 2-D weights of one
// type) replaced by one nn.fusion_group "horizontal" holding one matmul by
// the column-wise concatenation of the weights and one nn.slice per original
// result. The input is read once and one kernel runs instead of several.
//
//===----------------------------------------------------------------------===//

#include "passes/FusionPolicy.h"
#include "passes/Passes.h"
#include "passes/WeightUtils.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_FUSEHORIZONTALPASS
#include "passes/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;
using namespace mlir::nn;

namespace {
/// Rewrites the matmuls of `group` into one; false (IR untouched) if they
/// are not matmuls by readable 2-D f32 weights.
bool fuseMatmuls(IRRewriter &rewriter, const FusionGroup &group) {
  SmallVector<SmallVector<float>> weights;
  for (Operation *op : group.ops) {
    auto matmul = dyn_cast<MatmulOp>(op);
    if (!matmul ||
        cast<RankedTensorType>(matmul.getRhs().getType()).getRank() != 2) {
      return false;
    }
    std::optional<SmallVector<float>> w = readF32Constant(matmul.getRhs());
    if (!w) {
      return false;
    }
    weights.push_back(std::move(*w));
  }
  auto first = cast<MatmulOp>(group.ops.front());
  auto wType = cast<RankedTensorType>(first.getRhs().getType());
  int64_t k = wType.getDimSize(0), n = wType.getDimSize(1);
  int64_t count = group.ops.size();
  // Row r of the fused weight: row r of each weight, side by side.
  SmallVector<float> fused;
  fused.reserve(k * n * count);
  for (int64_t r = 0; r < k; ++r) {
    for (const SmallVector<float> &w : weights) {
      fused.append(w.begin() + r * n, w.begin() + (r + 1) * n);
    }
  }
  // Every matmul depends only on the shared input and constants, so all can
  // be computed where the first one is.
  Location loc = rewriter.getFusedLoc(llvm::map_to_vector(
      group.ops, [](Operation *op) { return op->getLoc(); }));
  rewriter.setInsertionPoint(first);
  auto fusedType =
      RankedTensorType::get({k, n * count}, wType.getElementType());
  Value weight = createF32Constant(rewriter, loc, fusedType, fused);
  Value product = MatmulOp::create(rewriter, loc, first.getLhs(), weight);
  int64_t rank = cast<RankedTensorType>(product.getType()).getRank();
  FusionGroup outlined{FusionKind::Horizontal,
                       {weight.getDefiningOp(), product.getDefiningOp()}};
  for (auto [i, op] : llvm::enumerate(group.ops)) {
    auto slice = SliceOp::create(
        rewriter, op->getLoc(), product,
        rewriter.getDenseI64ArrayAttr({(int64_t)i * n}),
        rewriter.getDenseI64ArrayAttr({(int64_t)(i + 1) * n}),
        rewriter.getDenseI64ArrayAttr({rank - 1}), DenseI64ArrayAttr());
    rewriter.replaceOp(op, slice.getResult());
    outlined.ops.push_back(slice);
  }
  outlineFusionGroup(rewriter, outlined);
  return true;
}

struct FuseHorizontalPass
    : nn::impl::FuseHorizontalPassBase<FuseHorizontalPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    for (Block &block : getOperation().getBody()) {
      for (const FusionGroup &group :
           planFusionGroups(block, FusionKind::Horizontal)) {
        fuseMatmuls(rewriter, group);
      }
    }
  }
};
} // namespace
