//===- Autodiff.h - reverse-mode automatic differentiation ------*- C++ -*-===//
//
// The public API of nnc's autodiff (also behind `--nn-autodiff`). Both
// entry points only talk to ops through `GradientOpInterface`
// (ir/NNInterfaces.td; rules in ir/gradients/) and need static shapes.
//
//   buildVjp       appends the reverse sweep to a block that already holds
//                  the forward computation (for training-step builders that
//                  put forward, loss, backward and update in one function);
//   buildBackward  makes a standalone backward function of a forward one.
//
// Semantics shared by both: fan-out accumulates (nn.add), broadcasting is
// undone by the rules, integer/i1 values (indices, masks, shapes) carry no
// gradient, ops that only feed non-differentiated values are skipped, and an
// op on a differentiated path without a rule is an error at its location:
//   error: no gradient rule for 'nn.foo' (...)
// Recurrent ops (nn.rnn/lstm/gru) are first rewritten in place into their
// unrolled form (`decomposeForGradient`), which has rules.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_AUTODIFF_H
#define NNC_PASSES_AUTODIFF_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

#include <string>

namespace mlir {
namespace nn {

/// Reverse sweep. `outputs` are values computed in `builder`'s insertion
/// block before its insertion point, `cotangents` their seeds (same types,
/// one each; e.g. a ones constant for a scalar loss), `wrt` values of that
/// block (arguments or op results) to differentiate with respect to. Emits
/// the backward ops at the insertion point and returns one gradient per
/// `wrt` value, of its type (zeros where no path exists). Ops on active
/// paths that implement `decomposeForGradient` are replaced in place first
/// (so `outputs` values of such ops must be re-read from the function's
/// terminator by callers that keep them; the returned gradients are valid).
/// On failure a diagnostic was emitted at the offending op; the IR may then
/// contain dead backward ops, which the caller should discard.
FailureOr<SmallVector<Value>> buildVjp(OpBuilder &builder, ValueRange outputs,
                                       ValueRange cotangents, ValueRange wrt);

/// How `buildBackward` shapes the backward function.
struct BackwardOptions {
  /// Name of the new function; empty: `<forward>_grad`.
  std::string name;
  /// Return the forward results first, then the gradients.
  bool returnResults = true;
  /// Take one seed cotangent argument per forward result (after the
  /// forward arguments); false: seed every result with ones (for a loss).
  bool seedArguments = true;
};

/// Builds, next to `forward` (one block, static ranked tensor types), the
/// function
///   (forward args..., [seed per result...]) -> ([forward results...],
///                                               gradient per wrt arg...)
/// with gradients in the order of `wrtArgs` (argument indices; each must be
/// a float tensor). Dead backward ops are removed. On failure nothing is
/// added and a diagnostic names the cause.
FailureOr<func::FuncOp> buildBackward(func::FuncOp forward,
                                      ArrayRef<unsigned> wrtArgs,
                                      const BackwardOptions &options = {});

} // namespace nn
} // namespace mlir

#endif // NNC_PASSES_AUTODIFF_H
