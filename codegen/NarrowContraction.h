//===- NarrowContraction.h - constant A times a narrow B ------*- C++ -*-===//
//
// A contraction of a constant A [M, K] (a conv's filters) with a narrow B
// [.., K, N] (N < 64 and not a multiple of 8: the 7x7 = 49 output pixels of
// ResNet-18's last layer) computed transposed, with M on the vector lanes
// (NarrowContraction.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_NARROWCONTRACTION_H
#define NNC_CODEGEN_NARROWCONTRACTION_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace nn {

/// If `op` computes C[b.., m, n] += A[a.., m, k] * B[b.., k, n] with A an f32
/// constant (its batch dims a.. among C's: Winograd's per-tap filters), M a
/// multiple of `lanes`, and N < 64 not a multiple of 8, rewrites it as C^T[b..,
/// n, mt, j] += B[b.., k, n] * P[mt, k, j], where P is A packed at compile time
/// into panels of `lanes` columns (P[a.., mt, k, j] = A[a.., mt * lanes + j,
/// k], each K x lanes panel contiguous), between transposes of C and its init
/// (a fill or bias broadcast init, also a slice of one, becomes the same init
/// of the transposed shape: fold-init then starts each tile in registers).
/// The micro-kernel then runs N as rows (49 = 7 x 7: no padding to 64) and
/// streams each weight panel once, in order, from memory (no per-call packing).
/// Returns the new contraction, or null (IR unchanged).
linalg::GenericOp transposeNarrowProduct(RewriterBase &rewriter,
                                         linalg::GenericOp op, unsigned m,
                                         unsigned n, unsigned k, int64_t lanes);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_NARROWCONTRACTION_H
