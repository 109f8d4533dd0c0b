//===- CpuJit.h - compile and run an nn module on the host CPU --*- C++ -*-===//
//
// Takes a module with `func @main` on tensors (the importer's output, maybe
// with dynamic extents), pins every input to a concrete shape, refines all
// shapes (nn-infer-shapes), runs the CPU pipeline and JIT-compiles the result
// on several threads (JitLinker.h: LLVM at nn::kLlvmOptLevel, host CPU
// features, FP contraction).
// The caller then runs it on its own buffers: inputs and caller-allocated
// outputs, dense row-major. Every failure is a message, never a crash.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_CPUJIT_H
#define NNC_CODEGEN_CPUJIT_H

#include "codegen/CpuPipeline.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"

#include <memory>
#include <string>

namespace mlir {
namespace nn {
class JitProgram;

/// What the bufferized program looks like just before loop lowering.
struct CpuCompileStats {
  /// Loop nests that run per inference, counted statically: structured
  /// ops, copies, parallel loops (fused groups, thread-tiled micro-kernels)
  /// and sequential loop nests without structured ops inside (vectorized
  /// micro-kernels); the body of a loop holding structured ops (a recurrent
  /// op's time loop) counts its kernels once.
  int64_t kernels = 0;
  /// Bytes of memref.alloc/alloca buffers (intermediates: results are
  /// caller-provided out-parameters, so they are not counted).
  int64_t bufferBytes = 0;
};

/// A compiled `@main`, callable on dense row-major host buffers.
class CpuExecutable {
public:
  /// Specializes `module` (modified in place) to `inputTypes` (one static
  /// type per `@main` argument: same rank and element type, and the same
  /// extent wherever the argument's is static), lowers and JIT-compiles it.
  /// On failure `error` holds one message.
  static FailureOr<std::unique_ptr<CpuExecutable>>
  compile(ModuleOp module, ArrayRef<RankedTensorType> inputTypes,
          const CpuPipelineOptions &options, std::string &error,
          CpuCompileStats *stats = nullptr);

  ~CpuExecutable();

  /// The static type of each input and result.
  ArrayRef<RankedTensorType> getInputTypes() const { return inputTypes; }
  ArrayRef<RankedTensorType> getResultTypes() const { return resultTypes; }

  /// Runs `@main`: `inputs[i]` and `outputs[i]` point at dense buffers of
  /// getInputTypes()[i] / getResultTypes()[i] (outputs are written).
  LogicalResult run(ArrayRef<const void *> inputs, ArrayRef<void *> outputs,
                    std::string &error);

private:
  CpuExecutable() = default;

  std::unique_ptr<JitProgram> program;
  void (*entry)(void **) = nullptr;
  SmallVector<RankedTensorType> inputTypes, resultTypes;
};

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_CPUJIT_H
