//===- OnnxImportFuzzer.cpp - libFuzzer target for the ONNX importer -----===//
//
// Bytes → loadModelFromBuffer → importOnnxModel → verify → print. Any input
// must end in either a module that verifies or one error message; crashes,
// sanitizer reports, leaks, hangs and huge allocations are findings. Built by
// scripts/fuzz.sh (-DNN_BUILD_FUZZER=ON); see test/fuzz/README.md.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/Importer.h"
#include "frontend/onnx/ModelLoader.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace mlir;

namespace {
[[noreturn]] void finding(const llvm::Twine &what) {
  llvm::errs() << "nn-onnx-fuzzer: " << what << "\n";
  std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  onnx::ModelProto model;
  std::string error;
  if (failed(nn::onnx_import::loadModelFromBuffer(bytes, "fuzz.onnx", model,
                                                  error))) {
    if (error.empty()) {
      finding("the loader failed without a message");
    }
    return 0;
  }
  // A fresh context per input: resource blobs and uniqued attributes of one
  // input must not pile up across millions of runs.
  MLIRContext context(MLIRContext::Threading::DISABLED);
  context.loadDialect<nn::NNDialect, func::FuncDialect>();
  FailureOr<OwningOpRef<ModuleOp>> module =
      nn::importOnnxModel(context, model, "fuzz.onnx", error);
  if (failed(module)) {
    if (error.empty()) {
      finding("the importer failed without a message");
    }
    return 0;
  }
  if (failed(verify(**module))) {
    finding("the importer returned a module that does not verify");
  }
  (*module)->print(llvm::nulls());
  return 0;
}
