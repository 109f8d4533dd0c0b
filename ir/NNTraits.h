//===- NNTraits.h - fusion-kind traits of nn ops ----------------*- C++ -*-===//
//
// Marker traits that say how an op may fuse. Fusion passes query them
// (`op->hasTrait<ElementwiseLike>()`) and never switch on op names:
//   ElementwiseLike  - each output element depends on the same-index element
//                      of each (broadcast) operand;
//   ContractionLike  - a multiply-accumulate over reduced dimensions (matmul,
//                      conv); accepts an elementwise epilogue;
//   ReductionLike    - reduces dimensions (reduce, softmax, norms, losses);
//   LayoutLike       - moves data without arithmetic (reshape, transpose...).
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_NNTRAITS_H
#define NNC_IR_NNTRAITS_H

#include "mlir/IR/OpDefinition.h"

namespace mlir {
namespace nn {

/// Ops computed independently per (broadcast) output element.
template <typename ConcreteType>
class ElementwiseLike
    : public OpTrait::TraitBase<ConcreteType, ElementwiseLike> {};

/// Multiply-accumulate ops (matmul, gemm, conv, conv_transpose).
template <typename ConcreteType>
class ContractionLike
    : public OpTrait::TraitBase<ConcreteType, ContractionLike> {};

/// Ops that reduce over one or more dimensions.
template <typename ConcreteType>
class ReductionLike : public OpTrait::TraitBase<ConcreteType, ReductionLike> {};

/// Pure data movement: no arithmetic on element values.
template <typename ConcreteType>
class LayoutLike : public OpTrait::TraitBase<ConcreteType, LayoutLike> {};

} // namespace nn
} // namespace mlir

#endif // NNC_IR_NNTRAITS_H
