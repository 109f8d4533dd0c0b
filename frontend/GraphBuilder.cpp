//===- GraphBuilder.cpp - build nn graphs from C++ --------------*- C++ -*-===//
//
// Every op goes through `createChecked`: infer (or take) result types, create,
// verify, fold; diagnostics are captured into the builder's error instead of
// being printed, and a failing op is erased so the module is never left
// invalid.
//
//===----------------------------------------------------------------------===//

#include "frontend/GraphBuilder.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Verifier.h"

using namespace mlir;
using namespace mlir::nn;

namespace {
/// Collects diagnostics emitted while alive into one message.
struct DiagnosticCollector {
  explicit DiagnosticCollector(MLIRContext &ctx)
      : handler(&ctx, [this](Diagnostic &diag) {
          if (!message.empty()) {
            message += "; ";
          }
          message += diag.str();
          return success();
        }) {}
  std::string message;
  ScopedDiagnosticHandler handler;
};
} // namespace

GraphBuilder::GraphBuilder(MLIRContext &context, StringRef name)
    : context(context), builder(&context),
      location(NameLoc::get(StringAttr::get(&context, name))) {
  context.loadDialect<NNDialect, func::FuncDialect>();
  module = ModuleOp::create(location);
  builder.setInsertionPointToEnd(module->getBody());
  function = func::FuncOp::create(builder, location, name,
                                  builder.getFunctionType({}, {}));
  builder.setInsertionPointToEnd(function.addEntryBlock());
}

void GraphBuilder::fail(const Twine &message) {
  if (firstError.empty()) {
    firstError = message.str();
  }
}

void GraphBuilder::setName(StringRef name) {
  location = NameLoc::get(builder.getStringAttr(name));
}

Value GraphBuilder::input(StringRef name, ArrayRef<int64_t> shape,
                          Type elementType) {
  if (!function.getBody().front().empty()) {
    fail("input '" + name + "' added after the first op; add inputs first");
    return {};
  }
  for (int64_t d : shape) {
    if (d < 0 && !ShapedType::isDynamic(d)) {
      fail("input '" + name + "' has a negative extent");
      return {};
    }
  }
  auto type = RankedTensorType::get(shape, elementType ? elementType
                                                       : builder.getF32Type());
  Block &body = function.getBody().front();
  Value arg = body.addArgument(type, NameLoc::get(builder.getStringAttr(name)));
  function.setType(builder.getFunctionType(body.getArgumentTypes(), {}));
  function.setArgAttr(body.getNumArguments() - 1, "nn.name",
                      builder.getStringAttr(name));
  return arg;
}

Value GraphBuilder::constant(ArrayRef<float> values, ArrayRef<int64_t> shape) {
  std::optional<int64_t> count = staticElementCount(shape);
  if (!count || *count != static_cast<int64_t>(values.size())) {
    fail("constant of shape " + formatShape(shape) + " given " +
         Twine(values.size()) + " values");
    return {};
  }
  auto type = RankedTensorType::get(shape, builder.getF32Type());
  return op<ConstantOp>(
      {},
      {builder.getNamedAttr("value", DenseElementsAttr::get(type, values))});
}

Value GraphBuilder::parameter(StringRef name, ArrayRef<float> values,
                              ArrayRef<int64_t> shape) {
  std::optional<int64_t> count = staticElementCount(shape);
  if (!count || *count != static_cast<int64_t>(values.size())) {
    fail("parameter '" + name + "' of shape " + formatShape(shape) + " given " +
         Twine(values.size()) + " values");
    return {};
  }
  if (*count <= kMaxDenseElements) {
    Location saved = location;
    setName(name);
    Value v = constant(values, shape);
    location = saved;
    return v;
  }
  auto type = RankedTensorType::get(shape, builder.getF32Type());
  // Blobs keep large weights out of the textual IR's attribute syntax.
  AsmResourceBlob blob = HeapAsmResourceBlob::allocateAndCopyWithAlign(
      ArrayRef<char>(reinterpret_cast<const char *>(values.data()),
                     values.size() * sizeof(float)),
      alignof(uint64_t));
  auto value = DenseResourceElementsAttr::get(type, name, std::move(blob));
  Location saved = location;
  setName(name);
  Value v = op<ConstantOp>({}, {builder.getNamedAttr("value", value)});
  location = saved;
  return v;
}

NamedAttribute GraphBuilder::i64(StringRef name, int64_t value) {
  return builder.getNamedAttr(name, builder.getI64IntegerAttr(value));
}
NamedAttribute GraphBuilder::f64(StringRef name, double value) {
  return builder.getNamedAttr(name, builder.getF64FloatAttr(value));
}
NamedAttribute GraphBuilder::i64s(StringRef name, ArrayRef<int64_t> values) {
  return builder.getNamedAttr(name, builder.getDenseI64ArrayAttr(values));
}
NamedAttribute GraphBuilder::boolean(StringRef name, bool value) {
  return builder.getNamedAttr(name, builder.getBoolAttr(value));
}

SmallVector<Value>
GraphBuilder::createChecked(StringRef opName, ValueRange operands,
                            ArrayRef<NamedAttribute> attributes,
                            TypeRange resultTypes, InferFn infer) {
  if (!firstError.empty()) {
    return {};
  }
  if (llvm::any_of(operands, [](Value v) { return !v; })) {
    fail(opName + ": an operand is null (an earlier step failed)");
    return {};
  }
  DiagnosticCollector diagnostics(context);
  SmallVector<Type> types(resultTypes);
  if (types.empty() &&
      failed(infer(&context, location, operands,
                   builder.getDictionaryAttr(attributes), types))) {
    fail(opName + ": " + diagnostics.message);
    return {};
  }
  OperationState state(location, opName);
  state.addOperands(operands);
  state.addAttributes(attributes);
  state.addTypes(types);
  Operation *created = builder.create(state);
  if (failed(verify(created))) {
    fail(opName + ": " + diagnostics.message);
    created->erase();
    return {};
  }
  // Fold now: a constant (or an operand, for identities) replaces the op.
  SmallVector<Value> folded;
  if (succeeded(builder.tryFold(created, folded)) && !folded.empty()) {
    created->erase();
    return folded;
  }
  return SmallVector<Value>(created->getResults());
}

FailureOr<OwningOpRef<ModuleOp>> GraphBuilder::finish(ValueRange outputs) {
  if (firstError.empty() && outputs.empty()) {
    fail("a graph needs at least one output");
  }
  if (firstError.empty() && llvm::any_of(outputs, [](Value v) { return !v; })) {
    fail("an output is null (an earlier step failed)");
  }
  if (!firstError.empty()) {
    return failure();
  }
  func::ReturnOp::create(builder, location, outputs);
  function.setType(builder.getFunctionType(
      function.getBody().front().getArgumentTypes(), TypeRange(outputs)));
  DiagnosticCollector diagnostics(context);
  if (failed(verify(*module))) {
    fail("the graph does not verify: " + diagnostics.message);
    return failure();
  }
  return std::move(module);
}
