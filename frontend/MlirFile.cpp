//===- MlirFile.cpp - read a model written as MLIR ------------------------===//
//
// See MlirFile.h.
//
//===----------------------------------------------------------------------===//

#include "frontend/MlirFile.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

OwningOpRef<ModuleOp> nn::parseMlirModel(MLIRContext &context, StringRef text,
                                         StringRef name, std::string &error) {
  std::string diagnostic;
  OwningOpRef<ModuleOp> module;
  {
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      if (diagnostic.empty() &&
          diag.getSeverity() == DiagnosticSeverity::Error) {
        llvm::raw_string_ostream os(diagnostic);
        // `file:line:col: message`, like a compiler (not `loc(...)`).
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
    llvm::SourceMgr sourceMgr;
    sourceMgr.AddNewSourceBuffer(
        llvm::MemoryBuffer::getMemBufferCopy(text, name), llvm::SMLoc());
    module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  }
  if (!module) {
    error = diagnostic.empty() ? name.str() + ": cannot parse" : diagnostic;
    return nullptr;
  }
  if (!module->lookupSymbol<func::FuncOp>("main")) {
    error = name.str() + ": no func.func @main";
    return nullptr;
  }
  return module;
}

OwningOpRef<ModuleOp> nn::loadMlirModel(MLIRContext &context, StringRef path,
                                        std::string &error) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFile(path);
  if (!file) {
    error = path.str() + ": cannot read (" + file.getError().message() + ")";
    return nullptr;
  }
  return parseMlirModel(context, (*file)->getBuffer(), path, error);
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
