//===- InitIntoTiles.h - a contraction's init in registers ---*- C++ -*-===//
//
// After nn-cpu-tile-contractions, every register tile of C is read once
// before its first multiply-add. When C's initial value is a broadcast (a
// conv or gemm bias along the rows) or a fill (zeros), that read is replaced
// by the broadcast value itself, and the broadcast pass over the whole output
// (a write of every element, then the kernel's read of it) goes away.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_INITINTOTILES_H
#define NNC_CODEGEN_INITINTOTILES_H

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/Value.h"

namespace mlir {
namespace nn {

/// An init whose every element is known without reading memory: a
/// linalg.fill of `splat`, or a linalg.generic broadcasting the 1-D tensor
/// `bias` along result dimension `dim` (a conv's or gemm's bias).
struct KnownInit {
  Operation *op = nullptr; // null when the init is not one of these
  Value bias;
  int64_t dim = 0;
  Value splat;
};

/// Whether the static region `slice` reads lies outside the one `insert`
/// writes (a split-off tail of C reading past its head's result).
bool outside(tensor::ExtractSliceOp slice, tensor::InsertSliceOp insert);

/// Where dimension `dim` of a slice's source is in its result (past the
/// dimensions it drops); none when the slice drops `dim` itself.
std::optional<int64_t> slicedDim(tensor::ExtractSliceOp slice, int64_t dim);

/// Where dimension `dim` of a collapse's source is in its result; none when
/// its group holds another dimension of more than one element (an index
/// along `dim` would mix with it).
std::optional<int64_t> collapsedDim(tensor::CollapseShapeOp collapse,
                                    int64_t dim);

/// What `v` is as a KnownInit (op null when it is neither a fill nor a
/// broadcast of a 1-D tensor).
KnownInit knownInit(Value v);

/// Replaces each vector.transfer_read under `root` that reads, through the
/// tile slices, reshapes (a transposed narrow product splits the bias
/// dimension into [M / lanes, lanes]) and loop-carried tensors of a tiled
/// contraction, an element
/// of a per-row broadcast (linalg.generic yielding a 1-D input) or of a
/// linalg.fill not yet written, by that value computed in registers. A loop
/// is crossed only when the read's slice moves with its induction variable
/// (a tile loop over C, not a K loop re-reading its partial sums). When no
/// other read of the broadcast's data is left, its result is replaced by
/// its (empty) init and the broadcast dies. Returns the number of reads
/// replaced.
unsigned foldInitIntoTiles(RewriterBase &rewriter, Operation *root);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_INITINTOTILES_H
