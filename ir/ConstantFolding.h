//===- ConstantFolding.h - folding nn ops over small constants ---*- C++
//-*-===//
//
// Elementwise ops fold when their operands are dense constants whose result
// has at most `kMaxFoldElements` elements: enough for shape computations and
// scalar hyper-parameters, small enough that folding never bloats the IR.
// Broadcasting follows NumPy rules; the scalar semantics come from each op's
// `eval*` functions declared in ODS.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_CONSTANTFOLDING_H
#define NNC_IR_CONSTANTFOLDING_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpDefinition.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace mlir {
namespace nn {

/// Largest result (in elements) that the folders materialize.
constexpr int64_t kMaxFoldElements = 4096;

/// Folds a unary float op: `fn` applied to every element of `operand`.
OpFoldResult foldUnaryFloat(Attribute operand, Type resultType,
                            llvm::function_ref<double(double)> fn);

/// Folds a unary op defined on floats (`floatFn`) and integers (`intFn`,
/// exact on 64 bits; i1 is never folded).
OpFoldResult foldUnary(Attribute operand, Type resultType,
                       llvm::function_ref<double(double)> floatFn,
                       int64_t (*intFn)(int64_t));

/// Folds a broadcasting binary op over constants with `floatFn` (float element
/// types) or `intFn` (integer element types; nullptr means float-only).
OpFoldResult foldBinaryConstants(Attribute lhs, Attribute rhs, Type resultType,
                                 double (*floatFn)(double, double),
                                 int64_t (*intFn)(int64_t, int64_t));

/// Maps a result coordinate to the input coordinate it copies.
using SourceIndexFn =
    llvm::function_ref<void(ArrayRef<int64_t>, SmallVectorImpl<int64_t> &)>;

/// Folds a data-movement op over a constant `input` (any element type):
/// result element `c` is input element `source(c)`. Static shapes within the
/// folding budget only.
OpFoldResult foldDataMovement(Attribute input, Type resultType,
                              SourceIndexFn source);

/// Folds a concatenation of constants along `axis`.
OpFoldResult foldConcat(ArrayRef<Attribute> inputs, int64_t axis,
                        Type resultType);

/// A constant (or splat) reshaped to `resultType`; null if not foldable.
OpFoldResult foldReshapeConstant(Attribute input, Type resultType);

/// True if `attr` is a splat constant equal to `value`.
bool isSplatValue(Attribute attr, double value);

/// Fold hook shared by the binary math ops: identities first (`x op e = x`
/// for the op's right identity `e`, `e op x = x` for its left identity, only
/// when no broadcast changes the type), then constant evaluation.
template <typename OpTy>
OpFoldResult foldBinary(OpTy op, Attribute lhs, Attribute rhs,
                        double (*floatFn)(double, double),
                        int64_t (*intFn)(int64_t, int64_t)) {
  Type type = op.getType();
  if (OpTy::kRightIdentity && op.getLhs().getType() == type &&
      isSplatValue(rhs, *OpTy::kRightIdentity)) {
    return op.getLhs();
  }
  if (OpTy::kLeftIdentity && op.getRhs().getType() == type &&
      isSplatValue(lhs, *OpTy::kLeftIdentity)) {
    return op.getRhs();
  }
  return foldBinaryConstants(lhs, rhs, type, floatFn, intFn);
}

} // namespace nn
} // namespace mlir

#endif // NNC_IR_CONSTANTFOLDING_H
