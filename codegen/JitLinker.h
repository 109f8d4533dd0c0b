//===- JitLinker.h - compile an LLVM-dialect module on threads --*- C++ -*-===//
//
// The CPU JIT's back end: translates a module in the LLVM dialect to LLVM IR,
// optimizes it (nn::kLlvmOptLevel) and generates host machine code, in
// several parts on several threads (splitLLVMModule), then links the
// objects into this process with ORC's LLJIT (RuntimeDyld, like
// mlir::ExecutionEngine). With one thread the module is compiled whole.
// NNC_PERF_JIT=1 registers the perf (else Intel) JIT event listener so
// profiles name the JIT's functions.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_JITLINKER_H
#define NNC_CODEGEN_JITLINKER_H

#include "mlir/IR/BuiltinOps.h"

#include <memory>
#include <string>

namespace llvm {
namespace orc {
class LLJIT;
} // namespace orc
} // namespace llvm

namespace mlir {
namespace nn {

/// Threads the JIT compiles LLVM IR on: NNC_JIT_THREADS when set (>= 1),
/// else the CPUs this process may use, at most 8.
unsigned jitCompileThreads();

/// Host machine code for an LLVM-dialect module, loaded and linked.
class JitProgram {
public:
  /// Compiles `module` (LLVM dialect) on `threads` threads, split into more
  /// parts than threads when it can be, so a thread that finishes early
  /// takes the next part. Only the C interface functions named in `entries`
  /// stay visible (the module's other definitions become internal, as for
  /// AOT, so LLVM drops unused wrappers). The host process's symbols and
  /// nnc_parallel_for resolve the module's external references. On failure
  /// `error` holds one message.
  static FailureOr<std::unique_ptr<JitProgram>>
  compile(ModuleOp module, ArrayRef<StringRef> entries, unsigned threads,
          std::string &error);

  ~JitProgram();

  /// The packed form `void(void **)` of the C interface function `name`
  /// (`_mlir_ciface_main`): one pointer per argument, as
  /// mlir::ExecutionEngine::lookupPacked returns it.
  FailureOr<void (*)(void **)> lookupPacked(StringRef name, std::string &error);

private:
  JitProgram() = default;

  std::unique_ptr<llvm::orc::LLJIT> jit;
};

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_JITLINKER_H
