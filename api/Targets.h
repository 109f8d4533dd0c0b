//===- Targets.h - the host API's compile targets ---------------*- C++ -*-===//
//
// What a session compiles to (nnc_options.target): the CPU JIT
// (codegen/CpuJit) or a Vulkan device (tools/nn-run/VulkanRun over
// runtime/vulkan). Both behind one interface so Session.cpp caches and runs
// them alike.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_API_TARGETS_H
#define NNC_API_TARGETS_H

#include "nnc/nnc.h"
#include "tools/nn-run/CompiledFunction.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"

#include <memory>
#include <string>

namespace nnc {

/// Compiles `module` (modified in place) at `inputTypes` for `options`'
/// target and device.
mlir::FailureOr<std::unique_ptr<mlir::nn::CompiledFunction>>
compileModel(mlir::ModuleOp module,
             llvm::ArrayRef<mlir::RankedTensorType> inputTypes,
             const nnc_options &options, std::string &error);

/// Number of devices of `target` (1 for the CPU); NN_UNSUPPORTED with a
/// message when the target is missing (no Vulkan driver or build).
nn_status countDevices(int32_t target, int32_t &count, std::string &error);

/// Whether `options`' target and device exist; else a status and message.
nn_status checkTarget(const nnc_options &options, std::string &error);

} // namespace nnc

#endif // NNC_API_TARGETS_H
