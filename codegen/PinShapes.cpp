//===- PinShapes.cpp - @main specialized to concrete input types ----------===//

#include "codegen/PinShapes.h"
#include "codegen/FirstError.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

std::string nn::typeString(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << type;
  return s;
}

/// True if the static `actual` may stand for the declared argument type.
static bool fitsDeclared(Type declared, RankedTensorType actual) {
  if (auto unranked = dyn_cast<UnrankedTensorType>(declared)) {
    return unranked.getElementType() == actual.getElementType();
  }
  auto ranked = dyn_cast<RankedTensorType>(declared);
  if (!ranked || ranked.getElementType() != actual.getElementType() ||
      ranked.getRank() != actual.getRank()) {
    return false;
  }
  for (int64_t d = 0; d < ranked.getRank(); ++d) {
    if (!ranked.isDynamicDim(d) &&
        ranked.getDimSize(d) != actual.getDimSize(d)) {
      return false;
    }
  }
  return true;
}

LogicalResult nn::pinMainShapes(ModuleOp module,
                                ArrayRef<RankedTensorType> inputTypes,
                                SmallVectorImpl<RankedTensorType> &resultTypes,
                                std::string &error) {
  MLIRContext *context = module.getContext();
  auto main = module.lookupSymbol<func::FuncOp>("main");
  if (!main || main.isExternal()) {
    error = "the module has no function @main with a body";
    return failure();
  }
  FunctionType fnType = main.getFunctionType();
  if (fnType.getNumInputs() != inputTypes.size()) {
    error = "@main takes " + std::to_string(fnType.getNumInputs()) +
            " inputs, got " + std::to_string(inputTypes.size());
    return failure();
  }
  for (auto [i, pair] :
       llvm::enumerate(llvm::zip(fnType.getInputs(), inputTypes))) {
    auto [declared, actual] = pair;
    if (!actual.hasStaticShape()) {
      error = "input " + std::to_string(i) + " has a dynamic type";
      return failure();
    }
    if (!fitsDeclared(declared, actual)) {
      error = "input " + std::to_string(i) + ": expected " +
              typeString(declared) + ", got " + typeString(actual);
      return failure();
    }
    main.getArgument(i).setType(actual);
  }
  main.setType(FunctionType::get(context, SmallVector<Type>(inputTypes),
                                 fnType.getResults()));

  FirstError diagnostics(context);
  PassManager pm(context);
  pm.addNestedPass<func::FuncOp>(createInferShapesPass());
  if (failed(pm.run(module))) {
    error = diagnostics.take("shape inference failed");
    return failure();
  }
  resultTypes.clear();
  for (auto [i, result] :
       llvm::enumerate(main.getFunctionType().getResults())) {
    auto ranked = dyn_cast<RankedTensorType>(result);
    if (!ranked || !ranked.hasStaticShape()) {
      error = "result " + std::to_string(i) + " has type " +
              typeString(result) + " after pinning the input shapes";
      return failure();
    }
    resultTypes.push_back(ranked);
  }
  return success();
}
