//===- nnc.cpp - the nnc compiler driver ------------------------*- C++ -*-===//
//
// `nnc MODEL.onnx --emit=nn [-o FILE] [--bind=NAME=FILE.pb ...]`: imports an
// ONNX model (graph inputs named by --bind replaced by the constant tensors
// in those TensorProto files) and prints the nn module. Later stages extend the
// --emit ladder. Any error is one line `error: ...` on stderr and exit code 1.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/Importer.h"
#include "ir/NNOps.h"
#include "mlir/Bytecode/BytecodeWriter.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace {
enum class EmitKind { NN };

int reportError(const llvm::Twine &message) {
  llvm::errs() << "error: " << message << "\n";
  return 1;
}
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  llvm::cl::opt<std::string> inputFile(
      llvm::cl::Positional, llvm::cl::desc("<model.onnx>"), llvm::cl::Required);
  llvm::cl::opt<std::string> outputFile(
      "o", llvm::cl::desc("Output file (default: stdout)"),
      llvm::cl::value_desc("file"), llvm::cl::init("-"));
  llvm::cl::opt<EmitKind> emit(
      "emit", llvm::cl::desc("What to emit"), llvm::cl::init(EmitKind::NN),
      llvm::cl::values(clEnumValN(EmitKind::NN, "nn", "the imported nn IR")));
  llvm::cl::list<std::string> bindings(
      "bind",
      llvm::cl::desc("Replace graph input NAME by the constant in the ONNX "
                     "TensorProto file FILE.pb (repeatable)"),
      llvm::cl::value_desc("NAME=FILE.pb"));
  llvm::cl::opt<bool> emitBytecode(
      "emit-bytecode",
      llvm::cl::desc("Write MLIR bytecode instead of text: weights stay binary "
                     "(no hex), nn-opt reads it back"),
      llvm::cl::init(false));
  registerAsmPrinterCLOptions(); // --mlir-print-debuginfo shows node locations
  llvm::cl::ParseCommandLineOptions(argc, argv,
                                    "nnc: neural-network compiler\n");

  nn::ImportOptions options;
  for (const std::string &binding : bindings) {
    auto [name, path] = llvm::StringRef(binding).split('=');
    if (name.empty() || path.empty()) {
      return reportError("--bind=" + binding +
                         ": expected --bind=NAME=FILE.pb");
    }
    options.bindings.emplace_back(name.str(), path.str());
  }

  MLIRContext context;
  context.loadDialect<nn::NNDialect, func::FuncDialect>();
  std::string error;
  FailureOr<OwningOpRef<ModuleOp>> module =
      nn::importOnnxFile(context, inputFile, error, options);
  if (failed(module)) {
    return reportError(error);
  }

  std::string openError;
  std::unique_ptr<llvm::ToolOutputFile> output =
      openOutputFile(outputFile, &openError);
  if (!output) {
    return reportError(openError);
  }
  if (emitBytecode) {
    if (failed(writeBytecodeToFile(**module, output->os()))) {
      return reportError("cannot write bytecode to " + outputFile);
    }
  } else {
    (*module)->print(output->os());
    output->os() << "\n";
  }
  output->keep();
  return 0;
}
