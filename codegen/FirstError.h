//===- FirstError.h - keep the first error diagnostic -----------*- C++ -*-===//
//
// The compile paths (JIT, AOT) report one message per failure: the first
// error diagnostic with its location, or a fallback when there was none.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_FIRSTERROR_H
#define NNC_CODEGEN_FIRSTERROR_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace mlir {
namespace nn {

/// Keeps the first error diagnostic (with its location) while active.
class FirstError {
public:
  explicit FirstError(MLIRContext *context)
      : handler(context, [this](Diagnostic &diag) {
          if (diag.getSeverity() == DiagnosticSeverity::Error &&
              message.empty()) {
            llvm::raw_string_ostream os(message);
            os << diag.getLocation() << ": " << diag;
          }
          return success();
        }) {}

  /// The first error, or `fallback` if none was reported.
  std::string take(StringRef fallback) {
    return message.empty() ? fallback.str() : message;
  }

private:
  std::string message;
  ScopedDiagnosticHandler handler;
};

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_FIRSTERROR_H
