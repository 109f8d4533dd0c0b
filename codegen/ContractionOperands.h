//===- ContractionOperands.h - operand layout at compile time -*- C++ -*-===//
//
// Operand layout helpers of nn-cpu-tile-contractions (ContractionOperands.cpp):
// constants (and slices of them) are transposed or padded at compile time, so
// weights are laid out once instead of at every inference; panels of
// non-constant operands are packed (and hoisted) per call.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_CONTRACTIONOPERANDS_H
#define NNC_CODEGEN_CONTRACTIONOPERANDS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/LoopLikeInterface.h"

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

/// Moves loop-invariant ops (the padded copy of an operand that every tile
/// of an enclosing fusion-group loop reads whole) out of the loops around
/// `op`, innermost first, so they run once instead of once per tile.
void hoistInvariantsAround(Operation *op);

/// Packs operand `operand` of the tiled op `tiled` (an extract_slice of a
/// large tensor, not already one contiguous run) into a fresh contiguous
/// tensor, hoisted out of every loop of `loops` it does not depend on.
void packOperand(RewriterBase &rewriter, Operation *tiled, unsigned operand,
                 ArrayRef<LoopLikeOpInterface> loops);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_CONTRACTIONOPERANDS_H
