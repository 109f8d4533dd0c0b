//===- ReductionUtils.h - helpers for the reduction lowerings ---*- C++ -*-===//
//
// Building blocks shared by LowerReductions.cpp, LowerNormalization.cpp and
// LowerLosses.cpp: a reduction is a linalg.generic iterating over the whole
// input whose outputs keep only the non-reduced dimensions; results are read
// back at full rank through `keptMap`.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_REDUCTIONUTILS_H
#define NNC_CODEGEN_REDUCTIONUTILS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace nn {

/// The map `(d0, ..., dn-1) -> (kept dims)` reading a reduced tensor from a
/// loop nest over the full input.
AffineMap keptMap(MLIRContext *ctx, ArrayRef<bool> reduced);

/// A value read at every point of the loop nest: `(d0, ..., dn-1) -> (dim)`.
AffineMap singleDimMap(MLIRContext *ctx, unsigned rank, unsigned dim);

/// Dynamic extents of `v`'s type, in order, read with tensor.dim (only the
/// dimensions where `keep` is true, or all when `keep` is empty).
SmallVector<Value> dynamicDims(OpBuilder &b, Location loc, Value v,
                               ArrayRef<bool> keep = {});

/// An empty tensor of the kept dims of `input`, filled with `init`.
Value filledKeptTensor(OpBuilder &b, Location loc, Value input,
                       ArrayRef<bool> reduced, Value init);

/// A linalg.generic over the full shape of `input` (the loop nest) that
/// reads `inputs` through `inputMaps` and accumulates into `inits` (read
/// through `keptMap(reduced)`); `body` gets the input elements followed by
/// the accumulators and returns the new accumulators.
SmallVector<Value> buildReduction(
    OpBuilder &b, Location loc, ArrayRef<bool> reduced, ValueRange inputs,
    ArrayRef<AffineMap> inputMaps, ValueRange inits,
    function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange)> body);

/// An all-parallel linalg.generic producing a tensor shaped like `like`
/// with element type `element`, reading `inputs` through `inputMaps`.
Value buildMap(OpBuilder &b, Location loc, Value like, Type element,
               ValueRange inputs, ArrayRef<AffineMap> inputMaps,
               function_ref<Value(OpBuilder &, Location, ValueRange)> body);

/// The number of elements of `v` over the `reduced` dimensions, as a scalar
/// of float type `type`.
Value reducedCount(OpBuilder &b, Location loc, Value v, ArrayRef<bool> reduced,
                   Type type);

/// `v`, a tensor of the kept dims, expanded to the keepdims shape (each
/// reduced dim of `input` back with extent 1).
Value expandKeptDims(OpBuilder &b, Location loc, Value v, Value input,
                     ArrayRef<bool> reduced);

/// `v` cast with tensor.cast to `type` when the two differ only in how much
/// of the shape is static.
Value castToType(OpBuilder &b, Location loc, Value v, Type type);

/// `log(sum(exp(x - max)))` pieces along `axis` of `x`: returns {max, sum}
/// as tensors of the kept dims, for softmax and log-softmax.
std::pair<Value, Value> softmaxStatistics(OpBuilder &b, Location loc, Value x,
                                          int64_t axis);

/// log_softmax of `x` along `axis` (normalized, in [0, rank)).
/// softmax(x) along `axis`: e = exp(x - max), then e * (1 / sum(e)); e is
/// computed once, the division once per row.
Value buildSoftmax(OpBuilder &b, Location loc, Value x, int64_t axis);

Value buildLogSoftmax(OpBuilder &b, Location loc, Value x, int64_t axis);

/// batch_norm, layer_norm, instance_norm (LowerNormalization.cpp); added by
/// populateReductionToLinalgPatterns.
void populateNormalizationToLinalgPatterns(RewritePatternSet &patterns);
/// mse, nll, softmax_cross_entropy, bce (LowerLosses.cpp); added by
/// populateReductionToLinalgPatterns.
void populateLossToLinalgPatterns(RewritePatternSet &patterns);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_REDUCTIONUTILS_H
