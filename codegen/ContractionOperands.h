//===- ContractionOperands.h - operand layout at compile time -*- C++ -*-===//
//
// Operand layout helpers of nn-cpu-tile-contractions (ContractionOperands.cpp):
// constants (and slices of them) are transposed or padded at compile time, so
// weights are laid out once instead of at every inference.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_CONTRACTIONOPERANDS_H
#define NNC_CODEGEN_CONTRACTIONOPERANDS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

#include <optional>

namespace mlir {
namespace nn {

/// Position of loop `dim` among the results of `map`, if read there.
std::optional<unsigned> resultPosition(AffineMap map, unsigned dim);

/// The raw f32 bytes of a constant tensor (dense or resource), or of a
/// reshape of one, if any.
std::optional<ArrayRef<char>> constantBytes(Value v);

/// Returns `v` with its dimensions permuted by `perm` (result dim i = source
/// dim perm[i]). A constant rank-2 operand (or a slice of one) is transposed
/// at compile time into a new resource; anything else gets a
/// linalg.transpose.
Value permute(RewriterBase &rewriter, Location loc, Value v,
              ArrayRef<int64_t> perm);

/// Replaces a tensor.pad of a rank-2 f32 constant by the padded constant, so
/// weights are padded once at compile time instead of at every inference.
void foldConstantPad(RewriterBase &rewriter, tensor::PadOp pad);

/// Rewrites operand `operand` of `op` so that loop `inner` is its innermost
/// dimension (for A: k, for B: n). Returns false if it cannot.
bool makeInnermost(RewriterBase &rewriter, linalg::GenericOp op,
                   unsigned operand, unsigned inner);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_CONTRACTIONOPERANDS_H
