//===- ConvEpilogue.h - a conv's elementwise epilogue in its kernel -*- C++
//-*-===//
//
// Helpers that move the elementwise consumer of a 2-D convolution (bias,
// residual add, activation) into the loop nest that computes the
// convolution (ConvEpilogue.cpp), used by nn-lower-fusion-groups and
// nn-cpu-tile-contractions.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_CONVEPILOGUE_H
#define NNC_CODEGEN_CONVEPILOGUE_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace nn {

/// `v` without a collapse_shape(expand_shape(x)) round trip around it.
Value skipReshapePair(Value v);

/// Rewrites `op` (an N-C-H-W elementwise generic or fill) over N x C x HW,
/// its H and W loops collapsed into one, and drops the reshape round trips
/// this leaves on its operands. Returns the collapsed op, or null (then `op`
/// is left as it was).
Operation *collapseSpatialDims(RewriterBase &rewriter, linalg::LinalgOp op);

/// If `epilogue` is elementwise and reads as its init (identity map) the
/// single result of an scf.forall that only it uses (a convolution's image
/// loop or thread loop), computes it inside that loop: each iteration
/// applies it to the tile it is about to insert, while the tile is in
/// cache, and the loop's result replaces the epilogue's. Returns the tiled
/// epilogue, or null when it does not apply (IR unchanged).
linalg::GenericOp fuseEpilogueIntoLoop(RewriterBase &rewriter,
                                       linalg::GenericOp epilogue);

/// If `epilogue` (elementwise, in place on its init) reads a result that
/// was assembled by inserting disjoint parts (a contraction split after its
/// last whole register tile by linalg::splitOp), applies it to each part
/// before that part is inserted. Returns the parts' epilogues (just
/// `epilogue`, unchanged, otherwise).
SmallVector<linalg::GenericOp>
distributeEpilogueOverParts(RewriterBase &rewriter, linalg::GenericOp epilogue);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_CONVEPILOGUE_H
