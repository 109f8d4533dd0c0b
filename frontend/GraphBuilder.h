//===- GraphBuilder.h - build nn graphs from C++ ----------------*- C++ -*-===//
//
// A small API for host programs that build models in code instead of loading
// ONNX files. Result types are inferred by the ops themselves; any mistake
// (incompatible shapes, a bad attribute) is reported as an error message,
// never a crash: the first failure is kept, later calls become no-ops, and
// `finish` returns the error.
//
//   mlir::nn::GraphBuilder g(ctx, "mlp");
//   Value x = g.input("x", {ShapedType::kDynamic, 784});
//   Value w = g.constant(weights, {784, 10});
//   Value y = g.op<nn::ReluOp>({g.op<nn::MatmulOp>({x, w})});
//   FailureOr<OwningOpRef<ModuleOp>> module = g.finish({y});
//
//===----------------------------------------------------------------------===//

#ifndef NNC_FRONTEND_GRAPHBUILDER_H
#define NNC_FRONTEND_GRAPHBUILDER_H

#include "ir/NNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>

namespace mlir {
namespace nn {

class GraphBuilder {
public:
  /// Starts a module with one function `name`; loads the dialects it needs.
  GraphBuilder(MLIRContext &context, StringRef name = "main");

  /// Adds a graph input (a function argument) named `name`; a dynamic extent
  /// is `ShapedType::kDynamic`. Inputs must be added before the first op.
  Value input(StringRef name, ArrayRef<int64_t> shape, Type elementType = {});

  /// A dense f32 constant; `values.size()` must equal the shape's volume.
  Value constant(ArrayRef<float> values, ArrayRef<int64_t> shape);

  /// A named f32 weight, stored like the ONNX importer stores initializers:
  /// inline `dense<...>` up to `kMaxDenseElements` elements, otherwise a
  /// `dense_resource<name>` blob (kept out of the attribute syntax). The op
  /// is located at `name`.
  Value parameter(StringRef name, ArrayRef<float> values,
                  ArrayRef<int64_t> shape);

  /// Largest parameter written inline as `dense<...>` (as the importer does).
  static constexpr int64_t kMaxDenseElements = 16;

  /// Names the ops created next (their location); e.g. the layer name.
  void setName(StringRef name);

  /// Sets the location of the ops created next (e.g. an ONNX node's).
  void setLocation(Location loc) { location = loc; }

  /// Creates an op of type `OpTy` from operands and attributes. Result types
  /// are inferred when the op supports it, else taken from `resultTypes`.
  /// The op is folded right away when it folds (constant operands, algebraic
  /// identities), so shape computations on constants become constants at
  /// build time. Returns the first result, or a null Value after an error.
  template <typename OpTy>
  Value op(ValueRange operands, ArrayRef<NamedAttribute> attributes = {},
           TypeRange resultTypes = {}) {
    SmallVector<Value> results = ops<OpTy>(operands, attributes, resultTypes);
    return results.empty() ? Value() : results.front();
  }

  /// Like `op` for multi-result ops (split, lstm, ...); empty after an error.
  template <typename OpTy>
  SmallVector<Value> ops(ValueRange operands,
                         ArrayRef<NamedAttribute> attributes = {},
                         TypeRange resultTypes = {}) {
    return createChecked(OpTy::getOperationName(), operands, attributes,
                         resultTypes, &inferTypes<OpTy>);
  }

  /// Attribute helpers: `g.op<nn::SoftmaxOp>({x}, {g.i64("axis", 1)})`.
  NamedAttribute i64(StringRef name, int64_t value);
  NamedAttribute f64(StringRef name, double value);
  NamedAttribute i64s(StringRef name, ArrayRef<int64_t> values);
  NamedAttribute boolean(StringRef name, bool value);

  /// Returns `outputs`, verifies the module and hands it over; on any error
  /// (now or earlier) returns failure and `error()` says what went wrong.
  FailureOr<OwningOpRef<ModuleOp>> finish(ValueRange outputs);

  /// The context ops are created in.
  MLIRContext &getContext() const { return context; }

  /// The first error message, empty if none.
  StringRef error() const { return firstError; }

  /// True once an error was recorded; every later step is a no-op.
  bool hasError() const { return !firstError.empty(); }

  /// Records `message` as the error unless one is already kept; for layers
  /// built on top of this class (Layers.h) that check their own arguments.
  void reportError(const Twine &message) { fail(message); }

private:
  /// Result-type inference of `OpTy` from a generic description, or failure
  /// (with diagnostics) if the op does not infer or inference fails.
  template <typename OpTy>
  static LogicalResult inferTypes(MLIRContext *ctx, Location loc,
                                  ValueRange operands, DictionaryAttr attrs,
                                  SmallVectorImpl<Type> &types) {
    if constexpr (OpTy::template hasTrait<InferTypeOpInterface::Trait>()) {
      typename OpTy::Properties props;
      // Absent default-valued attributes must read as their defaults.
      OperationName(OpTy::getOperationName(), ctx)
          .populateDefaultProperties(OpaqueProperties(&props));
      auto emitError = [&]() { return mlir::emitError(loc); };
      if (failed(OpTy::setPropertiesFromAttr(props, attrs, emitError))) {
        return failure();
      }
      return OpTy::inferReturnTypes(ctx, loc, operands, attrs,
                                    OpaqueProperties(&props), {}, types);
    } else {
      return mlir::emitError(loc)
             << OpTy::getOperationName() << " needs explicit result types";
    }
  }

  using InferFn = LogicalResult (*)(MLIRContext *, Location, ValueRange,
                                    DictionaryAttr, SmallVectorImpl<Type> &);
  /// Infers (or takes) result types, creates, verifies and folds one op;
  /// returns its (folded) results, empty after an error.
  SmallVector<Value> createChecked(StringRef opName, ValueRange operands,
                                   ArrayRef<NamedAttribute> attributes,
                                   TypeRange resultTypes, InferFn infer);
  void fail(const Twine &message);

  MLIRContext &context;
  OwningOpRef<ModuleOp> module;
  func::FuncOp function;
  OpBuilder builder;
  Location location;
  std::string firstError;
};

} // namespace nn
} // namespace mlir

#endif // NNC_FRONTEND_GRAPHBUILDER_H
