//===- VulkanEmit.h - nnc's Vulkan outputs ----------------------*- C++ -*-===//
//
// `nnc --target=vulkan` (a standalone executable embedding the SPIR-V
// kernels, constants and host plan) and `--emit=spirv` (a directory of
// SPIR-V modules).
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TOOLS_NNC_VULKANEMIT_H
#define NNC_TOOLS_NNC_VULKANEMIT_H

#include "codegen/AotCompile.h"

#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace nnc {

/// What to write.
struct VulkanEmitOptions {
  /// true: OUT is a directory of kernel_<i>.spv; false: an executable.
  bool spirvOnly = false;
  /// Generate code for the limits of Vulkan device `device`; -1: the
  /// conservative default target (VulkanTargetInfo's defaults).
  int device = -1;
  /// nnc's own path (the runtime lives in ../lib/nnc/vulkan from it).
  std::string nncPath;
};

/// Compiles `module` (@main already pinned by specializeMain to
/// `signature`) and writes `output`; on failure `error` holds one message
/// and nothing is left at `output`.
mlir::LogicalResult emitVulkanOutput(mlir::ModuleOp module,
                                     const mlir::nn::AotSignature &signature,
                                     const VulkanEmitOptions &options,
                                     llvm::StringRef output,
                                     std::string &error);

} // namespace nnc

#endif // NNC_TOOLS_NNC_VULKANEMIT_H
