//===- GradientBuilder.h - vocabulary of the gradient rules -----*- C++ -*-===//
//
// A thin builder that gradient rules use to emit nn ops at the forward op's
// location: arithmetic with broadcasting, scalar and filled constants,
// reshapes and reductions, and `sumToShape`, which undoes a broadcast (the
// adjoint of broadcasting). It keeps each rule to a line or two, e.g.
//   y = tanh(x):  dx = g * (1 - y * y)
//     ->  return b.mul(g, b.sub(b.scalar(1, y), b.mul(y, y)));
// Every helper assumes static shapes (nn-autodiff checks them first).
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_GRADIENTS_GRADIENTBUILDER_H
#define NNC_IR_GRADIENTS_GRADIENTBUILDER_H

#include "ir/NNOps.h"

namespace mlir {
namespace nn {

/// Emits nn ops for gradient rules at one location.
class GradientBuilder {
public:
  GradientBuilder(OpBuilder &builder, Location loc) : b(builder), loc(loc) {}
  GradientBuilder(OpBuilder &builder, Operation *op)
      : b(builder), loc(op->getLoc()) {}

  OpBuilder &b;
  Location loc;

  /// Creates `OpT` with inferred result types; returns its first result.
  template <typename OpT, typename... Args> Value op(Args &&...args) {
    return OpT::create(b, loc, std::forward<Args>(args)...)->getResult(0);
  }

  // Broadcasting arithmetic (NumPy rules, as the nn ops).
  Value add(Value x, Value y) { return op<AddOp>(x, y); }
  Value sub(Value x, Value y) { return op<SubOp>(x, y); }
  Value mul(Value x, Value y) { return op<MulOp>(x, y); }
  Value div(Value x, Value y) { return op<DivOp>(x, y); }
  Value neg(Value x) { return op<NegOp>(x); }
  Value exp(Value x) { return op<ExpOp>(x); }
  Value log(Value x) { return op<LogOp>(x); }
  Value cmp(CmpPredicate p, Value x, Value y) { return op<CmpOp>(p, x, y); }
  Value select(Value c, Value x, Value y) { return op<SelectOp>(c, x, y); }
  /// `c ? x : 0`.
  Value maskZero(Value c, Value x) { return select(c, x, scalar(0, x)); }

  /// Rank-0 constant `v` of `like`'s element type.
  Value scalar(double v, Value like);
  /// Constant of `type` (a ranked float or integer tensor) filled with `v`.
  Value fill(double v, Type type);
  /// `g` if non-null, else zeros of `type`.
  Value orZeros(Value g, Type type) { return g ? g : fill(0, type); }
  /// Element-type conversion (`x` itself when the type already matches).
  Value convert(Value x, Type elementType);
  /// Float 1/0 mask of an i1 tensor, in `like`'s element type.
  Value toFloat(Value mask, Value like) {
    return convert(mask, getElementTypeOrSelf(like.getType()));
  }

  Value reshape(Value x, ArrayRef<int64_t> shape);
  Value transpose(Value x, ArrayRef<int64_t> perm);
  Value broadcastTo(Value x, ArrayRef<int64_t> shape);
  /// x[begin : end] along `axis` (step 1).
  Value slice(Value x, int64_t axis, int64_t begin, int64_t end);
  Value reduce(ReduceKind kind, Value x, ArrayRef<int64_t> axes,
               bool keepdims = true);
  Value sum(Value x, ArrayRef<int64_t> axes, bool keepdims = true) {
    return reduce(ReduceKind::sum, x, axes, keepdims);
  }
  /// The adjoint of broadcasting `type`'s shape to `g`'s: sums `g` over the
  /// leading dimensions it has in excess and over each dimension where
  /// `type` has extent 1 and `g` does not, then reshapes to `type`.
  Value sumToShape(Value g, Type type);
  /// Reshapes a per-channel vector [C] to [1, C, 1, ...] of rank `rank`.
  Value channelView(Value v, int64_t rank);
  /// Sum over every axis except 1 (the channel axis), as [C].
  Value sumButChannel(Value x);
  /// Constant [0, 1, ..., n-1] of element type `element`, shaped so that
  /// it runs along `axis` of a rank-`rank` tensor (extent 1 elsewhere).
  Value iota(int64_t n, Type element, int64_t axis, int64_t rank);

  /// The inherent attributes `names` that `op` carries (absent optional
  /// attributes are left out), to give a derived op the same window.
  static SmallVector<NamedAttribute> copyAttrs(Operation *op,
                                               ArrayRef<StringRef> names);

  /// Static shape of a ranked tensor value.
  static ArrayRef<int64_t> shape(Value v) {
    return cast<RankedTensorType>(v.getType()).getShape();
  }
  static int64_t rank(Value v) { return shape(v).size(); }
};

/// Attaches every gradient rule (the external models of the op families)
/// to the nn ops of `context`; called when the dialect loads.
void attachGradientRules(MLIRContext &context);

// One per family, each in its `<Family>Gradients.cpp`.
void attachElementwiseGradients(MLIRContext &context);
void attachContractionGradients(MLIRContext &context);
void attachNormalizationGradients(MLIRContext &context);
void attachPoolingGradients(MLIRContext &context);
void attachDataMovementGradients(MLIRContext &context);
void attachResizeGatherGradients(MLIRContext &context);
void attachLossGradients(MLIRContext &context);
void attachRecurrentGradients(MLIRContext &context);

} // namespace nn
} // namespace mlir

#endif // NNC_IR_GRADIENTS_GRADIENTBUILDER_H
