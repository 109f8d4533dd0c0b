//===- MlirFile.cpp - read a model written as MLIR ------------------------===//
//
// See MlirFile.h.
//
//===----------------------------------------------------------------------===//

#include "frontend/MlirFile.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"

using namespace mlir;

OwningOpRef<ModuleOp> nn::loadMlirModel(MLIRContext &context, StringRef path,
                                        std::string &error) {
  std::string diagnostic;
  OwningOpRef<ModuleOp> module;
  {
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      if (diagnostic.empty()) {
        llvm::raw_string_ostream os(diagnostic);
        if (auto at = dyn_cast<FileLineColLoc>(diag.getLocation())) {
          os << at.getFilename().getValue() << ":" << at.getLine() << ":"
             << at.getColumn();
        } else {
          os << diag.getLocation();
        }
        os << ": " << diag;
      }
      return success();
    });
    module = parseSourceFile<ModuleOp>(path, &context);
  }
  if (!module) {
    error = diagnostic.empty() ? path.str() + ": cannot parse" : diagnostic;
    return nullptr;
  }
  if (!module->lookupSymbol<func::FuncOp>("main")) {
    error = path.str() + ": no func.func @main";
    return nullptr;
  }
  return module;
}

std::vector<std::string> nn::mainInputNames(ModuleOp module) {
  std::vector<std::string> names;
  auto main = module.lookupSymbol<func::FuncOp>("main");
  for (unsigned i = 0; main && i < main.getNumArguments(); ++i) {
    auto name = main.getArgAttrOfType<StringAttr>(i, "nn.name");
    names.push_back(name ? name.str() : "input_" + std::to_string(i));
  }
  return names;
}
