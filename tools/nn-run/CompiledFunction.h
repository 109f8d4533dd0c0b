//===- CompiledFunction.h - a compiled @main on the CPU or Vulkan -*- C++
//-*-===//
//
// One interface over nn::CpuExecutable and nn::VulkanRunner, shared by
// nn-train (which keeps its training state on the device) and libnnc's
// sessions (api/Targets.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TOOLS_NNRUN_COMPILEDFUNCTION_H
#define NNC_TOOLS_NNRUN_COMPILEDFUNCTION_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"

#include <memory>
#include <string>

namespace mlir {
namespace nn {

/// One function compiled for a target, run on dense row-major host buffers.
class CompiledFunction {
public:
  virtual ~CompiledFunction() = default;
  virtual llvm::ArrayRef<mlir::RankedTensorType> getResultTypes() const = 0;
  /// One call: `inputs[i]` holds argument i, result i goes to `outputs[i]`.
  virtual mlir::LogicalResult run(llvm::ArrayRef<const void *> inputs,
                                  llvm::ArrayRef<void *> outputs,
                                  std::string &error) = 0;
  /// For inputs kept on the target (compiled with feedback): sets their
  /// value, or reads back the value the last run fed back. run() ignores
  /// their host pointers, and those of the outputs feeding them.
  virtual mlir::LogicalResult writeInput(unsigned i, const void *data,
                                         std::string &error);
  virtual mlir::LogicalResult readInput(unsigned i, void *data,
                                        std::string &error);
};

/// (output, input) pairs: after each run the output becomes the input's
/// next value without leaving the device.
using Feedback = llvm::ArrayRef<std::pair<unsigned, unsigned>>;

/// JIT-compiles @main of `module` for this CPU at `inputTypes`.
mlir::FailureOr<std::unique_ptr<CompiledFunction>>
compileForCpu(mlir::ModuleOp module,
              llvm::ArrayRef<mlir::RankedTensorType> inputTypes,
              std::string &error);

/// Compiles @main of `module` for Vulkan device `device` and loads it there;
/// the `feedback` inputs stay on the device.
mlir::FailureOr<std::unique_ptr<CompiledFunction>>
compileForVulkanDevice(mlir::ModuleOp module,
                       llvm::ArrayRef<mlir::RankedTensorType> inputTypes,
                       int device, Feedback feedback, std::string &error);

} // namespace nn
} // namespace mlir

#endif // NNC_TOOLS_NNRUN_COMPILEDFUNCTION_H
